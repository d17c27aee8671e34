import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiHandler } from '../../functions/api/app';
import { businessMetrics } from '../../functions/platform/business-metrics';
import { apiCaller } from '../support/api';
import { registeredCase } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, placedCase } from '../support/placed-case';
import { patch, weekdayPlacement } from '../support/requests';

/**
 * The business metrics as CloudWatch receives them: Powertools' EMF lines on stdout, published by the
 * API handler after each request. The API runs over DynamoDB Local with the wiring the Lambda uses; only
 * the metrics instance is the test's, so that it publishes here (the suite disables metrics otherwise).
 */
const env = testEnvironment({ now: () => new Date('2026-06-29T08:00:00Z') });
vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
const metrics = new Metrics({ namespace: 'Abdi', serviceName: 'abdi-test' });
vi.unstubAllEnvs();
const call = apiCaller(
  createApiHandler(
    { ...env.deps, businessEvents: businessMetrics(metrics) },
    { logger: new Logger({ serviceName: 'abdi-test', logLevel: 'SILENT' }), metrics },
  ),
);
let world: Awaited<ReturnType<typeof seedDirectory>>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  await fixtureSite(env.deps, world);
});

// Every request publishes (setting-up ones too): stdout is kept here rather than printed.
let written = '';
beforeEach(() => {
  written = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

interface Emf {
  readonly _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] };
  readonly [name: string]: unknown;
}

/** Runs `act` and returns the EMF documents it published. */
async function published<T>(act: () => Promise<T>): Promise<{ result: T; emf: Emf[] }> {
  const from = written.length;
  const result = await act();
  const emf = written
    .slice(from)
    .split('\n')
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Emf);
  return { result, emf };
}

/** The values one metric took in the documents (a metric added twice in a request is a list). */
const valuesOf = (emf: readonly Emf[], name: string): number[] =>
  emf.flatMap((doc) => (name in doc ? [doc[name]].flat() : [])) as number[];

const session = (date: string, startTime: string, endTime: string) => ({
  date,
  startTime,
  endTime,
  siteId: world.siteId,
  outcome: 'attended',
  activity: 'Membersihkan masjid',
});

describe('business metrics', () => {
  it("recording a session emits SessionsRecorded 1 and MinutesCredited of the session's credit", async () => {
    // Prepare
    const { caseId, base } = await placedCase(call, world);
    // Act
    const { result, emf } = await published(() =>
      call('POST', `${base}/cases/${caseId}/sessions`, {
        claims: world.claims.officer,
        body: session('2026-03-02', '08:00', '11:00'),
      }),
    );
    // Assess
    expect(result.status).toBe(201);
    expect(valuesOf(emf, 'SessionsRecorded')).toEqual([1]);
    expect(valuesOf(emf, 'MinutesCredited')).toEqual([180]);
    const doc = emf.find((d) => 'SessionsRecorded' in d)!;
    // Deployment-level: namespace Abdi, the service dimension only, no office anywhere in the document.
    expect(doc._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Abdi', Dimensions: [['service']] });
    expect(JSON.stringify(doc)).not.toContain(world.home);
  });

  it('a capped day counts the credited minutes, not the time worked', async () => {
    const { caseId, base } = await placedCase(call, world);
    const { emf } = await published(() =>
      call('POST', `${base}/cases/${caseId}/sessions`, {
        claims: world.claims.officer,
        body: session('2026-03-03', '07:00', '13:00'),
      }),
    );
    expect(valuesOf(emf, 'MinutesCredited')).toEqual([240]);
  });

  it("a supervisor's session counts no minutes until the PK verifies it; then the verification does", async () => {
    const { caseId, base } = await registeredCase(call, world, { status: 'assessed' });
    await call('POST', `${base}/cases/${caseId}/placements`, {
      claims: world.claims.officer,
      body: weekdayPlacement(world.siteId),
    });

    const recorded = await published(() =>
      call('POST', `${base}/cases/${caseId}/sessions`, {
        claims: world.claims.supervisor,
        body: session('2026-03-16', '08:00', '11:00'),
      }),
    );
    const verified = await published(() =>
      patch(call, `${base}/sessions/${recorded.result.body.id}`, world.claims.officer, { verified: true }, 1),
    );
    const corrected = await published(() =>
      patch(
        call,
        `${base}/sessions/${recorded.result.body.id}`,
        world.claims.officer,
        { endTime: '10:00' },
        2,
      ),
    );

    expect(valuesOf(recorded.emf, 'SessionsRecorded')).toEqual([1]);
    expect(valuesOf(recorded.emf, 'MinutesCredited')).toEqual([0]);
    expect(verified.result.status).toBe(200);
    expect(valuesOf(verified.emf, 'SessionsRecorded')).toEqual([]);
    expect(valuesOf(verified.emf, 'MinutesCredited')).toEqual([180]);
    expect(corrected.result.status).toBe(200);
    expect(valuesOf(corrected.emf, 'MinutesCredited')).toEqual([-60]);
  });

  it('counts nothing for a refused session or a replayed request', async () => {
    const { caseId, base } = await placedCase(call, world);
    const url = `${base}/cases/${caseId}/sessions`;
    const headers = { 'idempotency-key': `metrics-${uniqueSuffix()}` };
    const body = session('2026-03-04', '08:00', '10:00');

    const refused = await published(() =>
      call('POST', url, { claims: world.claims.officer, body: { ...body, endTime: '07:00' } }),
    );
    const first = await published(() => call('POST', url, { claims: world.claims.officer, body, headers }));
    const replay = await published(() => call('POST', url, { claims: world.claims.officer, body, headers }));

    expect(refused.result.status).toBe(400);
    expect(valuesOf(refused.emf, 'SessionsRecorded')).toEqual([]);
    expect(valuesOf(first.emf, 'SessionsRecorded')).toEqual([1]);
    expect(replay.result.status).toBe(201);
    expect(replay.result.body.id).toBe(first.result.body.id);
    expect(valuesOf(replay.emf, 'SessionsRecorded')).toEqual([]);
    expect(valuesOf(replay.emf, 'MinutesCredited')).toEqual([]);
  });
});
