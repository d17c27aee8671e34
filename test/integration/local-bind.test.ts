import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { bindHost, dialHost, localUrl } from '../../infra/local/host';

/**
 * Local mode binds to 127.0.0.1 unless `HOST` says otherwise (issue 11, item 10): the HTTP server,
 * DynamoDB Local (a JVM, started through infra/local/DynamoDbLocalOnHost.java because it has no
 * bind-address option of its own) and s3rver. The whole local system is started in a child process, as
 * `npm start` runs it, and the kernel's own table of listening sockets (/proc/net/tcp and tcp6) says
 * which address each port is bound to: no connection to any other interface is attempted.
 */

const work = mkdtempSync(join(tmpdir(), 'abdi-bind-'));
const webDir = join(work, 'web');
mkdirSync(webDir);
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Abdi</title>');

interface Started {
  readonly url: string;
  readonly dynamoEndpoint: string;
  readonly s3Endpoint: string;
  /** The mail capture's SMTP server (ADR 0014). */
  readonly smtpEndpoint: string;
}

/** Starts the local system with `env`, runs `check` while it runs, then stops it. */
async function whileRunning(env: Record<string, string>, check: (started: Started) => void) {
  const script = `import { startLocal } from './infra/local/start.ts';
    const s = await startLocal({ port: 0, webDir: ${JSON.stringify(webDir)}, dataDir: ${JSON.stringify(join(work, `data-${Object.keys(env).join('-') || 'default'}`))} });
    console.log(JSON.stringify({ url: s.url, dynamoEndpoint: s.dynamoEndpoint, s3Endpoint: s.s3Endpoint, smtpEndpoint: 'smtp://' + s.smtp.host + ':' + s.smtp.port }));
    process.stdin.once('data', async () => { await s.stop(); process.exit(0); });`;
  const { HOST: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...inherited, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`local mode exited (${code}): ${stderr}`)));
    });
    check(JSON.parse(line) as Started);
  } finally {
    child.stdin.write('stop\n');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

/** The local addresses of the sockets listening on `port`, from the kernel's tables (Linux). */
function listenersOn(port: number): string[] {
  const addresses: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const row of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const [, local, , state] = row.trim().split(/\s+/);
      const [hex, portHex] = local!.split(':');
      if (state !== '0A' || Number.parseInt(portHex!, 16) !== port) continue; // 0A: LISTEN
      addresses.push(addressOf(hex!));
    }
  }
  return addresses;
}

/** /proc/net's hex address (32-bit words in host byte order) as text; IPv4-mapped IPv6 as IPv4. */
function addressOf(hex: string): string {
  const bytes = (hex.match(/.{8}/g) ?? []).flatMap((word) => [...Buffer.from(word, 'hex').reverse()]);
  if (bytes.length === 4) return bytes.join('.');
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return bytes.slice(12).join('.');
  if (bytes.every((b) => b === 0)) return '::';
  return (Buffer.from(bytes).toString('hex').match(/.{4}/g) ?? []).join(':');
}

const portOf = (url: string) => Number(new URL(url).port);

describe('local mode binds to 127.0.0.1 unless HOST says otherwise', () => {
  it('HOST decides the address; clients on this machine dial loopback for a wildcard', () => {
    expect(bindHost({})).toBe('127.0.0.1');
    expect(bindHost({ HOST: ' ' })).toBe('127.0.0.1');
    expect(bindHost({ HOST: '0.0.0.0' })).toBe('0.0.0.0');
    expect(dialHost('0.0.0.0')).toBe('127.0.0.1');
    expect(localUrl('::', 8000)).toBe('http://[::1]:8000');
    expect(localUrl('127.0.0.1', 8000)).toBe('http://127.0.0.1:8000');
  });

  it('by default the HTTP server, DynamoDB Local, s3rver and the SMTP capture listen on 127.0.0.1 only', async () => {
    await whileRunning({}, (started) => {
      for (const url of [started.url, started.dynamoEndpoint, started.s3Endpoint, started.smtpEndpoint]) {
        const listeners = listenersOn(portOf(url));
        expect(listeners, url).not.toEqual([]);
        expect(listeners, url).toEqual(listeners.map(() => '127.0.0.1'));
      }
      expect(new URL(started.dynamoEndpoint).hostname).toBe('127.0.0.1');
      expect(new URL(started.s3Endpoint).hostname).toBe('127.0.0.1');
    });
  }, 180_000);

  it('HOST=0.0.0.0 opens all four to every interface, as asked', async () => {
    await whileRunning({ HOST: '0.0.0.0' }, (started) => {
      for (const url of [started.url, started.dynamoEndpoint, started.s3Endpoint, started.smtpEndpoint]) {
        const listeners = listenersOn(portOf(url));
        expect(listeners, url).not.toEqual([]);
        for (const address of listeners) expect(['0.0.0.0', '::'], url).toContain(address);
      }
    });
  }, 180_000);
});
