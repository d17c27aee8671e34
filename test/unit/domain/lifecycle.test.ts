import { describe, expect, it } from 'vitest';
import {
  canTransition,
  CASE_STATUSES,
  OPEN_STATUSES,
  REFERRAL_DECISIONS,
  REFERRAL_OUTCOME_STATUS,
  statusAfterReferralOutcome,
  TRANSITIONS,
  type CaseStatus,
} from '../../../functions/domain';
import { rules } from './violations';

describe('case lifecycle', () => {
  it('LC-TRANSITION walks the happy path received → assessed → placed → active → completed → closed', () => {
    const path: CaseStatus[] = ['received', 'assessed', 'placed', 'active', 'completed', 'closed'];
    for (let i = 1; i < path.length; i++) {
      const from = path[i - 1] as CaseStatus;
      const to = path[i] as CaseStatus;
      expect(canTransition(from, to, { remainingMinutes: 0 }).ok, `${from} → ${to}`).toBe(true);
    }
  });

  it('LC-TRANSITION refuses skipping steps and going backwards', () => {
    expect(rules(canTransition('received', 'active'))).toEqual(['LC-TRANSITION to']);
    expect(rules(canTransition('placed', 'assessed'))).toEqual(['LC-TRANSITION to']);
    expect(rules(canTransition('active', 'active'))).toEqual(['LC-TRANSITION to']);
    expect(rules(canTransition('closed', 'active'))).toEqual(['LC-TRANSITION to']);
  });

  it('LC-TRANSITION moves between active and warned both ways, and from either to referred', () => {
    expect(canTransition('active', 'warned').ok).toBe(true);
    expect(canTransition('warned', 'active').ok).toBe(true);
    expect(canTransition('active', 'referred').ok).toBe(true);
    expect(canTransition('warned', 'referred').ok).toBe(true);
    expect(canTransition('placed', 'referred').ok).toBe(false);
  });

  it('LC-TRANSITION closes only completed, converted and terminated cases', () => {
    const closable = CASE_STATUSES.filter((s) => TRANSITIONS[s].includes('closed'));
    expect(closable).toEqual(['completed', 'converted', 'terminated']);
  });

  it('LC-TRANSITION: every status in the table is a known status and closed is the only dead end', () => {
    for (const s of CASE_STATUSES) {
      for (const t of TRANSITIONS[s]) expect(CASE_STATUSES).toContain(t);
    }
    expect(CASE_STATUSES.filter((s) => TRANSITIONS[s].length === 0)).toEqual(['closed']);
  });

  it('LC-COMPLETE-HOURS refuses completion with a minute left or no figure given', () => {
    expect(rules(canTransition('active', 'completed', { remainingMinutes: 1 }))).toEqual([
      'LC-COMPLETE-HOURS to',
    ]);
    expect(rules(canTransition('warned', 'completed', {}))).toEqual(['LC-COMPLETE-HOURS to']);
    expect(canTransition('warned', 'completed', { remainingMinutes: 0 }).ok).toBe(true);
  });

  it('LC-REASON: every open status can be terminated with a reason, and none without', () => {
    for (const s of OPEN_STATUSES) {
      expect(canTransition(s, 'terminated', { reason: 'Client died (akta kematian)' }).ok, s).toBe(true);
      expect(rules(canTransition(s, 'terminated', { reason: '  ' })), s).toEqual(['LC-REASON reason']);
    }
    expect(rules(canTransition('completed', 'terminated', { reason: 'x' }))).toEqual(['LC-TRANSITION to']);
  });

  it('LC-REFERRAL-OUTCOME: a referred case moves only with the matching recorded outcome', () => {
    expect(rules(canTransition('referred', 'active'))).toEqual(['LC-REFERRAL-OUTCOME to']);
    expect(rules(canTransition('referred', 'converted', { referralOutcome: 'repeat' }))).toEqual([
      'LC-REFERRAL-OUTCOME to',
    ]);
    expect(canTransition('referred', 'converted', { referralOutcome: 'pay_fine' }).ok).toBe(true);
  });

  it('LC-REFERRAL-OUTCOME maps each jaksa/court decision to its status', () => {
    expect(REFERRAL_OUTCOME_STATUS).toEqual({
      repeat: 'repeated',
      serve_prison: 'converted',
      pay_fine: 'converted',
      continue: 'active',
    });
    for (const d of REFERRAL_DECISIONS) {
      expect(statusAfterReferralOutcome('referred', d)).toEqual({
        ok: true,
        value: REFERRAL_OUTCOME_STATUS[d],
      });
    }
  });

  it('LC-TRANSITION: only a referred case takes a referral outcome; a repeated case returns to active', () => {
    const r = statusAfterReferralOutcome('active', 'continue');
    expect(!r.ok && r.violations[0]).toMatchObject({ rule: 'LC-TRANSITION', path: 'decision' });
    expect(canTransition('repeated', 'active').ok).toBe(true);
    expect(canTransition('repeated', 'completed', { remainingMinutes: 0 }).ok).toBe(false);
  });
});
