import { describe, expect, it } from 'vitest';
import { discloseIdentity, maskNikToSerial } from '../../../functions/domain';

// Born 5 January 2005, a woman (day + 40 in the NIK), Kota Makassar.
const client = { nik: '7371014501050003', birthDate: '2005-01-05' };
const today = '2026-03-10';

describe('client disclosure', () => {
  it('CL-NIK-MASK: outside a reveal the NIK shows only its serial, for every reader', () => {
    // Prepare / Act
    const mayReveal = discloseIdentity(client, today, 'may-reveal');
    const mayNot = discloseIdentity(client, today, 'may-not-reveal');
    // Assess
    expect(mayReveal.nik).toBe('••••••••••••0003');
    expect(mayNot.nik).toBe('••••••••••••0003');
    expect(mayReveal.nikMasked && mayNot.nikMasked).toBe(true);
    expect(maskNikToSerial('12345')).toBe('•••••');
  });

  it('CL-NIK-MASK: who may not reveal gets the birth year, not the date, the age or child status', () => {
    // Act
    const view = discloseIdentity(client, today, 'may-not-reveal');
    // Assess: nothing in it holds the NIK's birth digits (450105) or changes on a birthday.
    expect(view).toEqual({ nik: '••••••••••••0003', nikMasked: true, birthYear: 2005 });
    expect(JSON.stringify(view)).not.toMatch(/01-05|0105|4501/);
  });

  it('CL-NIK-MASK: who may reveal keeps the birth date and child status; a reveal shows the NIK', () => {
    expect(discloseIdentity(client, today, 'may-reveal')).toEqual({
      nik: '••••••••••••0003',
      nikMasked: true,
      birthYear: 2005,
      birthDate: '2005-01-05',
      isChild: false,
    });
    expect(discloseIdentity(client, today, 'revealed')).toMatchObject({ nik: client.nik, nikMasked: false });
  });
});
