import { describe, expect, it } from 'vitest';
import * as domain from '../../../functions/domain';
import { rules } from './violations';

const { canDecideReferral, canWarn, validateNewReferral, validateOutcomeDate } = domain;

describe('warning and referring a case', () => {
  it('LC-TRANSITION: an active case becomes warned, a warned case stays warned, a placed one is refused', () => {
    expect(canWarn('active')).toEqual({ ok: true, value: 'warned' });
    expect(canWarn('warned')).toEqual({ ok: true, value: 'warned' });
    expect(rules(canWarn('placed'))).toEqual(['LC-TRANSITION to']);
  });

  it('REFERRAL-NEEDS-WARNING: a warning an earlier outcome resolved cannot be cited, and says so', () => {
    // Act
    const verdict = validateNewReferral({ reason: 'absent', warningIds: ['w1'] }, 'active', [
      { id: 'w1', status: 'resolved' },
    ]);
    // Assess
    expect(rules(verdict)).toEqual([
      'REFERRAL-NEEDS-WARNING warningIds.0',
      'REFERRAL-NEEDS-WARNING warningIds',
    ]);
    expect(verdict.ok ? '' : verdict.violations[0]!.message).toContain('resolved');
  });

  it('LC-TRANSITION: a referred case is not referred again; open warnings of an active case are', () => {
    const warnings = [{ id: 'w1', status: 'open' as const }];
    expect(
      rules(validateNewReferral({ reason: 'absent', warningIds: ['w1'] }, 'referred', warnings)),
    ).toEqual(['LC-TRANSITION to']);
    expect(validateNewReferral({ reason: 'absent', warningIds: ['w1'] }, 'warned', warnings)).toEqual({
      ok: true,
      value: { warningIds: ['w1'] },
    });
  });
});

describe('referral outcomes', () => {
  it('REFERRAL-ONE-OUTCOME: a referral awaiting its outcome takes one; a decided one names what it got', () => {
    // Act
    const awaiting = canDecideReferral({ status: 'awaiting_outcome' });
    const decided = canDecideReferral({ status: 'decided', outcome: { decision: 'continue' } });
    // Assess
    expect(awaiting.ok).toBe(true);
    expect(rules(decided)).toEqual(['REFERRAL-ONE-OUTCOME decision']);
    expect(decided.ok ? '' : decided.violations[0]!.message).toBe('Recorded: continue.');
  });

  it('REFERRAL-OUTCOME-DATE: the decision lies between the referral and today, both included', () => {
    expect(validateOutcomeDate('2026-06-09', '2026-06-09', '2026-06-10').ok).toBe(true);
    expect(validateOutcomeDate('2026-06-10', '2026-06-09', '2026-06-10').ok).toBe(true);
    expect(rules(validateOutcomeDate('2026-06-08', '2026-06-09', '2026-06-10'))).toEqual([
      'REFERRAL-OUTCOME-DATE decidedOn',
    ]);
    expect(rules(validateOutcomeDate('2026-06-11', '2026-06-09', '2026-06-10'))).toEqual([
      'REFERRAL-OUTCOME-DATE decidedOn',
    ]);
  });
});
