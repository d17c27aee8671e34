import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../functions/domain';
import { apiCaller } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, placedCase } from '../support/placed-case';
import { webhookPump } from '../support/webhook-pump';
import { webhookReceiver } from '../support/webhook-receiver';

/**
 * Webhooks under a fault (issue 13): a burst of sessions over several cases while the dispatcher runs,
 * the receiver killed in the middle of it and back a moment later. After the retries every event has
 * reached the receiver, which de-duplicates by `webhook-id` as Standard Webhooks asks receivers to:
 * each one processed exactly once, none missing, and each case's events in the order they committed.
 */
const CASES = Number(process.env.RELIABILITY_WEBHOOK_CASES ?? 6);
const SESSIONS_PER_CASE = Number(process.env.RELIABILITY_WEBHOOK_SESSIONS ?? 5);

let offsetMs = 0;
const now = () => new Date(Date.parse('2026-06-29T08:00:00Z') + offsetMs);
const env = testEnvironment({ now });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let pump: Awaited<ReturnType<typeof webhookPump>>;
let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  world = await seedDirectory(env.directory, `wh${uniqueSuffix()}`);
  await fixtureSite(env.deps, world);
  pump = await webhookPump(env.config, { now });
  receiver = await webhookReceiver();
});
afterAll(async () => {
  pump.stop();
  await receiver.close();
});

describe('webhooks when the receiver dies mid-burst', () => {
  it('delivers every event exactly once (by webhook-id), in order per case, after retries', async () => {
    const base = `/v1/offices/${world.home}`;
    const admin = { claims: world.claims.admin };
    const created = await call('POST', `${base}/webhooks`, {
      ...admin,
      body: { url: receiver.url, eventTypes: ['session.recorded'] },
    });
    receiver.knowSecrets(created.body.secret);
    const webhookId = created.body.webhook.id as string;
    const cases = await Promise.all(Array.from({ length: CASES }, () => placedCase(call, world)));

    // The burst, with the dispatcher reading the stream as it goes; the receiver dies a little way in.
    let dispatching = true;
    const dispatcher = (async () => {
      while (dispatching) {
        await pump.dispatch();
        await sleep(20);
      }
    })();
    const burst = Promise.all(
      cases.flatMap(({ caseId, base: caseBase }) =>
        Array.from({ length: SESSIONS_PER_CASE }, (_, i) =>
          call('POST', `${caseBase}/cases/${caseId}/sessions`, {
            claims: world.claims.officer,
            body: {
              date: addDays('2026-03-02', i),
              startTime: '08:00',
              endTime: '09:00',
              siteId: world.siteId,
              outcome: 'attended',
            },
          }),
        ),
      ),
    );
    // Killed once the first deliveries have arrived, and kept down until the burst is dispatched.
    for (let waited = 0; receiver.received.length < 3 && waited < 30_000; waited += 10) await sleep(10);
    await receiver.kill();
    const responses = await burst;
    dispatching = false;
    await dispatcher;
    await pump.dispatch();
    await receiver.restart();

    // The retry schedule, walked on the test's clock until nothing is left to send.
    for (let round = 0; round < 12; round += 1) {
      offsetMs += 10 * 60 * 1000;
      const swept = await pump.sweep();
      if (swept.queues === 0) break;
    }

    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
    const log = await allDeliveries(base, webhookId);
    expect(log).toHaveLength(CASES * SESSIONS_PER_CASE);
    expect(log.filter((d) => d.status !== 'delivered')).toEqual([]);
    // The fault really hit: some deliveries needed more than one attempt.
    const retried = log.filter((d) => d.attempts > 1).length;
    expect(retried).toBeGreaterThan(0);
    const expected = new Set(log.map((d) => d.eventId));
    expect(receiver.processed).toEqual(expected);
    expect(receiver.received.every((r) => r.verifiedBy.length === 1)).toBe(true);
    for (const { caseId } of cases) {
      const committed = log.filter((d) => d.caseId === caseId).sort((a, b) => a.id.localeCompare(b.id));
      const firstSeen = [
        ...new Set(receiver.received.filter((r) => r.payload.data.caseId === caseId).map((r) => r.id)),
      ];
      expect(firstSeen, caseId).toEqual(committed.map((d) => d.eventId));
    }
    const duplicates = receiver.received.length - receiver.processed.size;
    console.info(
      `webhook burst: ${log.length} events over ${CASES} cases, receiver killed mid-burst; ${retried} retried, ` +
        `${duplicates} sent again after a cut connection, each processed once`,
    );
  });
});

type Delivery = { id: string; caseId: string; eventId: string; status: string; attempts: number };

async function allDeliveries(base: string, webhookId: string): Promise<Delivery[]> {
  const items: Delivery[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(
      'GET',
      `${base}/webhooks/${webhookId}/deliveries?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { claims: world.claims.admin },
    );
    items.push(...(page.body.items as Delivery[]));
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
