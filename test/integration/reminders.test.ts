import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { replanAfterChanges } from '../../functions/actions/plans/replan-cases';
import { createReplanWorkers } from '../../functions/platform/replan-workers';
import { auditItem } from '../../functions/store/audit';
import { auditEntriesOf } from '../../functions/store/audit-stream';
import type {
  MessageChannel,
  Messaging,
  OutgoingMessage,
} from '../../functions/actions/reminders/message-channel';
import { feasibilityAlerts } from '../../functions/actions/reminders/alert-feasibility';
import { sendDayBefore } from '../../functions/actions/reminders/send-day-before';
import { sendEndOfDay } from '../../functions/actions/reminders/send-end-of-day';
import { sendWeeklyDigest } from '../../functions/actions/reminders/send-weekly-digest';
import type { Office } from '../../functions/domain';
import { createReminderWorkers } from '../../functions/platform/reminder-workers';
import type { CaseRecord } from '../../functions/store/case-store';
import { apiCaller } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, fixtureSlot, placedCase } from '../support/placed-case';

// Monday 11 May 2026, 16:00 in Palopo (WITA): the day-before job runs for Tuesday 12 May.
const at = (iso: string) => () => new Date(iso);
const env = testEnvironment({ now: at('2026-05-11T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let office: Office;

/** A channel that keeps what it was given, or one that refuses everything. */
function recorder(): MessageChannel & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
      return { providerMessageId: `msg-${sent.length}` };
    },
  };
}
const refusing: MessageChannel = {
  async send() {
    throw new Error('Throttled: +6281234567890 refused');
  },
};

const workers = (now: () => Date, messaging: Messaging) =>
  createReminderWorkers(env.config, { now, messaging });

const scheduleSlot = (caseId: string, date: string) => fixtureSlot(env.deps, world, caseId, date);

const remindersOf = async (caseId: string, claims = world.claims.officer) =>
  call('GET', `/v1/offices/${world.home}/cases/${caseId}/reminders`, { claims });

const forCase = (messages: readonly OutgoingMessage[], caseId: string) =>
  messages.filter((m) => m.tags.caseId === caseId);

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  await fixtureSite(env.deps, world);
  office = (await env.directory.getOffice(world.home))!;
});

describe('reminders (issue 15, ADR 0014)', () => {
  let caseA: string;

  it("the day before: one SMS to the client (no NIK) and one email to the site's supervisor, even when the job runs twice at once", async () => {
    const { caseId } = await placedCase(call, world);
    caseA = caseId;
    const record = await scheduleSlot(caseId, '2026-05-12');
    const client = (await env.deps.clients.get(world.home, record.clientId))!;
    const [sms, email] = [recorder(), recorder()];
    const ports = workers(at('2026-05-11T08:00:00Z'), { sms, email });

    const reports = await Promise.all([sendDayBefore(ports, office), sendDayBefore(ports, office)]);

    const texts = forCase(sms.sent, caseId);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.to).toBe('+6281234567890');
    expect(texts[0]!.text).toContain('besok Selasa, 12 Mei 2026 pukul 08.00-12.00 di Masjid Pengawas');
    expect(texts[0]!.text).not.toContain(client.nik);
    expect(texts[0]!.text).not.toMatch(/\d{5,}/);
    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]).toMatchObject({
      to: `${world.people.supervisor}@example.invalid`,
      subject: expect.stringContaining('Jadwal besok di Masjid Pengawas: 1 klien'),
    });
    expect(email.sent[0]!.text).toContain(client.fullName);
    expect(email.sent[0]!.text).not.toContain(client.nik);
    // Each reminder was sent by one run; the other found it claimed.
    const total = reports.reduce(
      (sum, r) => ({ sent: sum.sent + r.sent, skipped: sum.skipped + r.skipped }),
      {
        sent: 0,
        skipped: 0,
      },
    );
    expect(total).toEqual({ sent: 2, skipped: 2 });

    // A later retry of the same day sends nothing either.
    await sendDayBefore(ports, office);
    expect(sms.sent).toHaveLength(1);
    expect(email.sent).toHaveLength(1);
  });

  it('a client marked "no SMS" gets none: the reminder is logged failed with the reason', async () => {
    const { caseId, client } = await placedCase(call, world);
    const url = `/v1/offices/${world.home}/clients/${client.id}/sms-preference`;
    const missingReason = await call('PUT', url, { claims: world.claims.officer, body: { noSms: true } });
    expect(missingReason.status).toBe(400);
    const marked = await call('PUT', url, {
      claims: world.claims.officer,
      body: { noSms: true, reason: 'Nomor telepon milik tetangga' },
    });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ noSms: true, reason: 'Nomor telepon milik tetangga' });
    const shown = await call('GET', `/v1/offices/${world.home}/clients/${client.id}`, {
      claims: world.claims.officer,
    });
    expect(shown.body.smsPreference).toMatchObject({ noSms: true, setBy: world.people.officer });
    await scheduleSlot(caseId, '2026-05-13');
    const [sms, email] = [recorder(), recorder()];

    await sendDayBefore(workers(at('2026-05-12T08:00:00Z'), { sms, email }), office);

    expect(forCase(sms.sent, caseId)).toEqual([]);
    const log = await remindersOf(caseId);
    expect(log.status).toBe(200);
    expect(log.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'day-before',
        recipient: 'client',
        channel: 'sms',
        date: '2026-05-13',
        status: 'failed',
        reason: 'no SMS',
      }),
    );
  });

  it('a channel that throws: the reminder is logged failed, without what the provider said', async () => {
    const { caseId } = await placedCase(call, world);
    await scheduleSlot(caseId, '2026-05-14');
    const email = recorder();

    const report = await sendDayBefore(workers(at('2026-05-13T08:00:00Z'), { sms: refusing, email }), office);

    expect(report.failed).toBeGreaterThanOrEqual(1);
    const items = (await remindersOf(caseId)).body.items as { recipient: string; reason?: string }[];
    const client = items.find((i) => i.recipient === 'client');
    expect(client).toMatchObject({ status: 'failed', reason: 'channel error: Error', to: '+62812****890' });
    expect(JSON.stringify(items)).not.toContain('Throttled');
  });

  it("a slot still scheduled at the end of its day: an email to the case's PK, logged on the case", async () => {
    const email = recorder();

    // Tuesday 12 May, 22:00 in Palopo: case A's slot of the day was never recorded.
    await sendEndOfDay(workers(at('2026-05-12T14:00:00Z'), { email }), office);
    await sendEndOfDay(workers(at('2026-05-12T14:05:00Z'), { email }), office);

    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]).toMatchObject({
      to: `${world.people.officer}@example.invalid`,
      subject: '1 sesi belum dicatat (Selasa, 12 Mei 2026)',
    });
    expect(email.sent[0]!.text).toContain(`(kasus ${caseA})`);
  });

  it('the reminder log route shows them newest first, masked; supervisors and other offices may not read it', async () => {
    const log = await remindersOf(caseA);

    expect(log.status).toBe(200);
    const items = log.body.items as { kind: string; recipient: string; to?: string }[];
    // The day-before reminders share one instant (the test's clock stands still): newest first by time.
    expect(items.map((i) => `${i.kind}/${i.recipient}`)).toEqual([
      'end-of-day/officer',
      expect.stringMatching(/^day-before\//),
      expect.stringMatching(/^day-before\//),
    ]);
    const byRecipient = Object.fromEntries(items.map((i) => [i.recipient, i]));
    expect(byRecipient.client).toMatchObject({ channel: 'sms', status: 'sent', to: '+62812****890' });
    expect(byRecipient.supervisor).toMatchObject({ channel: 'email', status: 'sent' });
    expect(byRecipient.supervisor!.to).toMatch(/^s\*\*\*@example\.invalid$/);
    expect((await remindersOf(caseA, world.claims.supervisor)).status).toBe(403);
    const elsewhere = await call('GET', `/v1/offices/${world.other}/cases/${caseA}/reminders`, {
      claims: world.claims.otherAdmin,
    });
    expect(elsewhere.status).toBe(404);
  });

  it('a case turning impossible alerts its PK and the admins once, with the numbers', async () => {
    const email = recorder();
    const ports = workers(at('2026-05-12T08:00:00Z'), { email });
    const listener = feasibilityAlerts(
      () => ports,
      (_o, _c, error) => {
        throw error;
      },
    );
    const record = (await env.deps.cases.get(world.home, caseA))! as CaseRecord;
    const plan = {
      state: 'impossible' as const,
      possibleMinutes: 16 * 60,
      remainingMinutes: 40 * 60,
      deadline: '2026-06-30',
      plannedAt: '2026-05-12T08:00:00.000Z',
    };

    await listener(office, record, plan);
    await listener(office, record, plan);
    await listener(office, { ...record, plan }, plan);

    expect(email.sent.map((m) => m.to).sort()).toEqual(
      [`${world.people.admin}@example.invalid`, `${world.people.officer}@example.invalid`].sort(),
    );
    expect(email.sent[0]!.text).toContain(
      '40 jam tersisa, paling banyak 16 jam mungkin sebelum 30 Juni 2026',
    );
    const log = (await remindersOf(caseA)).body.items as { kind: string; recipient: string }[];
    expect(
      log
        .filter((i) => i.kind === 'impossible')
        .map((i) => i.recipient)
        .sort(),
    ).toEqual(['admin', 'officer']);
  });

  it('the weekly digest: one email per PK, with the slots missed last week', async () => {
    const email = recorder();
    // Monday 18 May, 07:00 in Palopo: last week held case A's unrecorded slot of 12 May.
    const ports = workers(at('2026-05-17T23:00:00Z'), { email });

    await Promise.all([sendWeeklyDigest(ports, office), sendWeeklyDigest(ports, office)]);

    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]!.to).toBe(`${world.people.officer}@example.invalid`);
    expect(email.sent[0]!.text).toMatch(/Sesi minggu lalu yang tidak dicatat: [1-9]/);
    expect(email.sent[0]!.text).toContain(`(kasus ${caseA}), batas waktu 30 Juni 2026: 1 sesi`);
  });

  it('the re-planner alerts when the state it stores turns impossible, and not again while it stays so', async () => {
    // Four Saturdays of June at 4 hours: 16 of the 40 hours fit before 30 June.
    const { caseId } = await placedCase(call, world, {
      placement: { weekdays: [6], from: '2026-06-01', until: '2026-06-30' },
    });
    const now = at('2026-05-11T08:00:00Z');
    const entry = auditItem({
      officeId: world.home,
      actor: world.people.officer,
      action: 'case.transition',
      subject: { type: 'case', id: caseId },
      changes: [],
      at: now(),
    });
    const change = auditEntriesOf([
      {
        eventName: 'INSERT',
        dynamodb: {
          SequenceNumber: '1',
          NewImage: marshall(entry, { removeUndefinedValues: true }) as Record<string, AttributeValue>,
        },
      },
    ]);
    const email = recorder();
    const alerts = feasibilityAlerts(
      () => workers(now, { email }),
      (_o, _c, error) => {
        throw error;
      },
    );
    const replanner = createReplanWorkers(env.config, { now });

    await replanAfterChanges(replanner, change, alerts);
    await replanAfterChanges(replanner, change, alerts);

    expect(
      forCase(email.sent, caseId)
        .map((m) => m.to)
        .sort(),
    ).toEqual([`${world.people.admin}@example.invalid`, `${world.people.officer}@example.invalid`].sort());
    expect(email.sent[0]!.text).toContain(
      '40 jam tersisa, paling banyak 16 jam mungkin sebelum 30 Juni 2026',
    );
  });
});
