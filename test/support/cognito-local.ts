import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterAll, beforeAll, expect } from 'vitest';
import { createApiHandler } from '../../functions/api/app';
import type { Role } from '../../functions/identity/principal';
import { createDependencies } from '../../functions/platform/dependencies';
import { CognitoIdentityProvider } from '../../functions/store/cognito-identity-provider';
import type { DirectoryStore } from '../../functions/store/directory-store';
import { createCognitoLocalAuth } from '../../infra/local/cognito-local-auth';
import { createLocalRequestListener, type ApiLambda } from '../../infra/local/http-adapter';
import type { LocalAuth } from '../../infra/local/local-auth';
import { emulatedUserPool } from './cognito-pool';
import { testEnvironment } from './environment';

/** The temporary password cognito-local "emails" every invited person (it reads CODE). */
export const TEMPORARY_PASSWORD = 'Temporary-Pass-1';

/** The API handler over `deps`, with logs and metrics silenced. */
export function quietApiHandler(deps: ReturnType<typeof createDependencies>) {
  return createApiHandler(deps, {
    logger: new Logger({ serviceName: 'abdi-test', logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'AbdiTest', serviceName: 'abdi-test' }),
  });
}

/** An office of its own (region `region-<suffix>`) for a test that records its own people in it. */
export function putBareOffice(
  directory: DirectoryStore,
  office: { id: string; name: string; suffix: string },
) {
  return directory.putOffice({
    id: office.id,
    name: office.name,
    class: 'II',
    timeZone: 'Asia/Makassar',
    regionId: `region-${office.suffix}`,
    address: 'Jl. Uji',
  });
}

export interface Invitee {
  readonly username: string;
  readonly fullName: string;
  readonly email: string;
}

/**
 * cognito-local with the user pool the CDK synthesizes (see `emulatedUserPool`), and the API behind
 * the local HTTP adapter as local mode wires it with `--auth cognito-local`: the Cognito adapter on the
 * emulator, TOTP required of `mfaRequiredFor`. Registers its own beforeAll/afterAll; its parts are
 * there once the tests run.
 */
export function cognitoLocalHarness(options: { name: string; mfaRequiredFor: readonly Role[] }) {
  const env = testEnvironment();
  // The temporary password is fixed so a test can take the first sign-in path a person takes with
  // the emailed one.
  const users = emulatedUserPool(options.name, { CODE: TEMPORARY_PASSWORD });
  let server: Server | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    const { emulator, cognito, pool } = users;
    const deps = createDependencies({
      ...env.config,
      userPoolId: pool.userPoolId,
      cognitoEndpoint: emulator.endpoint,
      mfaRequiredFor: options.mfaRequiredFor,
    });
    const api = quietApiHandler(deps) as unknown as ApiLambda;
    const noLocalTokens = {
      verify: () => Promise.reject(new Error('not a cognito-local token')),
    } as unknown as LocalAuth;
    const auth = createCognitoLocalAuth({
      cognito,
      endpoint: emulator.endpoint,
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      fallback: noLocalTokens,
    });
    const webDir = mkdtempSync(join(tmpdir(), `abdi-${options.name}-web-`));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Abdi</title>');
    const listening = createServer(createLocalRequestListener({ api, auth, webDir, webConfig: {} }));
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  return {
    env,
    get emulator() {
      return users.emulator;
    },
    get pool() {
      return users.pool;
    },
    get cognito() {
      return users.cognito;
    },
    get baseUrl() {
      if (!baseUrl) throw new Error('the API is not listening yet (use it inside a test)');
      return baseUrl;
    },
    signIn: users.signIn,
    answer: users.answer,

    /** Invites through the same adapter the API uses, and records the person in Abdi's directory. */
    async invite(person: Invitee, role: 'admin' | 'officer', officeId: string) {
      const provider = new CognitoIdentityProvider(users.cognito, users.pool.userPoolId);
      await provider.invite(person);
      await provider.syncGroups(person.username, [role]);
      await env.directory.putUser({ ...person, status: 'active' }, [{ role, officeId }]);
    },

    /** The first sign-in: the temporary password, then the person's own (NEW_PASSWORD_REQUIRED). */
    async firstSignIn(username: string, password: string): Promise<string> {
      const started = await users.signIn(username, TEMPORARY_PASSWORD);
      expect(started.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
      return users.answer(username, started, { NEW_PASSWORD: password });
    },
  };
}
