import { describe, expect, it } from 'vitest';
import { DECISION_TYPES, formatDecisionNumber, parseDecisionNumber } from '../../../functions/domain';

describe('nomor putusan', () => {
  it('ID-DECISION-NUMBER parses 231/Pid.B/2026/PN Mks', () => {
    const r = parseDecisionNumber('231/Pid.B/2026/PN Mks');
    expect(r).toEqual({
      ok: true,
      value: { number: 231, type: 'Pid.B', year: 2026, court: 'Mks', level: 'first_instance' },
    });
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
      '1234 K/Pid.Sus/2026/PN Mks',
      '1234/K/Pid.Sus/2026',
      '0123 K/Pid.Sus/2026',
      '12 PK/Pid/26',
      '45/Pid/2026/PA Mks',
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

  it.each([
    ['45/Pid.Sus-Anak/2026/PT Mks', { number: 45, type: 'Pid.Sus-Anak', court: 'Mks', level: 'appeal' }],
    ['45/PID/2026/PT MKS', { number: 45, type: 'Pid', court: 'MKS', level: 'appeal' }],
    ['1234 K/Pid.Sus/2026', { number: 1234, type: 'Pid.Sus', court: 'MA', level: 'cassation' }],
    ['1234 k/pid.sus/2026', { number: 1234, type: 'Pid.Sus', court: 'MA', level: 'cassation' }],
    ['56 PK/Pid/2026', { number: 56, type: 'Pid', court: 'MA', level: 'review' }],
    ['7/pid.b/2026/pn plp', { number: 7, type: 'Pid.B', court: 'plp', level: 'first_instance' }],
    ['8/Pid.S/2026/PN Plp', { number: 8, type: 'Pid.S', court: 'Plp', level: 'first_instance' }],
    ['9/Pid.C/2026/PN Plp', { number: 9, type: 'Pid.C', court: 'Plp', level: 'first_instance' }],
  ] as const)('ID-DECISION-NUMBER reads %s at its level, in any letter case', (written, expected) => {
    const r = parseDecisionNumber(written);
    expect(r.ok && r.value).toMatchObject({ ...expected, year: 2026 });
  });

  it('ID-DECISION-NUMBER formats each level back in its usual spelling', () => {
    for (const written of [
      '45/Pid/2026/PT Mks',
      '1234 K/Pid.Sus/2026',
      '56 PK/Pid/2026',
      '1/Pid.C/2026/PN Plp',
    ]) {
      const r = parseDecisionNumber(written);
      expect(r.ok && formatDecisionNumber(r.value)).toBe(written);
    }
  });

  it('ID-DECISION-NUMBER checks PT courts against the list too, in any case, and always accepts the Supreme Court', () => {
    const allowed = ['Plp', 'Mks'];
    const appeal = parseDecisionNumber('45/PID/2026/PT MKS', { allowedCourtCodes: allowed });
    expect(appeal.ok && appeal.value.court).toBe('Mks');
    expect(parseDecisionNumber('45/Pid/2026/PT Sby', { allowedCourtCodes: allowed }).ok).toBe(false);
    expect(parseDecisionNumber('1234 K/Pid.Sus/2026', { allowedCourtCodes: allowed }).ok).toBe(true);
  });
});
