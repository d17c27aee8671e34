import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindHost, dialHost, localUrl } from './host';
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
 *
 * It listens on `host` (default: `HOST`, else 127.0.0.1; see host.ts). DynamoDB Local itself has no
 * option for that and listens on every interface, so it is started through DynamoDbLocalOnHost.java,
 * which sets the address of its Jetty connector; that needs a JDK's `javac` once (the compiled launcher
 * is kept in the temp folder). On a bare JRE it runs the jar as it is, on every interface, and says so.
 */
export async function startDynamoDbLocal(
  options: { dbPath?: string; port?: number; host?: string; onWarning?: (message: string) => void } = {},
): Promise<DynamoDbLocal> {
  assertJava();
  const emulatorDir = join(
    dirname(createRequire(import.meta.url).resolve('amplify-dynamodb-simulator/package.json')),
    'emulator',
  );
  const host = options.host ?? bindHost();
  const port = options.port ?? (await freePort());
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const dynamoArgs = ['-port', String(port), '-disableTelemetry', '-sharedDb', ...storage];
  const classPath = [join(emulatorDir, 'DynamoDBLocal.jar'), join(emulatorDir, 'DynamoDBLocal_lib', '*')];
  const launcher = host === '0.0.0.0' ? undefined : compiledLauncher(classPath);
  if (!launcher && host !== '0.0.0.0') {
    (options.onWarning ?? ((message: string) => process.stderr.write(`${message}\n`)))(
      `DynamoDB Local listens on every interface, not only ${host}: it has no bind-address option, and the launcher that sets one needs a JDK (javac), which was not found.`,
    );
  }

  const child = spawn(
    'java',
    [
      '-Xmx512m',
      `-Djava.library.path=${join(emulatorDir, 'DynamoDBLocal_lib')}`,
      ...(launcher
        ? ['-cp', [launcher, ...classPath].join(delimiter), LAUNCHER_CLASS, host, ...dynamoArgs]
        : ['-jar', join(emulatorDir, 'DynamoDBLocal.jar'), ...dynamoArgs]),
    ],
    // Its working folder receives a metadata file; keep that out of the repository.
    { stdio: ['ignore', 'ignore', 'pipe'], cwd: options.dbPath ?? tmpdir() },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    await waitForPort(port, 60_000, () => child.exitCode === null, dialHost(host));
  } catch (error) {
    child.kill('SIGKILL');
    throw new LocalSetupError(`DynamoDB Local did not start (${(error as Error).message}). ${stderr.trim()}`);
  }
  return { endpoint: localUrl(host, port), port, stop: () => stopChild(child) };
}

const LAUNCHER_CLASS = 'DynamoDbLocalOnHost';
const launcherSource = fileURLToPath(new URL(`./${LAUNCHER_CLASS}.java`, import.meta.url));

/**
 * The folder holding the compiled DynamoDbLocalOnHost launcher, compiled on first use into the temp
 * folder (keyed by its source, so an edit recompiles), or undefined when there is no `javac`.
 */
function compiledLauncher(classPath: readonly string[]): string | undefined {
  const source = readFileSync(launcherSource);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `abdi-dynamodb-local-launcher-${hash}`);
  if (existsSync(join(dir, `${LAUNCHER_CLASS}.class`))) return dir;
  const staging = mkdtempSync(join(tmpdir(), 'abdi-dynamodb-local-launcher-'));
  const javac = spawnSync(
    'javac',
    ['-nowarn', '-d', staging, '-cp', classPath.join(delimiter), launcherSource],
    { encoding: 'utf8' },
  );
  if (javac.error || javac.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    if (javac.error) return undefined;
    throw new LocalSetupError(`The DynamoDB Local launcher did not compile: ${javac.stderr.trim()}`);
  }
  try {
    renameSync(staging, dir);
  } catch {
    // Another process compiled it at the same moment: use theirs.
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
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
