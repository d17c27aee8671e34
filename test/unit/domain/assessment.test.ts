import { describe, expect, it } from 'vitest';
import {
  assessCase,
  flagsAfterPlacement,
  litmasBeforePlacement,
  routeElsewhere,
  type AssessmentInput,
  type AssessmentSummary,
  type CaseFlag,
  type CaseStatus,
} from '../../../functions/domain';
import { rules } from './violations';

const TODAY = '2026-03-05';

const litmas = (overrides: Partial<AssessmentInput> = {}): AssessmentInput => ({
  litmas: { number: 'W23.PAS.PAS12-PK.01.05.02-123', date: '2026-03-02' },
  recommendation: 'Kerja sosial di lingkungan pemerintah kota',
  consent: { status: 'given', recordedOn: '2026-03-02' },
  ...overrides,
});

const summary = (avoidPartnerKinds?: AssessmentSummary['avoidPartnerKinds']): AssessmentSummary => ({
  id: 'A',
  litmas: { number: 'L-7', date: '2026-03-02' },
  recommendation: 'x',
  consent: { status: 'given', recordedOn: '2026-03-02' },
  ...(avoidPartnerKinds ? { avoidPartnerKinds } : {}),
  recordedAt: '2026-03-02T01:00:00.000Z',
});

const consentFlag: CaseFlag = { rule: 'KS-CONSENT', path: 'consent', message: 'Registered without consent.' };

describe('assessment (Litmas)', () => {
  it('AS-LITMAS: a received case becomes assessed; a later one is re-assessed and keeps its status', () => {
    // Act
    const first = assessCase('received', [], litmas(), TODAY);
    const again = assessCase('active', [], litmas(), TODAY);
    // Assess
    expect(first).toMatchObject({ ok: true, value: { status: 'assessed', flags: [], raised: [] } });
    expect(again).toMatchObject({ ok: true, value: { status: 'active' } });
  });

  it('AS-LITMAS refuses a Litmas or a consent dated after today, and accepts today', () => {
    const future = litmas({
      litmas: { number: 'L', date: '2026-03-06' },
      consent: { status: 'given', recordedOn: '2026-03-06' },
    });
    expect(rules(assessCase('received', [], future, TODAY))).toEqual([
      'AS-LITMAS litmas.date',
      'AS-LITMAS consent.recordedOn',
    ]);
    const today = litmas({ litmas: { number: 'L', date: TODAY } });
    expect(assessCase('received', [], today, TODAY).ok).toBe(true);
  });

  it('LC-TRANSITION: an ended case takes no assessment (reported on caseId)', () => {
    for (const status of ['completed', 'converted', 'terminated', 'closed'] as CaseStatus[]) {
      expect(rules(assessCase(status, [], litmas(), TODAY)), status).toEqual(['LC-TRANSITION caseId']);
    }
  });

  it('KS-CONSENT: consent refused or not asked is recorded and flagged, never refused', () => {
    for (const status of ['refused', 'not_asked'] as const) {
      const decided = assessCase('received', [], litmas({ consent: { status, recordedOn: TODAY } }), TODAY);
      expect(decided.ok, status).toBe(true);
      if (!decided.ok) continue;
      expect(decided.value.status).toBe('assessed');
      expect(decided.value.raised.map((f) => `${f.rule} ${f.path}`)).toEqual(['KS-CONSENT consent.status']);
      expect(decided.value.flags).toEqual(decided.value.raised);
    }
  });

  it("KS-CONSENT: the latest assessment's consent replaces the case's earlier consent flags", () => {
    const other: CaseFlag = { rule: 'CHILD-ADVISORY-HOURS', path: 'sentence.maxHoursPerDay', message: 'x' };
    const given = assessCase('assessed', [consentFlag, other], litmas(), TODAY);
    expect(given.ok && given.value.flags).toEqual([other]);
  });

  it("CHILD-LITMAS: a child's case is placed only once its Litmas is recorded", () => {
    expect(rules(litmasBeforePlacement('pelayanan_masyarakat', undefined))).toEqual(['CHILD-LITMAS caseId']);
    expect(litmasBeforePlacement('pelayanan_masyarakat', summary()).ok).toBe(true);
    // An adult's case assessed before v2 (no assessment on record) is still placed.
    expect(litmasBeforePlacement('kerja_sosial', undefined).ok).toBe(true);
  });

  it('AS-AVOID-KIND: a partner of a kind the Litmas advises against is flagged once, never refused', () => {
    const placed = flagsAfterPlacement([consentFlag], summary(['religious']), 'religious');
    expect(placed.map((f) => `${f.rule} ${f.path}`)).toEqual(['KS-CONSENT consent', 'AS-AVOID-KIND siteId']);
    expect(flagsAfterPlacement(placed, summary(['religious']), 'religious')).toEqual(placed);
    expect(flagsAfterPlacement([], summary(['religious']), 'government')).toEqual([]);
    expect(flagsAfterPlacement([], undefined, 'religious')).toEqual([]);
  });
});

describe('no bypass through the transitions route', () => {
  const named = (from: CaseStatus, to: CaseStatus, remainingMinutes?: number) => {
    const v = routeElsewhere(from, to, { remainingMinutes });
    return v && `${v.rule} ${v.message}`;
  };

  it('LC-VIA-ASSESSMENT: assessed only by recording an assessment', () => {
    expect(named('received', 'assessed')).toMatch(/^LC-VIA-ASSESSMENT .*POST .*\/assessments/);
  });

  it('LC-VIA-PLACEMENT: placed only by a placement', () => {
    expect(named('assessed', 'placed')).toMatch(/^LC-VIA-PLACEMENT .*POST .*\/placements/);
  });

  it('LC-VIA-WARNING: warned only by a warning', () => {
    expect(named('active', 'warned')).toMatch(/^LC-VIA-WARNING .*POST .*\/warnings/);
  });

  it('LC-VIA-REFERRAL: referred only by a referral', () => {
    expect(named('warned', 'referred')).toMatch(/^LC-VIA-REFERRAL .*POST .*\/referrals/);
  });

  it('LC-REFERRAL-OUTCOME: a referred case moves on by its outcome, named with its route', () => {
    for (const to of ['active', 'repeated', 'converted'] as CaseStatus[]) {
      expect(named('referred', to), to).toMatch(/^LC-REFERRAL-OUTCOME .*\/outcome/);
    }
    expect(named('referred', 'terminated')).toBeUndefined();
  });

  it('LC-COMPLETE-HOURS: completion with hours left points to the sessions; with none it is allowed', () => {
    expect(named('active', 'completed', 60)).toMatch(/^LC-COMPLETE-HOURS .*\/sessions/);
    expect(named('warned', 'completed')).toMatch(/^LC-COMPLETE-HOURS/);
    expect(named('active', 'completed', 0)).toBeUndefined();
  });

  it('LC-CLOSE: a case is closed only once completed, converted or terminated', () => {
    expect(named('active', 'closed')).toMatch(/^LC-CLOSE /);
    expect(named('received', 'closed')).toMatch(/^LC-CLOSE /);
    for (const from of ['completed', 'converted', 'terminated'] as CaseStatus[]) {
      expect(named(from, 'closed'), from).toBeUndefined();
    }
  });

  it('LC-CLOSE-RECORD: a completed case is closed once its completion record is issued', () => {
    const close = (completionRecordIssued: boolean, from: CaseStatus = 'completed') => {
      const v = routeElsewhere(from, 'closed', { completionRecordIssued });
      return v && `${v.rule} ${v.path} ${v.message}`;
    };
    expect(close(false)).toMatch(/^LC-CLOSE-RECORD to .*completion_record/);
    expect(close(true)).toBeUndefined();
    // A converted or terminated case has no completion record to wait for.
    expect(close(false, 'terminated')).toBeUndefined();
    expect(close(false, 'converted')).toBeUndefined();
  });

  it('LC-TRANSITION: the moves that are the route’s own are left to canTransition', () => {
    expect(named('received', 'terminated')).toBeUndefined();
    expect(named('warned', 'active')).toBeUndefined();
    expect(named('placed', 'active')).toBeUndefined();
    // A jump the lifecycle refuses anyway stays canTransition's 400, not a pointer elsewhere.
    expect(named('received', 'completed')).toBeUndefined();
  });
});
