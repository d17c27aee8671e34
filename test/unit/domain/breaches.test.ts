import { describe, expect, it } from 'vitest';
import {
  breachClock,
  breachStatus,
  checkBreachReport,
  decideClosing,
  decideNotice,
  noticeDeadline,
  touchedRecords,
  type BreachNotice,
  type BreachReport,
  type BreachState,
} from '../../../functions/domain';
import { rules } from './violations';

// Discovered at 09:00 WITA on Monday 6 July 2026; the law's deadline is 09:00 WITA on Thursday 9 July.
const discoveredAt = '2026-07-06T01:00:00.000Z';
const now = new Date('2026-07-07T09:00:00Z');
const report: BreachReport = {
  what: 'Laptop PK hilang berisi salinan daftar klien',
  discoveredAt,
  exposure: { from: '2026-07-01T00:00:00.000Z', to: '2026-07-06T00:30:00.000Z' },
  officeIds: ['bapas-palopo', 'bapas-makassar'],
  recordTypes: ['client', 'case'],
};
const by = { actor: 'admin.palopo', now };
const open: BreachState = { discoveredAt, notices: {} };
const notice = (audience: 'subjects' | 'authority', sentAt = '2026-07-07T02:00:00.000Z'): BreachNotice => ({
  audience,
  sentAt,
  channel: 'letter',
  reference: `B-${audience}/PDP/2026`,
  late: false,
  recordedAt: sentAt,
  recordedBy: 'admin.palopo',
});
const notified: BreachState = {
  discoveredAt,
  notices: { subjects: notice('subjects'), authority: notice('authority') },
};
const closing = {
  summary: 'Kata sandi diganti, laptop dilaporkan ke polisi',
  evidence: [{ description: 'Laporan polisi', reference: 'LP/123/VII/2026' }],
};

describe('breach register (UU 27/2022 Pasal 46)', () => {
  it('PDP-BREACH-CLOCK: the notices are due 3 × 24 hours after discovery', () => {
    expect(noticeDeadline(discoveredAt)).toBe('2026-07-09T01:00:00.000Z');
    // 32 hours after discovery: 40 whole hours left, both audiences pending.
    expect(breachClock(open, now)).toEqual({
      deadline: '2026-07-09T01:00:00.000Z',
      running: true,
      pending: ['subjects', 'authority'],
      hoursLeft: 40,
      overdue: false,
    });
    const after = breachClock(open, new Date('2026-07-09T01:00:01Z'));
    expect(after).toMatchObject({ overdue: true, hoursLeft: -1, running: true });
  });

  it('PDP-BREACH-CLOCK: the clock stops once both notices are recorded; the status follows', () => {
    const one = { discoveredAt, notices: { subjects: notice('subjects') } };
    expect(breachClock(one, now)).toMatchObject({ running: true, pending: ['authority'] });
    expect(breachStatus(one)).toBe('open');
    expect(breachClock(notified, now)).toMatchObject({ running: false, pending: [] });
    expect(breachStatus(notified)).toBe('notified');
  });

  it('PDP-BREACH-CLOCK: a notice after the deadline is recorded and flagged late, never refused', () => {
    const late = decideNotice(
      open,
      { audience: 'authority', sentAt: '2026-07-10T03:00:00Z', channel: 'email', reference: 'surat-1' },
      { ...by, now: new Date('2026-07-10T04:00:00Z') },
    );
    expect(late).toEqual({
      ok: true,
      value: {
        audience: 'authority',
        sentAt: '2026-07-10T03:00:00.000Z',
        channel: 'email',
        reference: 'surat-1',
        late: true,
        recordedAt: '2026-07-10T04:00:00.000Z',
        recordedBy: 'admin.palopo',
      },
    });
    const inTime = decideNotice(
      open,
      { audience: 'subjects', sentAt: '2026-07-09T01:00:00Z', channel: 'sms', reference: 'x' },
      by,
    );
    expect(inTime.ok && inTime.value.late).toBe(false);
  });

  it('PDP-BREACH-CLOCK: one notice per audience, sent between discovery and now, on an open breach', () => {
    const again = { ...open, notices: { subjects: notice('subjects') } };
    const input = {
      audience: 'subjects' as const,
      sentAt: '2026-07-07T03:00:00Z',
      channel: 'letter' as const,
      reference: 'x',
    };
    expect(rules(decideNotice(again, input, by))).toEqual(['PDP-BREACH-CLOCK audience']);
    expect(rules(decideNotice(open, { ...input, sentAt: '2026-07-08T00:00:00Z' }, by))).toEqual([
      'PDP-BREACH-CLOCK sentAt',
    ]);
    expect(rules(decideNotice(open, { ...input, sentAt: '2026-07-05T00:00:00Z' }, by))).toEqual([
      'PDP-BREACH-CLOCK sentAt',
    ]);
    const closed = { ...notified, closing: { ...closing, closedAt: '2026-07-08T00:00:00Z', closedBy: 'a' } };
    expect(rules(decideNotice(closed, { ...input, audience: 'authority' }, by))).toContain(
      'PDP-BREACH-CLOCK audience',
    );
  });

  it('PDP-BREACH-CLOSE: refused until both notices are recorded', () => {
    expect(rules(decideClosing(open, closing, by))).toEqual([
      'PDP-BREACH-CLOSE notices',
      'PDP-BREACH-CLOSE notices',
    ]);
    const one = { discoveredAt, notices: { authority: notice('authority') } };
    expect(rules(decideClosing(one, closing, by))).toEqual(['PDP-BREACH-CLOSE notices']);
    expect(decideClosing(notified, closing, by)).toEqual({
      ok: true,
      value: { ...closing, closedAt: now.toISOString(), closedBy: 'admin.palopo' },
    });
  });

  it('PDP-BREACH-CLOSE: needs a summary and evidence, and closes once', () => {
    expect(rules(decideClosing(notified, { summary: ' ', evidence: [] }, by))).toEqual([
      'PDP-BREACH-CLOSE summary',
      'PDP-BREACH-CLOSE evidence',
    ]);
    expect(
      rules(decideClosing(notified, { summary: 'x', evidence: [{ description: 'a', reference: ' ' }] }, by)),
    ).toEqual(['PDP-BREACH-CLOSE evidence.0.reference']);
    const closed = { ...notified, closing: { ...closing, closedAt: '2026-07-08T00:00:00Z', closedBy: 'a' } };
    expect(breachStatus(closed)).toBe('closed');
    expect(rules(decideClosing(closed, closing, by))).toEqual(['PDP-BREACH-CLOSE summary']);
  });

  it('PDP-BREACH-REPORT: a sound report passes, its record types de-duplicated', () => {
    const checked = checkBreachReport(
      { ...report, recordTypes: ['client', 'client'] },
      { officeId: 'bapas-palopo', now },
    );
    expect(checked.ok && checked.value.recordTypes).toEqual(['client']);
  });

  it('PDP-BREACH-REPORT: discovery and exposure in order, its own office named, a record type', () => {
    const broken = checkBreachReport(
      {
        ...report,
        what: ' ',
        discoveredAt: '2026-07-08T00:00:00Z',
        exposure: { from: '2026-07-08T01:00:00Z', to: '2026-07-08T00:30:00Z' },
        officeIds: ['bapas-makassar', 'bapas-makassar'],
        recordTypes: [],
      },
      { officeId: 'bapas-palopo', now },
    );
    expect(rules(broken)).toEqual([
      'PDP-BREACH-REPORT what',
      'PDP-BREACH-REPORT discoveredAt',
      'PDP-BREACH-REPORT exposure.from',
      'PDP-BREACH-REPORT exposure.to',
      'PDP-BREACH-REPORT exposure.to',
      'PDP-BREACH-REPORT officeIds',
      'PDP-BREACH-REPORT officeIds',
      'PDP-BREACH-REPORT recordTypes',
    ]);
    const many = Array.from({ length: 97 }, (_, i) => (i === 0 ? 'bapas-palopo' : `bapas-${i}`));
    expect(
      rules(checkBreachReport({ ...report, officeIds: many }, { officeId: 'bapas-palopo', now })),
    ).toEqual(['PDP-BREACH-REPORT officeIds']);
  });

  it('PDP-BREACH-REPORT: affected records are the clients and cases touched in the window, by the suspect when named', () => {
    const entries = [
      { at: '2026-06-30T23:59:59.000Z', actor: 'pk.a', subjectType: 'client', subjectId: 'C-before' },
      { at: '2026-07-01T00:00:00.000Z', actor: 'pk.a', subjectType: 'client', subjectId: 'C1' },
      { at: '2026-07-02T00:00:00.000Z', actor: 'pk.b', subjectType: 'case', subjectId: 'K1' },
      { at: '2026-07-02T01:00:00.000Z', actor: 'pk.a', subjectType: 'case-evidence', subjectId: 'K2' },
      { at: '2026-07-03T00:00:00.000Z', actor: 'pk.a', subjectType: 'partner', subjectId: 'P1' },
      { at: '2026-07-04T00:00:00.000Z', actor: 'pk.a', subjectType: 'client', subjectId: 'C1' },
      { at: '2026-07-06T00:30:01.000Z', actor: 'pk.a', subjectType: 'client', subjectId: 'C-after' },
    ];
    expect(touchedRecords(entries, report.exposure)).toEqual({
      records: [
        { kind: 'client', id: 'C1' },
        { kind: 'case', id: 'K1' },
        { kind: 'case', id: 'K2' },
      ],
      consumed: 7,
    });
    expect(touchedRecords(entries, { ...report.exposure, actor: 'pk.b' }).records).toEqual([
      { kind: 'case', id: 'K1' },
    ]);
    // A page of two records ends before the entry that would bring a third.
    expect(touchedRecords(entries, report.exposure, 2)).toEqual({
      records: [
        { kind: 'client', id: 'C1' },
        { kind: 'case', id: 'K1' },
      ],
      consumed: 3,
    });
  });
});
