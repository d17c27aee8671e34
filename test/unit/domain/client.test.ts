import { describe, expect, it } from 'vitest';
import { isChild, nikAlreadyRegistered, validateClientRegistration } from '../../../functions/domain';
import { rules } from './violations';

const today = '2026-03-10';
/** Born 15 January 1990, a man: the NIK's birth date digits are 150190. */
const adult = { nik: '7373011501900001', birthDate: '1990-01-15', sex: 'M' as const };
/** Born 1 February 2011, a woman (day + 40 in the NIK): 15 years old on `today`. */
const child = { nik: '7373014102110001', birthDate: '2011-02-01', sex: 'F' as const };

describe('registering a client', () => {
  it('accepts an adult whose NIK agrees with the record', () => {
    expect(validateClientRegistration(adult, today).ok).toBe(true);
  });

  it('CL-GUARDIAN refuses a child without a guardian and accepts one with a wali', () => {
    expect(rules(validateClientRegistration(child, today))).toEqual(['CL-GUARDIAN guardian']);
    const withGuardian = { ...child, guardian: { name: 'Hasnah', relation: 'ibu' } };
    expect(validateClientRegistration(withGuardian, today).ok).toBe(true);
  });

  it('CL-GUARDIAN counts a client as a child until their 18th birthday', () => {
    expect(isChild('2008-03-11', today)).toBe(true);
    expect(isChild('2008-03-10', today)).toBe(false);
  });

  it('CL-BIRTH-DATE refuses a birth date after today', () => {
    const unborn = { nik: '7373011104260001', birthDate: '2026-04-11', sex: 'M' as const };
    expect(rules(validateClientRegistration(unborn, today))).toContain('CL-BIRTH-DATE birthDate');
  });

  it('ID-NIK-MATCH is checked with the other rules, on the field that disagrees', () => {
    expect(rules(validateClientRegistration({ ...adult, birthDate: '1991-01-15' }, today))).toEqual([
      'ID-NIK-MATCH birthDate',
    ]);
  });

  it('CL-NIK-UNIQUE reports a NIK the office already has on the nik field', () => {
    expect(nikAlreadyRegistered()).toEqual({
      rule: 'CL-NIK-UNIQUE',
      path: 'nik',
      message: 'Already registered.',
    });
  });
});
