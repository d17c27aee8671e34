import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REMINDER_JOBS } from '../../functions/actions/reminders/run-job';
import type { Office } from '../../functions/domain';
import { createReminderWorkers } from '../../functions/platform/reminder-workers';
import { localMessaging, startMailCapture, type MailCapture } from '../../infra/local/mail-capture';
import { apiCaller } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { adultClient, childCase, litmasAssessment } from '../support/cases';
import { fixtureSite, placedCase } from '../support/placed-case';
import { weekdayPlacement } from '../support/requests';

/**
 * Reminders end to end on one machine (issue 15's Done-when): a schedule the PK accepts through the API,
 * the timed jobs run as local mode runs them, email over a real SMTP connection into local mode's
 * capture (smtp-server + mailparser), SMS into the same outbox, and every reminder on the case's log.
 */
let now = new Date('2026-05-11T08:00:00Z'); // Monday 16:00 in Palopo: the day-before job's hour
const env = testEnvironment({ now: () => now });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let office: Office;
let capture: MailCapture;

beforeAll(async () => {
  capture = await startMailCapture({ host: '127.0.0.1' });
  world = await seedDirectory(env.directory, uniqueSuffix());
  await fixtureSite(env.deps, world);
  office = (await env.deps.directory.getOffice(world.home))!;
});
afterAll(() => capture.stop());

const home = () => `/v1/offices/${world.home}`;
const run = (job: keyof typeof REMINDER_JOBS) =>
  REMINDER_JOBS[job](
    createReminderWorkers(env.config, { now: () => now, messaging: localMessaging(capture) }),
    office,
  );

describe('reminders through the local SMTP capture and outbox', () => {
  it('sends tomorrow’s SMS and supervisor email, then the PK’s unrecorded-session email, and logs each on the case', async () => {
    const { base, caseId } = await placedCase(call, world, { placement: weekdayPlacement(world.siteId) });
    const accepted = await call('PUT', `${base}/cases/${caseId}/schedule`, {
      claims: world.claims.officer,
      body: {
        from: '2026-05-12',
        until: '2026-05-12',
        slots: [{ date: '2026-05-12', siteId: world.siteId, startTime: '08:00', endTime: '12:00' }],
      },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const client = (await env.deps.clients.get(
      world.home,
      (await env.deps.cases.get(world.home, caseId))!.clientId,
    ))!;

    const dayBefore = await run('day-before');
    expect(dayBefore).toMatchObject({ sent: 2, failed: 0 });

    const sms = capture.outbox.list({ caseId }).filter((m) => m.channel === 'sms');
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({
      to: '+6281234567890',
      tags: { kind: 'day-before', officeId: world.home },
    });
    expect(sms[0]!.text).toContain('Selasa, 12 Mei 2026');
    expect(sms[0]!.text).toContain('08.00-12.00');
    expect(sms[0]!.text).not.toContain(client.nik);
    expect(sms[0]!.text).not.toContain(caseId);

    // The supervisor's email crossed SMTP: mailparser gives back its recipient, subject and body.
    const toSupervisor = capture.outbox.list({ to: `${world.people.supervisor}@example.invalid` });
    expect(toSupervisor).toHaveLength(1);
    expect(toSupervisor[0]).toMatchObject({ channel: 'email', tags: { kind: 'day-before' } });
    expect(toSupervisor[0]!.subject).toMatch(/^Jadwal besok di .+: 1 klien/);
    expect(toSupervisor[0]!.text).toContain(client.fullName);
    expect(toSupervisor[0]!.text).toContain('08.00-12.00');

    // Tuesday 22:00 in Palopo: the slot was never recorded, so the PK hears of it.
    now = new Date('2026-05-12T14:00:00Z');
    expect(await run('end-of-day')).toMatchObject({ sent: 1, failed: 0 });
    const toOfficer = capture.outbox.list({ to: `${world.people.officer}@example.invalid` });
    expect(toOfficer.map((m) => m.tags.kind)).toEqual(['end-of-day']);
    expect(toOfficer[0]!.text).toContain(client.fullName);

    const log = await call('GET', `${base}/cases/${caseId}/reminders`, { claims: world.claims.officer });
    expect(log.status).toBe(200);
    const seen = (log.body.items as { kind: string; recipient: string; channel: string; status: string }[])
      .map((r) => `${r.kind}/${r.recipient}/${r.channel}/${r.status}`)
      .sort();
    // The local SMTP server took each email and the outbox each SMS: delivered, at once.
    expect(seen).toEqual([
      'day-before/client/sms/delivered',
      'day-before/supervisor/email/delivered',
      'end-of-day/officer/email/delivered',
    ]);

    // A retried run sends nothing twice.
    now = new Date('2026-05-11T08:00:00Z');
    expect(await run('day-before')).toMatchObject({ sent: 0, skipped: 2 });
    expect(capture.outbox.list({ caseId }).filter((m) => m.channel === 'sms')).toHaveLength(1);
  });

  it('reminds no one of a slot whose case no longer takes sessions', async () => {
    now = new Date('2026-05-11T08:00:00Z');
    const { base, caseId } = await placedCase(call, world, { placement: weekdayPlacement(world.siteId) });
    const slots = [{ date: '2026-05-13', siteId: world.siteId, startTime: '08:00', endTime: '12:00' }];
    const accepted = await call('PUT', `${base}/cases/${caseId}/schedule`, {
      claims: world.claims.officer,
      body: { from: '2026-05-13', until: '2026-05-13', slots },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const ended = await call('POST', `${base}/cases/${caseId}/transitions`, {
      claims: world.claims.officer,
      body: { to: 'terminated', reason: 'Putusan dibatalkan pada tingkat banding' },
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);

    now = new Date('2026-05-12T08:00:00Z'); // Tuesday 16:00: Wednesday's reminders
    await run('day-before');
    expect(capture.outbox.list({ caseId })).toEqual([]);
    now = new Date('2026-05-13T14:00:00Z');
    await run('end-of-day');
    expect(capture.outbox.list({ caseId })).toEqual([]);
    expect(
      capture.outbox.list({ to: `${world.people.officer}@example.invalid` }).map((m) => m.tags.kind),
    ).toEqual(['end-of-day']);
  });

  it("sends a child's reminder to the guardian (wali), naming the child by first name only", async () => {
    now = new Date('2026-05-11T08:00:00Z');
    const client = await call('POST', `${home()}/clients`, {
      claims: world.claims.officer,
      body: adultClient({
        fullName: 'Rizal Pratama',
        nik: '7373010106100078',
        birthDate: '2010-06-01',
        guardian: { name: 'Hasnah Daeng', relation: 'ibu', phone: '0852 9900 1234' },
      }),
    });
    expect(client.status, JSON.stringify(client.body)).toBe(201);
    const registered = await call('POST', `${home()}/cases`, {
      claims: world.claims.officer,
      body: childCase(client.body.id, world.people.officer),
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const caseId = registered.body.id as string;
    const steps: [string, unknown][] = [
      [`${home()}/cases/${caseId}/assessments`, litmasAssessment()],
      [
        `${home()}/cases/${caseId}/placements`,
        weekdayPlacement(world.siteId, {
          weekdays: [7],
          endTime: '11:00',
          from: '2026-03-15',
          until: '2026-09-30',
        }),
      ],
    ];
    for (const [path, body] of steps) {
      const done = await call('POST', path, { claims: world.claims.officer, body });
      expect(done.status, JSON.stringify(done.body)).toBe(201);
    }
    const sunday = { date: '2026-05-17', siteId: world.siteId, startTime: '08:00', endTime: '11:00' };
    const accepted = await call('PUT', `${home()}/cases/${caseId}/schedule`, {
      claims: world.claims.officer,
      body: { from: '2026-05-12', until: '2026-05-17', slots: [sunday] },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

    now = new Date('2026-05-16T08:00:00Z'); // Saturday 16:00 in Palopo
    await run('day-before');

    const sms = capture.outbox.list({ caseId }).filter((m) => m.channel === 'sms');
    expect(sms.map((m) => m.to)).toEqual(['+6285299001234']);
    expect(sms[0]!.text).toMatch(
      /^Yth\. Hasnah, .* ananda Rizal dijadwalkan besok Minggu, 17 Mei 2026 pukul 08\.00-11\.00/,
    );
    expect(sms[0]!.text).not.toContain('Pratama');
  });
});
