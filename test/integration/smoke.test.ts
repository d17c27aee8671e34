import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMOKE_NOTE_PREFIX } from '../../infra/ops/smoke-run';

/**
 * The smoke test the pipeline runs against staging (`npm run smoke`), run here against `npm start`: the
 * real entry point in a child process (DynamoDB Local, s3rver and the evidence verifier behind it), a
 * machine client made by the demo admin through the API, and the smoke CLI in a child process of its own,
 * as the pipeline calls it. Needs the built dashboard (npm test builds it).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'abdi-smoke-'));
const OFFICE = 'bapas-palopo';
let child: ChildProcess;
let output = '';
let url = '';
let client = { id: '', secret: '' };

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    env: { ...process.env, PORT: '0', SMTP_PORT: '0', ABDI_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not started in time:\n${output}`)), 170_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Abdi is running at (http:\/\/\S+)/.exec(output);
      if (found?.[1] && output.includes('API:')) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
  // What an office admin does once per staging deployment: a machine client for the pipeline.
  const admin = await adminToken();
  const created = await fetch(`${url}/v1/offices/${OFFICE}/integrations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Pipeline smoke test',
      scopes: ['cases:read', 'cases:write', 'evidence:write'],
    }),
  });
  expect(created.status).toBe(201);
  const body = (await created.json()) as { integration: { clientId: string }; clientSecret: string };
  client = { id: body.integration.clientId, secret: body.clientSecret };
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

async function adminToken(): Promise<string> {
  const response = await fetch(`${url}/local/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin.palopo', password: 'demo-password' }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** `npm run smoke -- <args>` as the pipeline runs it; resolves with its exit code and output. */
function smoke(args: readonly string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const run = spawn(process.execPath, ['--import', 'tsx', 'infra/ops/smoke.ts', ...args], {
      env: { ...process.env, SMOKE_CLIENT_ID: '', SMOKE_CLIENT_SECRET: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    run.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    run.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run smoke against npm start', () => {
  it('passes every step, and leaves its note line and a verified PDF on the case', async () => {
    // Act
    const result = await smoke([url, '--office', OFFICE, '--timeout', '30'], {
      SMOKE_CLIENT_ID: client.id,
      SMOKE_CLIENT_SECRET: client.secret,
    });

    // Assess
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    const steps = result.stdout.split('\n').filter((line) => line.startsWith('ok   '));
    expect(steps.map((line) => line.replace(/^ok {3}| \(\d+ ms\)$/g, ''))).toEqual([
      'GET /health',
      'token endpoint from /config.json',
      'client-credentials token',
      'find the smoke case',
      'write: PATCH the case notes',
      'read: GET the case back',
      'evidence: request an upload and PUT the file',
      'evidence: verified',
    ]);
    // What the run left, read by a person of the office.
    const admin = await adminToken();
    const read = async <T>(path: string) => {
      const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${admin}` } });
      expect(response.status, path).toBe(200);
      return (await response.json()) as T;
    };
    const [first] = (await read<{ items: { id: string }[] }>(`/v1/offices/${OFFICE}/cases?limit=1`)).items;
    const written = await read<{ notes?: string }>(`/v1/offices/${OFFICE}/cases/${first!.id}`);
    expect(written.notes?.split('\n').filter((line) => line.startsWith(SMOKE_NOTE_PREFIX))).toHaveLength(1);
    const evidence = await read<{ items: { fileName: string; status: string }[] }>(
      `/v1/offices/${OFFICE}/cases/${first!.id}/evidence?limit=100`,
    );
    expect(evidence.items.filter((e) => e.fileName === 'smoke-test.pdf')).toEqual([
      expect.objectContaining({ status: 'verified' }),
    ]);
  });

  it('fails at the token when the secret is wrong, naming the step', async () => {
    // Act
    const result = await smoke([url, '--office', OFFICE], {
      SMOKE_CLIENT_ID: client.id,
      SMOKE_CLIENT_SECRET: 'not-the-secret',
    });

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ok   GET /health');
    expect(result.stderr.trim()).toBe('Smoke test failed: client-credentials token: HTTP 401 invalid_client');
  });

  it('checks only the health with --health-only, needing no client', async () => {
    // Act
    const result = await smoke([url, '--health-only'], {});

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok {3}GET \/health \(\d+ ms\)\nSmoke test passed/);
  });
});
