import { describe, expect, it } from 'vitest';
import * as domain from '../../../functions/domain';

const { clockOf, computeProgress, resolveOpenWarnings, termsOf, warningIdFloor, warningStanding } = domain;

const sentence = { hours: 40, deadline: '2026-06-30' };

describe('the terms in force and the clock', () => {
  it('PROGRESS-TERMS: the latest terms are in force; a case without any follows its sentence', () => {
    expect(termsOf({ sentence })).toEqual({ hours: 40, deadline: '2026-06-30', source: 'decision' });
    const repeat = { hours: 52, deadline: '2026-09-30', source: 'referral_outcome' as const };
    expect(termsOf({ sentence, terms: repeat })).toBe(repeat);
  });

  it('PROGRESS-TERMS: progress follows the terms (hours ordered, remaining, deadline)', () => {
    const progress = computeProgress({
      hoursOrdered: 52,
      creditedMinutes: 40 * 60,
      today: '2026-07-01',
      deadline: '2026-09-30',
      maxHoursPerDay: 4,
    });
    expect(progress).toMatchObject({ hoursOrdered: 52, hoursCredited: 40, hoursRemaining: 12, daysLeft: 91 });
  });

  it('PROGRESS-PAUSED: the clock stands still only while referred, and progress says so', () => {
    expect(clockOf('referred')).toEqual({ paused: true });
    expect(clockOf('repeated')).toEqual({ paused: false });
    const input = {
      hoursOrdered: 40,
      creditedMinutes: 0,
      today: '2026-06-01',
      deadline: '2026-06-30',
      maxHoursPerDay: 4,
    };
    expect(computeProgress({ ...input, paused: true })).toMatchObject({ daysLeft: 29, paused: true });
    expect(computeProgress(input)).not.toHaveProperty('paused');
  });
});

describe('warnings resolved by the record that resolves them', () => {
  const W = (n: number) => `01J${String(n).padStart(23, '0')}`;

  it('WARN-RESOLUTION: one resolution names any number of open warnings by the newest and a count', () => {
    const resolutions = resolveOpenWarnings([], 120, W(120), { at: 't1', referralId: 'R1' });
    expect(resolutions).toEqual([{ through: W(120), count: 120, at: 't1', referralId: 'R1' }]);
    expect(warningStanding({ id: W(1), status: 'open' as const }, resolutions)).toMatchObject({
      status: 'resolved',
      resolvedAt: 't1',
      resolvedByReferralId: 'R1',
    });
  });

  it('WARN-RESOLUTION: each warning is resolved by the first resolution after it; later ones stay open', () => {
    const first = resolveOpenWarnings(undefined, 2, W(2), { at: 't1', referralId: 'R1' });
    const both = resolveOpenWarnings(first, 1, W(3), { at: 't2', endedAs: 'terminated' });
    expect(warningStanding({ id: W(3), status: 'open' as const }, both)).toMatchObject({
      resolvedAt: 't2',
      resolvedByCaseStatus: 'terminated',
    });
    expect(warningStanding({ id: W(4), status: 'open' as const }, both).status).toBe('open');
    expect(warningIdFloor(both)).toBe(W(3));
    expect(warningIdFloor(undefined)).toBeUndefined();
  });

  it('WARN-RESOLUTION: nothing open, nothing resolved; a warning stored resolved keeps what it stored', () => {
    expect(resolveOpenWarnings([], 0, W(1), { at: 't' })).toEqual([]);
    const stored = { id: W(1), status: 'resolved' as const, resolvedByReferralId: 'OLD' };
    expect(warningStanding(stored, resolveOpenWarnings([], 1, W(2), { at: 't' }))).toBe(stored);
  });
});
