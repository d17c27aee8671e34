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
 *
 * The JVM never outlives this process, however it ends (issue 16: a SIGKILL runs no exit handler):
 * the launcher exits when its standard input, a pipe this process holds and never writes, reaches
 * end-of-file; a bare jar is watched by a small watchdog process doing the same (see `exitWithParent`).
 */
export async function startDynamoDbLocal(
  options: {
    dbPath?: string;
    port?: number;
    host?: string;
    onWarning?: (message: string) => void;
    /** Run the bare jar under the watchdog even where `javac` could build the launcher (tests). */
    bareJar?: boolean;
  } = {},
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
  // The launcher for every address (0.0.0.0 too): it is also what ends the JVM with this process.
  const launcher = options.bareJar ? undefined : compiledLauncher(classPath);
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
    // Its working folder receives a metadata file; keep that out of the repository. Its standard input
    // is a pipe nobody writes: end-of-file there tells the launcher that this process is gone.
    { stdio: ['pipe', 'ignore', 'pipe'], cwd: options.dbPath ?? tmpdir() },
  );
  if (!launcher) exitWithParent(child);
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

/**
 * A bare DynamoDB Local jar cannot watch its standard input, so a small node process does: it holds
 * the read end of a pipe whose write end only this process has, and SIGKILLs the JVM when that pipe
 * ends (this process died), or exits itself when the JVM has gone. The JVM's pid cannot be reused
 * while the watchdog waits: this process has not reaped it (`exit` unheard), or the watchdog has left.
 */
function exitWithParent(jvm: ChildProcess): void {
  const script = `const pid = Number(process.argv[1]);
    const end = () => { try { process.kill(pid, 'SIGKILL'); } catch {} process.exit(0); };
    process.stdin.on('end', end).on('error', end).resume();
    setInterval(() => { try { process.kill(pid, 0); } catch { process.exit(0); } }, 1000);`;
  const watchdog = spawn(process.execPath, ['-e', script, String(jvm.pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  jvm.once('exit', () => watchdog.kill());
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
