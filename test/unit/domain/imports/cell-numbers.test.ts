import { describe, expect, it } from 'vitest';
import { readNumber, type CellResult } from '../../../../functions/domain/imports';

const HOURS = 'Jam yang sudah dijalani';
const errorOf = <T>(r: CellResult<T>) => (r.ok ? undefined : r.error);

describe('hours and other numbers', () => {
  it.each([
    ['12', 12],
    ['12,5', 12.5],
    ['12.5', 12.5],
    [' 12,25 ', 12.25],
    ['0,250', 0.25],
    ['0', 0],
  ])('reads the text %j as %d (the Indonesian decimal comma or a point)', (text, hours) => {
    expect(readNumber(text, HOURS, { min: 0 })).toEqual({ ok: true, value: hours });
  });

  it('takes a number cell as it is, its float dust gone', () => {
    expect(readNumber(12.5, HOURS)).toEqual({ ok: true, value: 12.5 });
    expect(readNumber(0.1 + 0.2, HOURS)).toEqual({ ok: true, value: 0.3 });
  });

  it('IMPORT-CELL refuses a decimal with three digits after its mark: 1.250 is 1250 or 1,25', () => {
    const error = errorOf(readNumber('1.250', HOURS));
    expect(error?.rule).toBe('IMPORT-CELL');
    expect(error?.message).toContain('dua cara');
    expect(errorOf(readNumber('12,500', HOURS))?.rule).toBe('IMPORT-CELL');
  });

  it('INPUT-FORMAT refuses too many decimals, grouped decimals, words and a date', () => {
    expect(errorOf(readNumber('12,125', HOURS, { decimals: 2 }))?.rule).toBe('IMPORT-CELL');
    expect(errorOf(readNumber('1234,125', HOURS))?.message).toBe('Paling banyak 2 angka di belakang koma.');
    expect(errorOf(readNumber(12.125, HOURS))?.rule).toBe('INPUT-FORMAT');
    expect(errorOf(readNumber('1.234,5', HOURS))?.message).toContain('Angka tidak dikenali');
    expect(errorOf(readNumber('dua belas', HOURS))?.rule).toBe('INPUT-FORMAT');
    expect(errorOf(readNumber(new Date(Date.UTC(2026, 0, 12)), HOURS))?.message).toContain('tanggal');
  });

  it('INPUT-FORMAT checks the bounds, written the Indonesian way', () => {
    expect(errorOf(readNumber('-3', HOURS, { min: 0 }))?.message).toBe('Paling sedikit 0.');
    expect(errorOf(readNumber('240,5', HOURS, { max: 240 }))?.message).toBe('Paling banyak 240.');
    expect(errorOf(readNumber('1,5', HOURS, { min: 2.5 }))).toMatchObject({
      message: 'Paling sedikit 2,5.',
      detail: 'At least 2.5.',
    });
  });

  it('reads whole numbers with thousands by a point, Rp and ,- as Indonesian writes rupiah', () => {
    const whole = { whole: true } as const;
    expect(readNumber('Rp10.000.000,-', 'Denda', whole)).toEqual({ ok: true, value: 10_000_000 });
    expect(readNumber('Rp. 2.500.000,00', 'Denda', whole)).toEqual({ ok: true, value: 2_500_000 });
    expect(readNumber('10.000', 'Denda', whole)).toEqual({ ok: true, value: 10_000 });
    expect(readNumber('240', 'Jam putusan', whole)).toEqual({ ok: true, value: 240 });
    expect(errorOf(readNumber('12,5', 'Jam putusan', whole))?.rule).toBe('INPUT-FORMAT');
    expect(errorOf(readNumber(12.5, 'Jam putusan', whole))?.message).toBe('Harus bilangan bulat.');
    expect(errorOf(readNumber('10,000,000', 'Denda', whole))?.rule).toBe('INPUT-FORMAT');
  });
});
