import { describe, expect, it } from 'vitest';
import { needsAction, reasonsFor } from '../../../web/src/lib/needs-action';
import type { Case, CaseStatus } from '../../../web/src/lib/api-types';

function aCase(
  id: string,
  status: CaseStatus,
  progress: Partial<Case['progress']> = {},
  openWarnings = 0,
): Case {
  return {
    id,
    status,
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    client: { id: `c-${id}`, fullName: id },
    officerUsername: 'pk.palopo',
    origin: 'decision',
    flags: [],
    sentence: {
      kind: 'kerja_sosial',
      hours: 40,
      maxHoursPerDay: 4,
      startDate: '2026-01-01',
      deadline: '2026-06-01',
    },
    openWarnings,
    terms: { hours: 40, deadline: '2026-06-01', source: 'decision' },
    clock: { paused: status === 'referred' },
    progress: {
      hoursOrdered: 40,
      hoursCredited: 10,
      hoursRemaining: 30,
      deadline: '2026-06-01',
      daysLeft: 90,
      onTrack: true,
      ...progress,
    },
  };
}

describe('the needs-action list', () => {
  it('says why: overdue, off track, due soon, warned, awaiting the jaksa', () => {
    expect(reasonsFor(aCase('a', 'active', { daysLeft: -3 }))).toEqual([{ kind: 'overdue', days: 3 }]);
    expect(reasonsFor(aCase('b', 'active', { daysLeft: 12, onTrack: false }))).toEqual([
      { kind: 'offTrack' },
      { kind: 'dueSoon', days: 12 },
    ]);
    expect(reasonsFor(aCase('c', 'warned', {}, 2))).toEqual([{ kind: 'warned', openWarnings: 2 }]);
    expect(reasonsFor(aCase('d', 'referred', { daysLeft: -5 }))).toEqual([{ kind: 'awaitingOutcome' }]);
  });

  it('leaves out cases on track and far from the deadline, and finished work', () => {
    expect(reasonsFor(aCase('e', 'active'))).toEqual([]);
    expect(reasonsFor(aCase('f', 'active', { hoursRemaining: 0, daysLeft: 2 }))).toEqual([]);
  });

  it('lists flagged open cases, naming the rules, and forgets the flags of finished ones', () => {
    const flags = [
      { rule: 'CHILD-ADVISORY-HOURS', path: 'sentence.maxHoursPerDay', message: 'above advisory' },
      { rule: 'KS-CONSENT', path: 'consent', message: 'no consent' },
    ];
    expect(reasonsFor({ ...aCase('g', 'received'), flags })).toEqual([
      { kind: 'flagged', rules: ['CHILD-ADVISORY-HOURS', 'KS-CONSENT'] },
    ]);
    expect(reasonsFor({ ...aCase('h', 'closed'), flags })).toEqual([]);
    const items = needsAction([
      { ...aCase('g', 'received'), flags },
      aCase('late', 'active', { daysLeft: -1 }),
    ]);
    expect(items.map((i) => i.case.id)).toEqual(['late', 'g']);
  });

  it('lists each case once, most urgent first, then by deadline', () => {
    const warned = aCase('warned', 'warned', { deadline: '2026-03-01' }, 1);
    const items = needsAction(
      [
        aCase('soon', 'active', { daysLeft: 20, deadline: '2026-02-20' }),
        aCase('late', 'active', { daysLeft: -1 }),
        warned,
      ],
      [warned],
      [aCase('referred', 'referred')],
    );
    expect(items.map((i) => i.case.id)).toEqual(['late', 'referred', 'warned', 'soon']);
  });
});
