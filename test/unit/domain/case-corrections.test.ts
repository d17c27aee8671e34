import { describe, expect, it } from 'vitest';
import * as domain from '../../../functions/domain';
import type { CaseStatus } from '../../../functions/domain';
import { rules } from './violations';

const { canCorrectSentence, endsWithOpenWarnings, SENTENCE_EDITABLE_STATUSES } = domain;

describe('correcting a case', () => {
  it('LC-SENTENCE-EDITABLE lets the decision and sentence change while received or assessed', () => {
    // Prepare
    const change = { sentence: { hours: 40 }, decision: { number: '1/Pid.B/2026/PN Plp' } };
    // Act / Assess
    expect(canCorrectSentence('received', change).ok).toBe(true);
    expect(canCorrectSentence('assessed', change).ok).toBe(true);
    expect(SENTENCE_EDITABLE_STATUSES).toEqual(['received', 'assessed']);
  });

  it('LC-SENTENCE-EDITABLE refuses them once placed, on the field the correction touches', () => {
    expect(rules(canCorrectSentence('placed', { sentence: { hours: 40 } }))).toEqual([
      'LC-SENTENCE-EDITABLE sentence',
    ]);
    expect(rules(canCorrectSentence('active', { decision: { number: 'x' } }))).toEqual([
      'LC-SENTENCE-EDITABLE decision',
    ]);
    const refused = canCorrectSentence('completed', { sentence: {}, decision: {} });
    expect(refused.ok ? '' : refused.violations[0]?.message).toBe('The case is completed.');
  });

  it('LC-SENTENCE-EDITABLE always lets other fields change', () => {
    for (const status of domain.CASE_STATUSES) {
      expect(canCorrectSentence(status, { notes: 'Litmas dijadwalkan' } as object).ok, status).toBe(true);
    }
  });

  it('LC-SENTENCE-EDITABLE statuses all come before placement in the lifecycle', () => {
    expect(SENTENCE_EDITABLE_STATUSES).toContain(domain.INITIAL_STATUS);
    for (const status of SENTENCE_EDITABLE_STATUSES)
      expect(domain.TRANSITIONS[status]).not.toContain('active');
  });
});

describe('ending a case', () => {
  it('LC-END-WARNINGS resolves open warnings when the case leaves the open statuses', () => {
    const ended: CaseStatus[] = ['completed', 'converted', 'terminated'];
    for (const to of ended) expect(endsWithOpenWarnings(to, 2), to).toBe(true);
  });

  it('LC-END-WARNINGS leaves warnings alone while the case stays open, or when none are open', () => {
    for (const to of domain.OPEN_STATUSES) expect(endsWithOpenWarnings(to, 2), to).toBe(false);
    expect(endsWithOpenWarnings('terminated', 0)).toBe(false);
  });
});
