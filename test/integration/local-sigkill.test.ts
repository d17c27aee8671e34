import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * A SIGKILL of `npm start` runs no exit handler, so nothing in it can stop its DynamoDB Local JVM: the
 * JVM has to notice by itself (issue 16). Each case starts the entry in a child process, waits until it
 * is ready, SIGKILLs it, and expects its JVM, found by its parent's pid, gone within a few seconds.
 */
const work = mkdtempSync(join(tmpdir(), 'abdi-sigkill-'));
const webDir = join(work, 'web');
mkdirSync(webDir);
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Abdi</title>');
const started: ChildProcess[] = [];

/** Runs `script` (an ES module) in a node child with tsx; resolves once it prints `ready`. */
async function startChild(script: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, PORT: '0', SMTP_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 120 s: ${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}: ${output}`));
    });
  });
  return child;
}

/** The state letter of a process (`R`, `S`, `Z`…), or undefined when there is none by that pid. */
function stateOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

/** The pids of the running `java` processes whose parent is `parent`. */
function javaChildrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return command === 'java' && ppid === parent;
      } catch {
        return false;
      }
    });
}

/** Whether `pid` is gone (or a zombie: exited, waiting only to be reaped) within `ms`. */
async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const state = stateOf(pid);
    if (state === undefined || state === 'Z') return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function killAndExpectJvmGone(child: ChildProcess) {
  const [jvm] = javaChildrenOf(child.pid!);
  expect(jvm, 'the entry started a JVM').toBeDefined();
  expect(stateOf(jvm!)).not.toBe('Z');

  child.kill('SIGKILL');

  expect(await goneWithin(jvm!, 5_000), `JVM ${jvm} still running 5 s after its parent's SIGKILL`).toBe(true);
}

afterEach(() => {
  // Only the children this file started, by their pid; a killed one is already gone.
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('a SIGKILL of npm start leaves no DynamoDB Local JVM behind', () => {
  it('the whole local stack: the launcher exits when its parent is gone', async () => {
    const child = await startChild(`import { startLocal } from './infra/local/start.ts';
      await startLocal({ webDir: ${JSON.stringify(webDir)}, dataDir: ${JSON.stringify(join(work, 'data'))}, port: 0 });
      console.log('ready');`);

    await killAndExpectJvmGone(child);
  }, 150_000);

  it('a bare DynamoDB Local jar (no JDK to build the launcher): its watchdog ends it', async () => {
    const child = await startChild(`import { startDynamoDbLocal } from './infra/local/dynamodb-local.ts';
      await startDynamoDbLocal({ bareJar: true, host: '0.0.0.0' });
      console.log('ready');`);

    await killAndExpectJvmGone(child);
  }, 150_000);
});
