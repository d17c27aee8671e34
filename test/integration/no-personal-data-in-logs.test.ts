import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiHandler } from '../../functions/api/app';
import { createDependencies } from '../../functions/platform/dependencies';
import { apiCaller } from '../support/api';
import { adultClient, registeredCase } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';

/**
 * Personal data (NIK, names, phone, address) must never reach the logs (UU 27/2022). This drives the
 * API at DEBUG level through success, refusal and store failure, capturing everything the process
 * writes, and looks for the client's data in it.
 */
const env = testEnvironment({ now: () => new Date('2026-06-29T08:00:00Z') });
const logger = new Logger({ serviceName: 'abdi-test', logLevel: 'DEBUG' });
const metrics = new Metrics({ namespace: 'AbdiTest', serviceName: 'abdi-test' });
const call = apiCaller(createApiHandler(env.deps, { logger, metrics }));
let world: Awaited<ReturnType<typeof seedDirectory>>;
let written = '';

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
});

afterEach(() => {
  vi.restoreAllMocks();
});

function capture() {
  written = '';
  const record = (chunk: unknown) => {
    written += String(chunk);
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(record);
  vi.spyOn(process.stderr, 'write').mockImplementation(record);
}

describe('logs carry ids, never personal data', () => {
  it('through success, refusal and a failing store', async () => {
    const person = adultClient({ fullName: 'Siti Rahmawati Tenriajeng', phone: '+62 811 4455 6677' });
    capture();

    const created = await call('POST', `/v1/offices/${world.home}/clients`, {
      claims: world.claims.officer,
      body: person,
    });
    await call('POST', `/v1/offices/${world.home}/clients`, {
      claims: world.claims.officer,
      body: { ...person, birthDate: 'not-a-date' },
    });
    await call('GET', `/v1/offices/${world.home}/clients/${created.body.id}?reveal=nik&reason=Verifikasi`, {
      claims: world.claims.officer,
    });
    await registeredCase(call, world);
    // A store that cannot be reached: the error path logs, and must still log no request data.
    const broken = createDependencies({ ...env.config, dynamoEndpoint: 'http://127.0.0.1:9' });
    const failing = apiCaller(createApiHandler(broken, { logger, metrics }));
    const unavailable = await failing('POST', `/v1/offices/${world.home}/clients`, {
      claims: world.claims.officer,
      body: person,
    });

    vi.restoreAllMocks();
    expect(created.status).toBe(201);
    expect(unavailable.status).toBe(503);
    expect(written).toContain('request failed');
    for (const secret of [person.nik, person.fullName, 'Rahmawati', person.phone, person.address]) {
      expect(written).not.toContain(secret);
    }
    // What the logs do carry, on every line: the Lambda's and API Gateway's request ids and the office.
    const lines = written
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes('"level"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatchObject({ function_request_id: 'test', officeId: world.home });
      expect(line.correlation_id).toEqual(expect.any(String));
    }
  });
});
