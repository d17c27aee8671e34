import { beforeAll, describe, expect, it } from 'vitest';
import { adultClient, lawfulCase, registeredCase } from '../support/cases';
import { uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { ledgerProblems, readLedger } from '../../bench/lib/verify';
import { auditCount, reliabilityHarness, sendRaw, type RawResponse } from './support/world';

/**
 * The same Idempotency-Key sent by 100 concurrent callers (a client retrying in a storm). The first
 * transaction to commit takes the key (its record is a conditional put in that transaction, ADR 0011);
 * a copy that finds the record committed but not yet answered gets 409 "still being processed"; a copy
 * that arrives after the answer was stored gets it replayed: the same 201 with the same body. Nothing else is acceptable: not a
 * 5xx, not a 422 (the bodies are identical), and never a second record.
 *
 * RELIABILITY_STORM (default 100) sets the number of concurrent copies.
 */
const STORM = Number(process.env.RELIABILITY_STORM ?? 100);

const h = reliabilityHarness();
let world: Awaited<ReturnType<typeof seedDirectory>>;

beforeAll(async () => {
  world = await seedDirectory(h.directory, `st${uniqueSuffix()}`);
});

/** Sends `STORM` copies of one POST at once and checks each answer against the rules above. */
async function storm(url: string, body: unknown, key: string) {
  const send = () =>
    sendRaw(h, {
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
      claims: world.claims.officer,
    });
  const responses = await Promise.all(Array.from({ length: STORM }, send));
  const created = responses.filter((r) => r.status === 201);
  const inProgress = responses.filter((r) => r.status === 409);
  expect(created.length + inProgress.length, statuses(responses)).toBe(STORM);
  expect(created.length, 'at least the first one completes').toBeGreaterThan(0);
  // Every 201 is the one response, replayed: same status, same body, same ETag and Location.
  for (const response of created) {
    expect(response.text).toBe(created[0]!.text);
    expect(response.headers.etag).toBe(created[0]!.headers.etag);
    expect(response.headers.location).toBe(created[0]!.headers.location);
  }
  for (const response of inProgress) {
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.text)).toMatchObject({
      type: 'https://abdi.id/problems/conflict',
      status: 409,
      detail: expect.stringContaining('still being processed'),
    });
  }
  // After the storm, a late retry is a replay too; the same key with another body is refused.
  const late = await send();
  expect(late.status).toBe(201);
  expect(late.text).toBe(created[0]!.text);
  const changed = await sendRaw(h, {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ ...(body as object), notes: 'another body' }),
    claims: world.claims.officer,
  });
  expect(changed.status).toBe(422);
  return {
    created: JSON.parse(created[0]!.text) as { id: string },
    counts: { created: created.length, inProgress: inProgress.length },
  };
}

const statuses = (responses: readonly RawResponse[]) =>
  JSON.stringify(
    responses.reduce<Record<number, number>>(
      (acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }),
      {},
    ),
  );

describe(`the same Idempotency-Key ${STORM} times at once`, () => {
  it('registers exactly one case (no natural key would stop a second one)', async () => {
    const client = await h.call('POST', `/v1/offices/${world.home}/clients`, {
      claims: world.claims.officer,
      body: adultClient(),
    });
    const auditBefore = await auditCount(h, world.home);
    const listBefore = await h.call('GET', `/v1/offices/${world.home}/cases?status=received&limit=100`, {
      claims: world.claims.officer,
    });

    const { created } = await storm(
      `/v1/offices/${world.home}/cases`,
      lawfulCase(client.body.id, world.people.officer),
      `storm-case-${uniqueSuffix()}`,
    );

    const listAfter = await h.call('GET', `/v1/offices/${world.home}/cases?status=received&limit=100`, {
      claims: world.claims.officer,
    });
    const ids = (list: typeof listAfter) => (list.body.items as { id: string }[]).map((c) => c.id);
    expect(ids(listAfter).filter((id) => !ids(listBefore).includes(id))).toEqual([created.id]);
    expect(await auditCount(h, world.home), 'exactly one audit entry').toBe(auditBefore + 1);
  });

  it('records exactly one session and credits it once', async () => {
    const { caseId, base, siteId } = await registeredCase(h.call, world);
    const auditBefore = await auditCount(h, world.home);

    const { created } = await storm(
      `${base}/cases/${caseId}/sessions`,
      { date: '2026-03-02', startTime: '08:00', endTime: '11:00', siteId, outcome: 'attended' },
      `storm-session-${uniqueSuffix()}`,
    );

    const ledger = await readLedger(h.db, h.tableName, world.home, caseId);
    expect(ledger.sessions.map((s) => s.id)).toEqual([created.id]);
    expect(ledger.creditedMinutes).toBe(180);
    expect(ledgerProblems(ledger)).toEqual([]);
    expect(await auditCount(h, world.home), 'exactly one audit entry').toBe(auditBefore + 1);
  });
});
