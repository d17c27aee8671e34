import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RETRY_SCHEDULE_SECONDS } from '../../functions/domain';
import { apiCaller } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, placedCase } from '../support/placed-case';
import { webhookPump } from '../support/webhook-pump';
import { webhookReceiver } from '../support/webhook-receiver';

// Webhooks end to end (issue 13, ADR 0013): changes committed through the API, the main table's stream
// read from DynamoDB Local, the real dispatcher and sender, and a real receiver verifying signatures
// with the `standardwebhooks` library. The schedule's clock is the test's; signatures use real time.
let offsetMs = 0;
const now = () => new Date(Date.parse('2026-06-29T08:00:00Z') + offsetMs);
const env = testEnvironment({ now });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let pump: Awaited<ReturnType<typeof webhookPump>>;
let receiver: Awaited<ReturnType<typeof webhookReceiver>>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  await fixtureSite(env.deps, world);
  pump = await webhookPump(env.config, { now });
  receiver = await webhookReceiver();
});
// Each test starts on 29 June 2026; those that wait for retries move the clock on from there.
beforeEach(() => {
  offsetMs = 0;
});
afterAll(async () => {
  pump.stop();
  await receiver.close();
});

const admin = () => ({ claims: world.claims.admin });
const base = () => `/v1/offices/${world.home}`;

async function subscribe(eventTypes: string[]) {
  const created = await call('POST', `${base()}/webhooks`, {
    ...admin(),
    body: { url: receiver.url, eventTypes, description: 'SIPP Kejari Palopo (test)' },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  receiver.knowSecrets(created.body.secret);
  return { id: created.body.webhook.id as string, secret: created.body.secret as string };
}

async function unsubscribe(id: string) {
  const current = await call('GET', `${base()}/webhooks/${id}`, admin());
  await call('DELETE', `${base()}/webhooks/${id}`, {
    ...admin(),
    headers: { 'if-match': current.headers.etag! },
  });
}

const session = (caseBase: string, caseId: string, date: string) =>
  call('POST', `${caseBase}/cases/${caseId}/sessions`, {
    claims: world.claims.officer,
    body: { date, startTime: '08:00', endTime: '10:00', siteId: world.siteId, outcome: 'attended' },
  });

const forCase = (caseId: string) => receiver.received.filter((r) => r.payload.data.caseId === caseId);

describe('delivery', () => {
  it('sends a case’s events in order, signed per Standard Webhooks, with no personal data', async () => {
    const hook = await subscribe([
      'case.registered',
      'case.status_changed',
      'placement.created',
      'session.recorded',
    ]);
    const { caseId, base: caseBase, client } = await placedCase(call, world);
    expect((await session(caseBase, caseId, '2026-03-02')).status).toBe(201);

    const report = await pump.dispatch();

    const events = forCase(caseId);
    expect(events.map((e) => e.type)).toEqual([
      'case.registered',
      'case.status_changed',
      'placement.created',
      'case.status_changed',
      'session.recorded',
      'case.status_changed',
    ]);
    expect(report.delivered).toBeGreaterThanOrEqual(6);
    expect(events.every((e) => e.verifiedBy.includes(hook.secret))).toBe(true);
    expect(events[0]!.headers).toMatchObject({ 'content-type': 'application/json' });
    expect(events[0]!.headers['webhook-id']).toMatch(/^msg_[0-9A-Z]{26}$/);
    const recorded = events.find((e) => e.type === 'session.recorded')!;
    expect(recorded.payload.data).toMatchObject({
      caseId,
      hoursCredited: 2,
      outcome: 'attended',
      date: '2026-03-02',
    });
    expect(recorded.payload.data.link).toBe(`/v1/offices/${world.home}/cases/${caseId}`);
    const everything = events.map((e) => e.body).join('\n');
    for (const value of [client.fullName, client.address, client.phone, client.id]) {
      expect(value).toBeTruthy();
      expect(everything).not.toContain(value);
    }
    expect(everything).not.toMatch(/\d{16}/);
    const log = await call('GET', `${base()}/webhooks/${hook.id}/deliveries`, admin());
    expect(
      log.body.items.filter((d: { status: string }) => d.status === 'delivered').length,
    ).toBeGreaterThanOrEqual(6);
    expect(log.body.items[0]).toMatchObject({ status: 'delivered', attempts: 1, lastResponseStatus: 204 });
    await unsubscribe(hook.id);
  });

  it('queues nothing twice when the stream hands the same changes over again', async () => {
    const hook = await subscribe(['case.registered']);
    await placedCase(call, world);
    const records = await pump.dispatch();
    const again = await pump.ports.deliveries.open({
      officeId: world.home,
      webhookId: hook.id,
      caseId: 'none',
    });

    expect(records.queued).toBeGreaterThanOrEqual(1);
    expect(again).toEqual([]);
    await unsubscribe(hook.id);
  });
});

describe('retries, order and replay', () => {
  it('retries after the receiver fails, holding the case’s later events back until the first is delivered', async () => {
    const hook = await subscribe(['session.recorded']);
    const { caseId, base: caseBase } = await placedCase(call, world);
    receiver.failNext(1);
    await session(caseBase, caseId, '2026-03-03');
    await session(caseBase, caseId, '2026-03-04');

    await pump.dispatch();
    const held = await call('GET', `${base()}/webhooks/${hook.id}/deliveries`, admin());
    const first = held.body.items.find(
      (d: { attempts: number; lastResponseStatus?: number }) =>
        d.attempts === 1 && d.lastResponseStatus === 503,
    );
    expect(first).toMatchObject({ status: 'pending', lastError: 'receiver down for maintenance' });
    expect(forCase(caseId)).toEqual([]);

    offsetMs += (RETRY_SCHEDULE_SECONDS[1]! + 1) * 1000;
    await pump.sweep();

    const events = forCase(caseId);
    expect(events.map((e) => e.payload.data.date)).toEqual(['2026-03-03', '2026-03-04']);
    expect(events[0]!.id).toBe(first.eventId);
    await unsubscribe(hook.id);
  });

  it('after the last retry a delivery is failed and holds its queue; skip moves on, replay sends it again', async () => {
    const hook = await subscribe(['session.recorded']);
    const { caseId, base: caseBase } = await placedCase(call, world);
    receiver.failNext(RETRY_SCHEDULE_SECONDS.length, 'drop');
    await session(caseBase, caseId, '2026-03-05');
    await session(caseBase, caseId, '2026-03-06');
    await pump.dispatch();
    for (const wait of RETRY_SCHEDULE_SECONDS.slice(1)) {
      offsetMs += (wait + 1) * 1000;
      await pump.sweep();
    }

    const log = await call('GET', `${base()}/webhooks/${hook.id}/deliveries`, admin());
    const failed = log.body.items.find((d: { status: string }) => d.status === 'failed');
    expect(failed).toMatchObject({ attempts: RETRY_SCHEDULE_SECONDS.length });
    expect(forCase(caseId)).toEqual([]);

    const skipped = await call('POST', `${base()}/webhooks/${hook.id}/deliveries/${failed.id}/skip`, admin());
    expect(skipped.body.status).toBe('skipped');
    await pump.sweep();
    expect(forCase(caseId).map((e) => e.payload.data.date)).toEqual(['2026-03-06']);

    const replayed = await call(
      'POST',
      `${base()}/webhooks/${hook.id}/deliveries/${failed.id}/replay`,
      admin(),
    );
    expect(replayed.body).toMatchObject({ status: 'pending', attempts: 0 });
    await pump.sweep();
    expect(forCase(caseId).map((e) => e.id)).toContain(failed.eventId);
    await unsubscribe(hook.id);
  });

  it('replays everything since a time, with the same webhook-ids', async () => {
    const hook = await subscribe(['session.recorded']);
    const { caseId, base: caseBase } = await placedCase(call, world);
    await session(caseBase, caseId, '2026-03-09');
    await pump.dispatch();
    const before = forCase(caseId).map((e) => e.id);

    const replay = await call('POST', `${base()}/webhooks/${hook.id}/replay`, {
      ...admin(),
      body: { since: '2026-01-01T00:00:00.000Z' },
    });
    await pump.sweep();

    expect(replay.body.replayed).toBeGreaterThanOrEqual(1);
    expect(forCase(caseId).map((e) => e.id)).toEqual([...before, ...before]);
    await unsubscribe(hook.id);
  });
});

describe('the subscription', () => {
  it('rotates its secret: both sign for 24 hours, then only the new one', async () => {
    const hook = await subscribe(['session.recorded']);
    const rotated = await call('POST', `${base()}/webhooks/${hook.id}/rotate-secret`, admin());
    const fresh = rotated.body.secret as string;
    receiver.knowSecrets(hook.secret, fresh);
    const { caseId, base: caseBase } = await placedCase(call, world);
    await session(caseBase, caseId, '2026-03-10');
    await pump.dispatch();
    offsetMs += 25 * 3600 * 1000;
    await session(caseBase, caseId, '2026-03-11');
    await pump.dispatch();

    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(hook.secret);
    expect(rotated.body.webhook.previousSecretUntil).toBeDefined();
    expect(JSON.stringify(rotated.body.webhook)).not.toContain(hook.secret);
    const [during, after] = forCase(caseId);
    expect(during!.verifiedBy).toEqual([hook.secret, fresh]);
    expect(after!.verifiedBy).toEqual([fresh]);
    await unsubscribe(hook.id);
  });

  it('hears what happens from its creation on, even when the stream hands over earlier changes late', async () => {
    // The case's registration and placement are committed, but not yet dispatched, when it subscribes.
    const { caseId, base: caseBase } = await placedCase(call, world);
    offsetMs += 1000;
    const hook = await subscribe(['case.registered', 'session.recorded']);
    offsetMs += 1000;
    expect((await session(caseBase, caseId, '2026-03-13')).status).toBe(201);

    await pump.dispatch();

    expect(forCase(caseId).map((e) => e.type)).toEqual(['session.recorded']);
    await unsubscribe(hook.id);
  });

  it('paused, its events wait; resumed, they go in order', async () => {
    const hook = await subscribe(['session.recorded']);
    const read = await call('GET', `${base()}/webhooks/${hook.id}`, admin());
    const paused = await call('PATCH', `${base()}/webhooks/${hook.id}`, {
      ...admin(),
      body: { status: 'paused' },
      headers: { 'if-match': read.headers.etag! },
    });
    const { caseId, base: caseBase } = await placedCase(call, world);
    await session(caseBase, caseId, '2026-03-12');
    await pump.dispatch();
    expect(forCase(caseId)).toEqual([]);

    await call('PATCH', `${base()}/webhooks/${hook.id}`, {
      ...admin(),
      body: { status: 'active' },
      headers: { 'if-match': paused.headers.etag! },
    });
    await pump.sweep();

    expect(paused.body.status).toBe('paused');
    expect(forCase(caseId).map((e) => e.type)).toEqual(['session.recorded']);
    await unsubscribe(hook.id);
  });

  it('is the office admin’s: never its secret in a read, another office sees nothing, a bad URL names the field', async () => {
    const hook = await subscribe(['case.registered']);
    const listed = await call('GET', `${base()}/webhooks`, admin());
    const asOfficer = await call('GET', `${base()}/webhooks/${hook.id}`, { claims: world.claims.officer });
    const elsewhere = await call('GET', `/v1/offices/${world.other}/webhooks/${hook.id}`, {
      claims: world.claims.otherAdmin,
    });
    const bad = await call('POST', `${base()}/webhooks`, {
      ...admin(),
      body: { url: 'ftp://example.com/x', eventTypes: ['case.registered'] },
    });

    expect(JSON.stringify(listed.body)).not.toContain(hook.secret);
    expect(listed.body.items.map((w: { id: string }) => w.id)).toContain(hook.id);
    expect(asOfficer.status).toBe(403);
    expect(elsewhere.status).toBe(404);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'url', rule: 'WH-URL' })]);
    await unsubscribe(hook.id);
  });
});
