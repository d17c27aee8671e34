import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { keys } from '../../../functions/store/keys';
import {
  closureInTrail,
  completedCaseIds,
  derivedClosure,
  formatReport,
  missingChildMark,
  missingPlacementKeys,
  missingRetentionKeys,
} from '../../../infra/ops/backfill';

/** The backfill's per-item decisions (infra/ops/backfill.ts); the run itself: ops-backfill.test.ts. */
const ULID_A = ulid(Date.parse('2026-03-01T00:00:00.000Z'));
const ULID_B = ulid(Date.parse('2026-04-01T00:00:00.000Z'));
const ULID_C = ulid(Date.parse('2026-06-01T00:00:00.000Z'));
const entry = (at: string, changes: { field: string; before: unknown; after: unknown }[]) => ({
  id: at,
  at,
  actor: 'officer',
  action: 'case.transition',
  changes,
});

describe('the closure date of a closed case without one', () => {
  it("is the closing transition's date in the office's zone, newest first", () => {
    const trail = [
      entry('2026-05-13T02:00:00.000Z', [{ field: 'plan.state', before: 'a', after: 'b' }]),
      // 00:30 WITA on 13 May: still 12 May in UTC.
      entry('2026-05-12T16:30:00.000Z', [{ field: 'status', before: 'terminated', after: 'closed' }]),
      entry('2026-05-12T12:00:00.000Z', [{ field: 'status', before: 'received', after: 'terminated' }]),
    ];
    expect(closureInTrail(trail, 'Asia/Makassar')).toBe('2026-05-13');
    expect(closureInTrail(trail, 'Asia/Jakarta')).toBe('2026-05-12');
    expect(closureInTrail(trail.slice(0, 1), 'Asia/Makassar')).toBeUndefined();
  });

  it("falls back to the case's last write, and says which it used", () => {
    const record = { updatedAt: '2026-05-12T17:00:00.000Z' };
    expect(derivedClosure(record, '2026-05-10', 'Asia/Makassar')).toEqual({
      closedOn: '2026-05-10',
      source: 'audit',
    });
    expect(derivedClosure(record, undefined, 'Asia/Makassar')).toEqual({
      closedOn: '2026-05-13',
      source: 'updatedAt',
    });
  });
});

describe('a closed case in the retention listing', () => {
  const closed = { id: 'c1', officeId: 'o1', status: 'closed' };
  it('lacks the keys until it has them; a case not closed or done with needs none', () => {
    const wanted = { duepk: keys.retentionCases('o1'), duesk: keys.caseByDay('2026-05-13', 'c1') };
    expect(missingRetentionKeys(closed, '2026-05-13')).toEqual(wanted);
    expect(missingRetentionKeys({ ...closed, ...wanted }, '2026-05-13')).toBeUndefined();
    expect(missingRetentionKeys({ ...closed, status: 'terminated' }, '2026-05-13')).toBeUndefined();
    expect(
      missingRetentionKeys({ ...closed, retention: { completedAt: '2036-01-01T00:00:00Z' } }, '2026-05-13'),
    ).toBeUndefined();
  });
});

describe('an active placement in the housekeeping listing', () => {
  const placement = { id: 'p1', status: 'active', until: '2026-05-15' };
  it('lacks its keys until listed; an ended one needs none', () => {
    const wanted = { duepk: keys.activePlacements('o1'), duesk: keys.placementByUntil('2026-05-15', 'p1') };
    expect(missingPlacementKeys('o1', placement)).toEqual(wanted);
    expect(missingPlacementKeys('o1', { ...placement, ...wanted })).toBeUndefined();
    expect(missingPlacementKeys('o1', { ...placement, status: 'ended' })).toBeUndefined();
  });
});

describe("a client's caseIds", () => {
  const cases = [
    { id: ULID_B, createdAt: '2026-04-01T00:00:00.000Z' },
    { id: ULID_A, createdAt: '2026-03-01T00:00:00.000Z' },
  ];
  it('gets every case, in order of creation; nothing when none is missing', () => {
    expect(completedCaseIds(undefined, cases)).toEqual([ULID_A, ULID_B]);
    expect(completedCaseIds([ULID_A, ULID_B], cases)).toBeUndefined();
    expect(completedCaseIds(undefined, [])).toBeUndefined();
  });

  it('places a listed case it did not read by its ULID time, and an unknown id next to its predecessor', () => {
    // C was registered during the run (listed live, not read); A and B predate the list.
    expect(completedCaseIds([ULID_C], cases)).toEqual([ULID_A, ULID_B, ULID_C]);
    expect(
      completedCaseIds([ULID_A, 'legacy-7'], [{ id: ULID_C, createdAt: '2026-06-01T00:00:00Z' }]),
    ).toEqual([ULID_A, 'legacy-7', ULID_C]);
  });
});

describe("a client's child mark", () => {
  const adult = { id: 'a', sentence: { kind: 'kerja_sosial' as const }, decision: {} };
  const asChild = {
    id: 'b',
    sentence: { kind: 'kerja_sosial' as const },
    decision: { offenceDate: '2026-01-10' },
  };
  const track = { id: 'c', sentence: { kind: 'pelayanan_masyarakat' as const }, decision: {} };
  it('names the first case for an offence as a child, and is never replaced', () => {
    const client = { birthDate: '2008-02-20' };
    expect(missingChildMark(client, [adult, asChild, track])).toEqual({
      caseId: 'b',
      offenceDate: '2026-01-10',
    });
    expect(missingChildMark(client, [adult, track])).toEqual({ caseId: 'c' });
    expect(missingChildMark(client, [adult])).toBeUndefined();
    expect(missingChildMark({ ...client, childAtOffence: { caseId: 'x' } }, [asChild])).toBeUndefined();
  });
});

describe("the operator's line", () => {
  it('has counts and ids only, and says when there is nothing to do', () => {
    const zero = {
      officeId: 'bapas-palopo',
      dryRun: false,
      cases: 3,
      clientCaseIds: 0,
      childMarks: 0,
      closedFromAudit: 0,
      closedFromUpdatedAt: 0,
      retentionListed: 0,
      placementsListed: 0,
      anonymisedSkipped: 1,
      clientsNotFound: 0,
      changedMeanwhile: 0,
    };
    expect(formatReport(zero)).toMatch(/^bapas-palopo: 3 cases; set: .*nothing to do$/);
    expect(formatReport({ ...zero, retentionListed: 1, closedFromUpdatedAt: 1 })).toMatch(
      /listed for retention 1 \(closedOn from audit 0, from updatedAt 1\).*done$/,
    );
    expect(formatReport({ ...zero, dryRun: true, placementsListed: 2 })).toMatch(
      /would set: .*housekeeping 2;.*dry run, nothing written$/,
    );
  });
});
