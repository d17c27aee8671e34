import { describe, expect, it } from 'vitest';
import { DECISION_TYPES, formatDecisionNumber, parseDecisionNumber } from '../../../functions/domain';

describe('nomor putusan', () => {
  it('ID-DECISION-NUMBER parses 231/Pid.B/2026/PN Mks', () => {
    const r = parseDecisionNumber('231/Pid.B/2026/PN Mks');
    expect(r).toEqual({ ok: true, value: { number: 231, type: 'Pid.B', year: 2026, court: 'Mks' } });
    expect(r.ok && formatDecisionNumber(r.value)).toBe('231/Pid.B/2026/PN Mks');
  });

  it.each(DECISION_TYPES)('ID-DECISION-NUMBER accepts the type %s', (type) => {
    expect(parseDecisionNumber(`5/${type}/2026/PN Plp`).ok).toBe(true);
  });

  it('ID-DECISION-NUMBER accepts dotted Jakarta court codes', () => {
    const r = parseDecisionNumber('12/Pid.Sus/2026/PN Jkt.Pst');
    expect(r.ok && r.value.court).toBe('Jkt.Pst');
  });

  it('ID-DECISION-NUMBER refuses leading zeros, unknown types, short years and missing PN', () => {
    for (const bad of [
      '0231/Pid.B/2026/PN Mks',
      '0/Pid.B/2026/PN Mks',
      '231/Pid.X/2026/PN Mks',
      '231/Pdt.G/2026/PN Mks',
      '231/Pid.B/26/PN Mks',
      '231/Pid.B/2026/Mks',
      '231/Pid.B/2026/PN 123',
      ' 231/Pid.B/2026/PN Mks',
      '231/Pid.B/2026/PN Mks ',
    ]) {
      const r = parseDecisionNumber(bad);
      expect(r.ok, bad).toBe(false);
      expect(!r.ok && r.violations[0]).toMatchObject({ rule: 'ID-DECISION-NUMBER', path: 'decision.number' });
    }
  });

  it('ID-DECISION-NUMBER limits courts to a configured list when one is given', () => {
    const allowed = ['Plp', 'Mks'];
    expect(parseDecisionNumber('1/Pid.B/2026/PN Plp', { allowedCourtCodes: allowed }).ok).toBe(true);
    const r = parseDecisionNumber('1/Pid.B/2026/PN Sby', { allowedCourtCodes: allowed, path: 'number' });
    expect(!r.ok && r.violations[0]).toMatchObject({ rule: 'ID-DECISION-NUMBER', path: 'number' });
  });
});
