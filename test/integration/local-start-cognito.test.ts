import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm start -- --auth cognito-local`: the real entry point in a child process starts cognito-local with
 * the synthesized user pool, seeds the demo people into it, and the dashboard's sign-in form works with
 * the emulator's tokens. MFA_REQUIRED_ROLES=admin shows that local mode's MFA requirement is set by the
 * environment (the demo admin has no TOTP, so is refused). Needs the built dashboard (npm test builds it).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'abdi-start-cognito-'));
let child: ChildProcess;
let output = '';
let url = '';

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts', '--auth', 'cognito-local'], {
    env: { ...process.env, PORT: '0', ABDI_DATA_DIR: dataDir, MFA_REQUIRED_ROLES: 'admin' },
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
}, 180_000);

afterAll(async () => {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}, 30_000);

const signIn = (username: string, password = 'demo-password') =>
  fetch(`${url}/local/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe('npm start -- --auth cognito-local', () => {
  it('names the emulator and its pool on start', () => {
    expect(output).toMatch(/People sign in through cognito-local at http:\/\/127\.0\.0\.1:\d+ \(pool local_/);
  });

  it('signs a demo officer in with a token issued by cognito-local, which the API accepts', async () => {
    const session = await signIn('pk.palopo');
    expect(session.status).toBe(200);
    const { accessToken } = (await session.json()) as { accessToken: string };
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as {
      iss: string;
      username: string;
    };
    expect(claims.iss).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/local_/);
    expect(claims.username).toBe('pk.palopo');

    const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'pk.palopo' });
    expect((await signIn('pk.palopo', 'wrong-password')).status).toBe(401);
  });

  it('refuses the demo admin, who has no TOTP, when MFA_REQUIRED_ROLES=admin', async () => {
    const { accessToken } = (await (await signIn('admin.palopo')).json()) as { accessToken: string };
    const response = await fetch(`${url}/v1/offices/bapas-palopo/users`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { detail: string }).detail).toContain('multi-factor sign-in (MFA)');
  });
});
