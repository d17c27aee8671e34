import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm start` explains a set-up problem in one line and exits non-zero, without a stack trace and
 * without leaving a JVM behind. Each case runs the real entry point in a child process.
 */
const work = mkdtempSync(join(tmpdir(), 'abdi-start-'));
const webDir = join(work, 'web');
mkdirSync(webDir);
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Abdi</title>');
const blocker = createServer();
let busyPort = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  busyPort = (blocker.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

function start(env: Record<string, string>, webDist = webDir) {
  const script = `import { startLocal } from './infra/local/start.ts';
    startLocal({ webDir: ${JSON.stringify(webDist)}, dataDir: ${JSON.stringify(join(work, 'data'))} })
      .then(async (s) => { await s.stop(); console.log('started'); })
      .catch((e) => { console.error(e.name + ': ' + e.message); process.exit(1); });`;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

function main(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    env: { ...process.env, ABDI_DATA_DIR: join(work, 'data'), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npm start explains set-up problems in one line', () => {
  it('a busy port', () => {
    const result = start({ PORT: String(busyPort) });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `LocalSetupError: Port ${busyPort} is busy: stop what uses it, or start with PORT=<other> npm start.`,
    );
  });

  it('a missing dashboard build', () => {
    const result = start({ PORT: '0' }, join(work, 'nowhere'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('run npm run build:web');
  });

  it('no Java on the PATH', () => {
    const bin = join(work, 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(process.execPath, join(bin, 'node'));
    const result = start({ PORT: '0', PATH: `${bin}` });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Java 17+ is required');
  });

  it('the npm start entry prints only the message, no stack trace', () => {
    const result = main({ PORT: String(busyPort) });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `Port ${busyPort} is busy: stop what uses it, or start with PORT=<other> npm start.`,
    ]);
  });
});
