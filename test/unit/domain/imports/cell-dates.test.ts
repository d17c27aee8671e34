import { describe, expect, it } from 'vitest';
import { readDateText } from '../../../../functions/domain/date-text';
import { excelSerialDate, readDate, readTime, type CellResult } from '../../../../functions/domain/imports';
import { parseDate } from '../../../../web/src/lib/date-entry';

const COLUMN = 'Tanggal putusan';
const errorOf = <T>(r: CellResult<T>) => (r.ok ? undefined : r.error);

describe('Excel serial dates (1900 date system)', () => {
  it.each([
    [46034, '2026-01-12'],
    [46023, '2026-01-01'],
    [45658, '2025-01-01'],
    [25569, '1970-01-01'],
    [61, '1900-03-01'],
    [59, '1900-02-28'],
    [1, '1900-01-01'],
    [2958465, '9999-12-31'],
    [46034.75, '2026-01-12'],
  ])('serial %d is %s', (serial, date) => {
    expect(excelSerialDate(serial)).toBe(date);
  });

  it('serial 60 is 29 February 1900, which never was (the Lotus 1-2-3 leap-year bug): no date', () => {
    expect(excelSerialDate(60)).toBeNull();
    const error = errorOf(readDate(60, COLUMN));
    expect(error).toMatchObject({ rule: 'IMPORT-CELL', column: COLUMN });
    expect(error?.message).toContain('29/02/1900');
  });

  it('reads the 1904 date system when the workbook uses it', () => {
    expect(excelSerialDate(0, true)).toBe('1904-01-01');
    expect(excelSerialDate(44572, true)).toBe('2026-01-12');
    expect(readDate(44572, COLUMN, { date1904: true })).toEqual({ ok: true, value: '2026-01-12' });
  });

  it('IMPORT-CELL refuses a number that is no Excel date (12012026 typed without slashes)', () => {
    expect(excelSerialDate(0)).toBeNull();
    expect(excelSerialDate(12012026)).toBeNull();
    expect(errorOf(readDate(12012026, COLUMN))?.message).toContain('bukan tanggal Excel');
    expect(errorOf(readDate(0.5, COLUMN))?.rule).toBe('IMPORT-CELL');
  });

  it('reads a serial number cell into its date', () => {
    expect(readDate(46034, COLUMN)).toEqual({ ok: true, value: '2026-01-12' });
  });
});

describe('date cells', () => {
  it('reads an Excel date cell (exceljs: the wall-clock date as UTC), its time dropped', () => {
    expect(readDate(new Date('2026-01-12T00:00:00.000Z'), COLUMN)).toEqual({ ok: true, value: '2026-01-12' });
    // A serial computed a hair short of midnight is still its day, not the one before.
    expect(readDate(new Date('2026-01-11T23:59:59.999Z'), COLUMN)).toEqual({ ok: true, value: '2026-01-12' });
    expect(readDate(new Date('2026-01-12T16:30:00.000Z'), COLUMN)).toEqual({ ok: true, value: '2026-01-12' });
  });

  it('IMPORT-CELL refuses a time cell in a date column', () => {
    expect(errorOf(readDate(new Date('1899-12-30T14:30:00.000Z'), COLUMN))?.message).toContain('jam');
  });

  it.each([
    ['12/01/2026', '2026-01-12'],
    ['2/1/2026', '2026-01-02'],
    ['12-01-2026', '2026-01-12'],
    ['12.01.2026', '2026-01-12'],
    ['25/12/2026', '2026-12-25'],
    ['2026-01-12', '2026-01-12'],
    ['12 Januari 2026', '2026-01-12'],
    ['12 januari 2026', '2026-01-12'],
    ['12 Jan 2026', '2026-01-12'],
    ['17 Agu 2026', '2026-08-17'],
    ['17 Agustus 2026', '2026-08-17'],
    ['5 Des 2026', '2026-12-05'],
    ['5 Okt. 2026', '2026-10-05'],
    ['1 Mei 2026', '2026-05-01'],
    ['5 December 2026', '2026-12-05'],
    ['29/02/2028', '2028-02-29'],
  ])('reads the text %j day first as %s', (text, date) => {
    expect(readDate(text, COLUMN)).toEqual({ ok: true, value: date });
  });

  it('IMPORT-CELL refuses month-first 12/25/2026 and says dates are day-first', () => {
    const error = errorOf(readDate('12/25/2026', COLUMN));
    expect(error).toMatchObject({ rule: 'IMPORT-CELL', column: COLUMN });
    expect(error?.message).toContain('hari dulu (dd/mm/yyyy)');
    expect(error?.message).toContain('bukan 12/25/2026');
    expect(error?.detail).toContain('day-first');
  });

  it('IMPORT-CELL refuses a date that reads two ways: a two-digit year, year first with slashes, bare digits', () => {
    expect(errorOf(readDate('03/04/26', COLUMN))?.message).toContain('1926 atau 2026');
    expect(errorOf(readDate('3 Apr 26', COLUMN))?.rule).toBe('IMPORT-CELL');
    expect(errorOf(readDate('2026/03/04', COLUMN))?.message).toContain('dua cara');
    expect(errorOf(readDate('2026.03.04', COLUMN))?.rule).toBe('IMPORT-CELL');
    expect(errorOf(readDate('03042026', COLUMN))?.message).toContain('dua cara');
  });

  it('INPUT-FORMAT refuses a day its month does not have and a text that is no date', () => {
    expect(errorOf(readDate('31/02/2026', COLUMN))).toMatchObject({
      rule: 'INPUT-FORMAT',
      message: 'Tanggal 31 tidak ada pada bulan 2026-02 (hanya 28 hari).',
    });
    expect(errorOf(readDate('besok', COLUMN))?.rule).toBe('INPUT-FORMAT');
    expect(errorOf(readDate('12/01-2026', COLUMN))?.rule).toBe('INPUT-FORMAT');
    expect(errorOf(readDate('12 Smarch 2026', COLUMN))?.rule).toBe('INPUT-FORMAT');
  });

  it('a blank date is null unless required', () => {
    expect(readDate('', COLUMN)).toEqual({ ok: true, value: null });
    expect(errorOf(readDate('', { name: COLUMN, required: true }))?.message).toBe('Wajib diisi.');
  });
});

describe('the shared day-first parser (domain/date-text.ts)', () => {
  it.each([
    '05/12/2026',
    '5-12-2026',
    '05.12.2026',
    ' 05 12 2026 ',
    '05122026',
    '2026-12-05',
    '2026/12/5',
    '5 Desember 2026',
    '5 Dec 2026',
    '17 agu 2026',
    '12/25/2026',
    '03/04/26',
    '31/02/2026',
    'besok',
    '',
  ])('typed mode reads %j as the dashboard’s date input does', (text) => {
    // web/src/lib/date-entry.ts could call readDateText(text, 'typed') and answer the same.
    expect(readDateText(text, 'typed')).toEqual(parseDate(text));
  });

  it('file mode is stricter: year first only as ISO, no bare digits, one separator', () => {
    expect(readDateText('2026/12/05', 'file')).toEqual({ problem: { kind: 'ambiguous' } });
    expect(readDateText('05122026', 'file')).toEqual({ problem: { kind: 'ambiguous' } });
    expect(readDateText('05 12 2026', 'file')).toEqual({ problem: { kind: 'format' } });
    expect(readDateText('2026-12-05', 'file')).toEqual({ value: '2026-12-05' });
  });
});

describe('time cells', () => {
  it.each([
    ['14.30', '14:30'],
    ['14:30', '14:30'],
    ['8.05', '08:05'],
    ['14:30:00', '14:30'],
    ['00.00', '00:00'],
    ['23.59', '23:59'],
  ])('reads the text %j as %s', (text, time) => {
    expect(readTime(text, 'Jam mulai')).toEqual({ ok: true, value: time });
  });

  it('reads Excel time fractions and time cells', () => {
    expect(readTime(0.5, 'Jam mulai')).toEqual({ ok: true, value: '12:00' });
    expect(readTime(14.5 / 24, 'Jam mulai')).toEqual({ ok: true, value: '14:30' });
    expect(readTime(0.6041666666, 'Jam mulai')).toEqual({ ok: true, value: '14:30' });
    expect(readTime(new Date('1899-12-30T14:30:00.000Z'), 'Jam mulai')).toEqual({ ok: true, value: '14:30' });
  });

  it('INPUT-FORMAT refuses a decimal number, AM/PM, a bare hour, seconds, an impossible time, a date', () => {
    expect(errorOf(readTime(14.3, 'Jam mulai'))?.message).toContain('14.30 atau 14.18');
    for (const text of ['2.30 PM', '14', '14:30:15', '24.00', '14.60', '14.3']) {
      expect(errorOf(readTime(text, 'Jam mulai'))?.rule, text).toBe('INPUT-FORMAT');
    }
    expect(errorOf(readTime(0.99999, 'Jam mulai'))?.rule).toBe('INPUT-FORMAT');
    expect(errorOf(readTime(new Date('2026-01-12T00:00:00Z'), 'Jam mulai'))?.message).toContain('tanggal');
  });
});
