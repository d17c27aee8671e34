import { describe, expect, it } from 'vitest';
import { isSessionOutcome, outcomeFlags, SESSION_OUTCOME_KEYS } from '../../../functions/domain';

describe('session outcomes', () => {
  it('are the four outcomes of the API, as reference data', () => {
    expect(SESSION_OUTCOME_KEYS).toEqual(['attended', 'partial', 'excused_absence', 'unexcused_absence']);
  });

  it('only an unexcused absence is enforceable by itself', () => {
    expect(SESSION_OUTCOME_KEYS.filter((o) => outcomeFlags(o).enforceable)).toEqual(['unexcused_absence']);
  });

  it('only attendance, full or partial, credits time', () => {
    expect(SESSION_OUTCOME_KEYS.filter((o) => outcomeFlags(o).credits)).toEqual(['attended', 'partial']);
    for (const o of SESSION_OUTCOME_KEYS) expect(outcomeFlags(o).credits).toBe(outcomeFlags(o).attended);
  });

  it('recognises outcome keys and nothing inherited', () => {
    expect(isSessionOutcome('partial')).toBe(true);
    expect(isSessionOutcome('absent')).toBe(false);
    expect(isSessionOutcome('toString')).toBe(false);
  });
});
