import { describe, expect, it } from 'vitest';
import {
  SUBJECT_REQUEST_KINDS,
  answerRequest,
  checkReceivedAt,
  exportMismatch,
  requestClock,
  requestDeadline,
} from '../../../functions/domain';
import { buildSubjectExport, cellText } from '../../../functions/domain/data-protection/subject-export';
import { DEFAULT_LAWFUL_BASIS } from '../../../functions/domain';

const RECEIVED = '2026-06-29T07:00:00.000Z';
const open = { kind: 'access' as const, receivedAt: RECEIVED, status: 'open' as const };

describe('subject requests (UU 27/2022)', () => {
  it('PDP-REQUEST-DEADLINE: every kind is due 3×24 hours after receipt, counted in hours', () => {
    for (const kind of SUBJECT_REQUEST_KINDS) {
      expect(requestDeadline(kind, new Date(RECEIVED)).toISOString()).toBe('2026-07-02T07:00:00.000Z');
    }
  });

  it('PDP-REQUEST-DEADLINE: an open request shows whole hours left, then 0 and overdue', () => {
    expect(requestClock(open, new Date('2026-06-29T08:30:00Z'))).toEqual({
      deadline: '2026-07-02T07:00:00.000Z',
      hoursLeft: 70,
      overdue: false,
    });
    expect(requestClock(open, new Date('2026-07-02T07:00:00Z'))).toMatchObject({
      hoursLeft: 0,
      overdue: false,
    });
    expect(requestClock(open, new Date('2026-07-02T07:00:01Z'))).toMatchObject({
      hoursLeft: 0,
      overdue: true,
    });
  });

  it('PDP-REQUEST-DEADLINE: an answered request is overdue only if answered after the deadline', () => {
    const later = new Date('2026-08-01T00:00:00Z');
    const onTime = { ...open, status: 'answered' as const, answeredAt: '2026-07-01T00:00:00Z' };
    const late = { ...onTime, answeredAt: '2026-07-03T00:00:00Z' };
    expect(requestClock(onTime, later)).toEqual({ deadline: '2026-07-02T07:00:00.000Z', overdue: false });
    expect(requestClock(late, later).overdue).toBe(true);
  });

  it('PDP-REQUEST-DEADLINE: a receipt in the future is refused beyond five minutes of skew', () => {
    const now = new Date(RECEIVED);
    expect(checkReceivedAt(new Date('2026-06-29T07:04:00Z'), now)).toEqual([]);
    expect(checkReceivedAt(new Date('2026-06-29T07:06:00Z'), now)).toEqual([
      expect.objectContaining({ rule: 'PDP-REQUEST-DEADLINE', path: 'receivedAt' }),
    ]);
  });

  it('PDP-REQUEST-DEADLINE: a late answer is accepted and flagged overdue', () => {
    const decided = answerRequest(
      open,
      { outcome: 'answered', note: 'Salinan diserahkan' },
      new Date('2026-07-05T00:00:00Z'),
    );
    expect(decided).toEqual({
      ok: true,
      value: {
        status: 'answered',
        answeredAt: '2026-07-05T00:00:00.000Z',
        note: 'Salinan diserahkan',
        overdue: true,
      },
    });
  });

  it('PDP-REQUEST-REFUSAL: a refusal names its reason; a blank one is no reason', () => {
    const at = new Date('2026-06-30T00:00:00Z');
    const blank = answerRequest(open, { outcome: 'refused', note: 'Ditolak', reason: '  ' }, at);
    expect(blank).toMatchObject({ ok: false, conflict: false });
    expect(!blank.ok && blank.violations).toEqual([
      expect.objectContaining({ rule: 'PDP-REQUEST-REFUSAL', path: 'reason' }),
    ]);
    const refused = answerRequest(open, { outcome: 'refused', note: 'Ditolak', reason: 'Pasal 15' }, at);
    expect(refused).toMatchObject({
      ok: true,
      value: { status: 'refused', reason: 'Pasal 15', overdue: false },
    });
  });

  it('PDP-REQUEST-ANSWER-ONCE: an answered or refused request is not answered again; an export answers only an open access request about its client', () => {
    const answered = { ...open, status: 'answered' as const, answeredAt: RECEIVED };
    const again = answerRequest(answered, { outcome: 'answered', note: 'x' }, new Date());
    expect(again).toMatchObject({ ok: false, conflict: true });
    expect(exportMismatch({ ...open, clientId: 'A' }, 'A')).toBeUndefined();
    expect(exportMismatch(open, 'A')).toBeUndefined();
    expect(exportMismatch({ ...open, clientId: 'B' }, 'A')).toBe('other-client');
    expect(exportMismatch({ ...open, kind: 'erasure' }, 'A')).toBe('not-access');
    expect(exportMismatch(answered, 'A')).toBe('not-open');
  });
});

describe("a subject's export as a document", () => {
  it('prints the client, the lawful basis, a section per record type and the audit trail', () => {
    const model = buildSubjectExport({
      exportId: 'e1',
      letterhead: { kanwil: 'KANWIL', officeName: 'Bapas Palopo', address: 'Jl. A', city: 'Palopo' },
      timeZone: 'Asia/Makassar',
      generatedAt: new Date(RECEIVED),
      generatedOn: '2026-06-29',
      expiresOn: '2026-07-29',
      client: { fullName: 'Andi Baso', nik: '7373011501900001', sex: 'M', createdAt: RECEIVED },
      lawfulBasis: DEFAULT_LAWFUL_BASIS,
      clientAudit: [
        { at: RECEIVED, actor: 'admin', action: 'client.reveal-nik', reason: 'Cek KTP', changes: [] },
      ],
      cases: [
        {
          record: { id: 'c1', status: 'active', sentence: { kind: 'kerja_sosial', hours: 40 } },
          assessments: [],
          placements: [],
          sessions: [
            {
              date: '2026-03-02',
              startTime: '08:00',
              endTime: '12:00',
              outcome: 'attended',
              creditedMinutes: 240,
            },
          ],
          warnings: [],
          referrals: [],
          payments: [],
          evidence: [{ fileName: 'a.jpg', status: 'verified', sha256: 'ab'.repeat(32) }],
          documents: [],
          audit: [],
        },
      ],
    });
    const text = JSON.stringify(model.blocks);
    expect(model.kind).toBe('subject_export');
    expect(model.number).toBeUndefined();
    expect(text).toContain('7373011501900001');
    expect(text).toContain('Pemenuhan kewajiban hukum');
    expect(text).toContain('Hadir');
    expect(text).toContain('Terverifikasi');
    expect(text).toContain(`${'ab'.repeat(16)}\\n${'ab'.repeat(16)}`);
    expect(text).toContain('29/06/2026 15.00 WITA');
    expect(text).toContain('Cek KTP');
    // No name in the file's properties.
    expect(JSON.stringify(model.metadata)).not.toContain('Andi');
  });

  it('writes an empty value as a dash and lists as words', () => {
    expect(cellText(undefined)).toBe('–');
    expect(cellText([])).toBe('–');
    expect(cellText(['a', 'b'])).toBe('a, b');
    expect(cellText(true)).toBe('ya');
  });
});
