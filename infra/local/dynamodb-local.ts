import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LocalSetupError } from './local-error';
import { freePort, waitForPort } from './ports';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts AWS's DynamoDB Local (the jar shipped inside the `amplify-dynamodb-simulator` package) as a
 * child JVM. `-sharedDb` makes every access key and region see the same tables; `dbPath` keeps data
 * across restarts, `undefined` keeps it in memory (tests).
 */
export async function startDynamoDbLocal(
  options: { dbPath?: string; port?: number } = {},
): Promise<DynamoDbLocal> {
  assertJava();
  const emulatorDir = join(
    dirname(createRequire(import.meta.url).resolve('amplify-dynamodb-simulator/package.json')),
    'emulator',
  );
  const port = options.port ?? (await freePort());
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });

  const child = spawn(
    'java',
    [
      '-Xmx512m',
      `-Djava.library.path=${join(emulatorDir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(emulatorDir, 'DynamoDBLocal.jar'),
      '-port',
      String(port),
      '-disableTelemetry',
      '-sharedDb',
      ...storage,
    ],
    // Its working folder receives a metadata file; keep that out of the repository.
    { stdio: ['ignore', 'ignore', 'pipe'], cwd: options.dbPath ?? tmpdir() },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    await waitForPort(port, 30_000, () => child.exitCode === null);
  } catch (error) {
    child.kill('SIGKILL');
    throw new LocalSetupError(`DynamoDB Local did not start (${(error as Error).message}). ${stderr.trim()}`);
  }
  return { endpoint: `http://127.0.0.1:${port}`, port, stop: () => stopChild(child) };
}

function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new LocalSetupError(
      'Java 17+ is required for DynamoDB Local: install a JRE (e.g. apt-get install default-jre-headless).',
    );
  }
  const version = /version "(\d+)/.exec(probe.stderr)?.[1];
  if (version && Number(version) < 17) {
    throw new LocalSetupError(`DynamoDB Local needs Java 17 or newer; found Java ${version}.`);
  }
}

/** SIGTERM, then SIGKILL after a grace period, so a stuck JVM is never left behind. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
