import { describe, expect, it } from 'vitest';
import {
  eventsOfAudit,
  nextAttemptAt,
  RETRY_SCHEDULE_SECONDS,
  webhookUrl,
  type AuditView,
} from '../../../functions/domain';
import { isPublicHost } from '../../../functions/platform/public-address';

const audit = (over: Partial<AuditView>): AuditView => ({
  id: '01KAUDIT0000000000000000AA',
  at: '2026-03-02T04:00:00.000Z',
  officeId: 'palopo',
  action: 'session.create',
  subjectType: 'case',
  subjectId: 'CASE1',
  changes: [],
  ...over,
});

describe('the event catalogue', () => {
  it('a case an import brought in is case.registered with source import; its undo is case.withdrawn alone', () => {
    const registered = eventsOfAudit(
      audit({
        action: 'case.create',
        source: 'import',
        changes: [
          { field: 'status', after: 'active' },
          { field: 'sentence.kind', after: 'kerja_sosial' },
        ],
      }),
    );
    const withdrawn = eventsOfAudit(
      audit({
        action: 'case.withdraw',
        source: 'import',
        changes: [{ field: 'status', before: 'active', after: null }],
      }),
    );

    expect(registered.map((e) => [e.type, e.data.source, e.data.status])).toEqual([
      ['case.registered', 'import', 'active'],
    ]);
    expect(withdrawn.map((e) => [e.type, e.data.source, e.data.status])).toEqual([
      ['case.withdrawn', 'import', null],
    ]);
    expect(eventsOfAudit(audit({ action: 'case.create', changes: [] }))[0]!.data).not.toHaveProperty(
      'source',
    );
  });

  it('a recorded session is session.recorded with its hours, and the first one also moves the case', () => {
    const events = eventsOfAudit(
      audit({
        recordType: 'session',
        recordId: 'CASE1-S1',
        changes: [
          { field: 'session.date', after: '2026-03-02' },
          { field: 'session.outcome', after: 'attended' },
          { field: 'session.creditedMinutes', after: 150 },
          { field: 'session.notes', after: 'Pak Andi datang terlambat' },
          { field: 'session.recordedBy', after: 'officer.palopo' },
          { field: 'status', before: 'placed', after: 'active' },
        ],
      }),
    );

    expect(events.map((e) => [e.id, e.type])).toEqual([
      ['msg_01KAUDIT0000000000000000AA', 'session.recorded'],
      ['msg_01KAUDIT0000000000000000AA_1', 'case.status_changed'],
    ]);
    expect(events[0]!.data).toEqual({
      officeId: 'palopo',
      caseId: 'CASE1',
      link: '/v1/offices/palopo/cases/CASE1',
      sessionId: 'CASE1-S1',
      date: '2026-03-02',
      outcome: 'attended',
      hoursCredited: 2.5,
    });
    expect(events[1]!.data).toMatchObject({ from: 'placed', to: 'active' });
  });

  it("an issued case document is document.issued with its kind and register number; a site's document is no case event", () => {
    const issued = eventsOfAudit(
      audit({
        action: 'document.issue',
        recordType: 'document',
        recordId: 'b7c1e3a0-0000-4000-8000-000000000001',
        changes: [
          { field: 'document.kind', after: 'completion_record' },
          { field: 'document.number', after: 'W23.PAS.PAS3-PK.01.05-3/2026' },
        ],
      }),
    );
    const sheet = eventsOfAudit(
      audit({ action: 'document.issue', subjectType: 'site', subjectId: 'SITE1', recordType: 'document' }),
    );

    expect(issued.map((e) => e.type)).toEqual(['document.issued']);
    expect(issued[0]!.data).toEqual({
      officeId: 'palopo',
      caseId: 'CASE1',
      link: '/v1/offices/palopo/cases/CASE1',
      documentId: 'b7c1e3a0-0000-4000-8000-000000000001',
      kind: 'completion_record',
      number: 'W23.PAS.PAS3-PK.01.05-3/2026',
    });
    expect(sheet).toEqual([]);
  });

  it('carries no personal data, whatever the change held', () => {
    const personal = ['3173011501900001', 'Andi Baso', 'Jl. Ahmad Yani', '+62 812', 'PN Plp'];
    const events = eventsOfAudit(
      audit({
        action: 'case.create',
        changes: [
          { field: 'status', after: 'received' },
          { field: 'sentence.kind', after: 'pidana_kerja_sosial' },
          { field: 'client.nik', after: personal[0] },
          { field: 'client.fullName', after: personal[1] },
          { field: 'client.address', after: personal[2] },
          { field: 'client.phone', after: personal[3] },
          { field: 'decision.number', after: `12/Pid.B/2026/${personal[4]}` },
        ],
      }),
    );

    expect(events.map((e) => e.type)).toEqual(['case.registered']);
    const text = JSON.stringify(events);
    for (const value of personal) expect(text).not.toContain(value);
  });

  it('verifying a session is session.verified; completing a case adds case.completed', () => {
    const verified = eventsOfAudit(
      audit({
        action: 'session.verify',
        recordType: 'session',
        recordId: 'CASE1-S2',
        changes: [
          { field: 'session.verified', before: false, after: true },
          { field: 'session.creditedMinutes', before: 0, after: 60 },
        ],
      }),
    );
    const completed = eventsOfAudit(
      audit({
        action: 'case.transition',
        changes: [{ field: 'status', before: 'active', after: 'completed' }],
      }),
    );

    expect(verified.map((e) => e.type)).toEqual(['session.verified']);
    expect(verified[0]!.data).toMatchObject({ sessionId: 'CASE1-S2', verified: true, hoursCredited: 1 });
    expect(completed.map((e) => e.type)).toEqual(['case.status_changed', 'case.completed']);
  });

  it('an accepted or edited schedule is schedule.changed, with each day as it now is (none when removed)', () => {
    const [event, ...more] = eventsOfAudit(
      audit({
        action: 'case.schedule',
        changes: [
          { field: 'window', before: null, after: '2026-05-12..2026-05-20' },
          {
            field: 'slots.2026-05-14',
            before: null,
            after: { siteId: 'S1', startTime: '08:00', endTime: '12:00' },
          },
          {
            field: 'slots.2026-05-12',
            before: { siteId: 'S1', startTime: '08:00', endTime: '12:00' },
            after: null,
          },
        ],
      }),
    );
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      type: 'schedule.changed',
      data: {
        slots: [
          { date: '2026-05-12' },
          { date: '2026-05-14', siteId: 'S1', startTime: '08:00', endTime: '12:00' },
        ],
      },
    });
  });

  it('changes that partners do not hear about make no event (a NIK reveal, a client correction)', () => {
    expect(eventsOfAudit(audit({ action: 'client.reveal-nik', subjectType: 'client' }))).toEqual([]);
    expect(
      eventsOfAudit(audit({ action: 'case.update', changes: [{ field: 'notes', after: 'x' }] })),
    ).toEqual([]);
  });
});

describe('deliveries', () => {
  it('WH-DELIVERY: retries for at least 24 hours, then gives up', () => {
    const first = new Date('2026-03-02T00:00:00Z');
    const due = RETRY_SCHEDULE_SECONDS.map((_, n) => nextAttemptAt(first, n)!);

    expect(due[0]).toEqual(first);
    expect(due.every((at, n) => n === 0 || at > due[n - 1]!)).toBe(true);
    expect(due.at(-1)!.getTime() - first.getTime()).toBeGreaterThanOrEqual(24 * 3600 * 1000);
    expect(nextAttemptAt(first, RETRY_SCHEDULE_SECONDS.length)).toBeUndefined();
  });

  it('WH-URL: https to a public host in the cloud; http and private hosts only in local mode', () => {
    const cloud = (url: string) => webhookUrl(url, 'cloud', isPublicHost).ok;

    expect(cloud('https://kejaksaan.example.go.id/hooks/abdi')).toBe(true);
    expect(cloud('http://kejaksaan.example.go.id/hooks')).toBe(false);
    expect(cloud('https://169.254.169.254/latest/meta-data')).toBe(false);
    expect(cloud('https://10.0.0.5/hook')).toBe(false);
    expect(cloud('https://[::1]/hook')).toBe(false);
    expect(cloud('https://localhost/hook')).toBe(false);
    expect(cloud('https://user:pw@example.com/hook')).toBe(false);
    expect(cloud('not a url')).toBe(false);
    expect(webhookUrl('http://127.0.0.1:4000/hook', 'local', isPublicHost).ok).toBe(true);
  });
});
