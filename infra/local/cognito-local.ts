import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LocalSetupError } from './local-error';
import { freePort, waitForPort } from './ports';

export interface CognitoLocal {
  /** `http://127.0.0.1:<port>`: the SDK endpoint, and the issuer's origin (`<endpoint>/<userPoolId>`). */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts cognito-local (an emulator of the Cognito user pools API, its JWKS and token issuing) as a child
 * process on a loopback port, its data in `dataDir`. It keeps its state in `<cwd>/.cognito`, so the child
 * runs with `dataDir` as its working directory.
 *
 * The config written here matters: cognito-local's default `UserPoolDefaults` make every pool sign in by
 * email (`UsernameAttributes: ["email"]`), which would hide exactly the mistake issue 11 found. An empty
 * list lets the pool settings read from the CDK template decide.
 */
export async function startCognitoLocal(options: {
  dataDir: string;
  port?: number;
  host?: string;
  env?: Record<string, string>;
}): Promise<CognitoLocal> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort());
  const endpoint = `http://${host}:${port}`;
  mkdirSync(join(options.dataDir, '.cognito'), { recursive: true });
  writeFileSync(
    join(options.dataDir, '.cognito', 'config.json'),
    JSON.stringify(
      {
        UserPoolDefaults: { UsernameAttributes: [] },
        TokenConfig: { IssuerDomain: endpoint },
        ServerConfig: { hostname: host, port },
      },
      null,
      2,
    ),
  );
  const require = createRequire(import.meta.url);
  const entry = join(dirname(require.resolve('cognito-local/package.json')), 'lib', 'bin', 'start.js');
  // Its log prints temporary passwords and codes (what Cognito would email), so it goes to a file in the
  // data folder, never to the console or the test output.
  const logFile = join(options.dataDir, 'cognito-local.log');
  const logFd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [entry], {
    cwd: options.dataDir,
    env: { ...process.env, HOST: host, PORT: String(port), ...options.env },
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  try {
    await waitForPort(port, 20_000, () => !exited);
  } catch (error) {
    child.kill('SIGKILL');
    throw new LocalSetupError(
      `cognito-local did not start on ${endpoint}: ${String((error as Error).message)}. Its log: ${readFileSync(logFile, 'utf8').slice(-400)}`,
    );
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((done) => {
        if (exited) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
