import { describe, expect, it } from 'vitest';
import { validateReferral, validateWarning, type SessionForWarning } from '../../../functions/domain';
import { rules } from './violations';

const sessions: SessionForWarning[] = [
  { id: 's1', outcome: 'unexcused_absence' },
  { id: 's2', outcome: 'excused_absence' },
  { id: 's3', outcome: 'partial', misconduct: true },
  { id: 's4', outcome: 'attended' },
];

describe('warnings', () => {
  it('WARN-LEVEL accepts levels 1 to 3 and refuses 0, 4 and 1.5', () => {
    for (const level of [1, 2, 3])
      expect(validateWarning({ level, reason: 'absent', sessionIds: ['s1'] }, sessions).ok).toBe(true);
    for (const level of [0, 4, 1.5]) {
      expect(rules(validateWarning({ level, reason: 'absent', sessionIds: ['s1'] }, sessions))).toEqual([
        'WARN-LEVEL level',
      ]);
    }
  });

  it('WARN-REASON needs a reason', () => {
    expect(rules(validateWarning({ level: 1, reason: ' ', sessionIds: [] }, sessions))).toEqual([
      'WARN-REASON reason',
    ]);
  });

  it('WARN-SESSIONS accepts an unexcused absence and a session marked as misconduct', () => {
    expect(
      validateWarning({ level: 2, reason: 'absent, then rude', sessionIds: ['s1', 's3'] }, sessions),
    ).toEqual({
      ok: true,
      value: { level: 2 },
    });
  });

  it('WARN-SESSIONS refuses excused absences, good attendance, unknown and repeated ids, by index', () => {
    const r = validateWarning(
      { level: 1, reason: 'x', sessionIds: ['s2', 's4', 'nope', 's1', 's1'] },
      sessions,
    );
    // s2 (excused), s4 (attended), nope (unknown) and the second s1 (repeated); the first s1 stands.
    expect(rules(r)).toEqual([0, 1, 2, 4].map((index) => `WARN-SESSIONS sessionIds.${index}`));
  });
});

describe('referrals', () => {
  it('REFERRAL-NEEDS-WARNING refuses a referral citing no warning', () => {
    expect(rules(validateReferral({ reason: 'three absences', warningIds: [] }, ['w1']))).toEqual([
      'REFERRAL-NEEDS-WARNING warningIds',
    ]);
  });

  it('REFERRAL-NEEDS-WARNING refuses warnings of another case and counts distinct ones', () => {
    const r = validateReferral({ reason: 'x', warningIds: ['w9', 'w1', 'w1'] }, ['w1', 'w2'], {
      minWarnings: 2,
    });
    expect(rules(r)).toEqual(['REFERRAL-NEEDS-WARNING warningIds.0', 'REFERRAL-NEEDS-WARNING warningIds']);
  });

  it('REFERRAL-NEEDS-WARNING accepts one warning by default and honours an office minimum', () => {
    expect(validateReferral({ reason: 'x', warningIds: ['w1'] }, ['w1'])).toEqual({
      ok: true,
      value: { warningIds: ['w1'] },
    });
    expect(validateReferral({ reason: 'x', warningIds: [] }, [], { minWarnings: 0 }).ok).toBe(true);
    expect(rules(validateReferral({ reason: '', warningIds: ['w1'] }, ['w1']))).toEqual([
      'REFERRAL-NEEDS-WARNING reason',
    ]);
  });
});
