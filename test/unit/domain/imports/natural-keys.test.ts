import { describe, expect, it } from 'vitest';
import {
  caseKey,
  clientKey,
  duplicatesWithin,
  excelRow,
  foldKeyText,
  keyString,
  partnerKey,
  siteKey,
} from '../../../../functions/domain/imports';

describe('natural keys', () => {
  it('fold text: NFC, letter case, runs of spaces, ends', () => {
    expect(foldKeyText('  Masjid   Agung\tBARA ')).toBe('masjid agung bara');
    expect(foldKeyText('Cafe\u0301')).toBe(foldKeyText('Café'));
  });

  it('a case by court and decision number, the number in its canonical spelling', () => {
    const a = caseKey('PN Palopo', '231/pid.b/2026/PN MKS');
    const b = caseKey(' pn  palopo ', '231 / Pid.B / 2026 / PN Mks');
    expect(keyString(a)).toBe(keyString(b));
    expect(keyString(a)).not.toBe(keyString(caseKey('PN Makassar', '231/Pid.B/2026/PN Mks')));
    // The court spelled out is the same court: a second file written differently finds the case.
    expect(keyString(caseKey('Pengadilan Negeri  Palopo', '231/Pid.B/2026/PN Mks'))).toBe(keyString(a));
    expect(keyString(a)).not.toBe(keyString(caseKey('PN Palopo', '232/Pid.B/2026/PN Mks')));
    // a diversion's penetapan number is no decision number: compared as folded text
    expect(keyString(caseKey('PN Palopo', '5/Pen.Div/2026/PN Plp'))).toBe(
      keyString(caseKey('PN Palopo', '5/PEN.DIV/2026/PN PLP')),
    );
  });

  it('keys of different kinds or parts never meet', () => {
    expect(keyString(partnerKey('12/PKS/2026'))).not.toBe(keyString(clientKey('12/PKS/2026')));
    expect(keyString(siteKey('a b', 'c'))).not.toBe(keyString(siteKey('a', 'b c')));
    expect(keyString(siteKey('PKS 1', ' Masjid  Agung '))).toBe(keyString(siteKey('pks 1', 'MASJID AGUNG')));
  });
});

describe('duplicates within one file', () => {
  it('IMPORT-DUPLICATE is an error on the second row, naming the first, never the NIK', () => {
    // Prepare: data rows 0..3 of a file, so Excel rows 2..5
    const niks = ['7373011003851234', '7371014501050003', '7373011003851234', '7373011003851234'];
    const rows = niks.map((nik, i) => ({ row: excelRow(i), key: clientKey(nik) }));
    // Act
    const errors = duplicatesWithin(rows, 'NIK');
    // Assess
    expect(errors).toEqual([
      {
        row: 4,
        rule: 'IMPORT-DUPLICATE',
        column: 'NIK',
        message:
          'Baris ini memuat NIK yang sama dengan baris 2; setiap data hanya boleh ada sekali dalam satu berkas.',
        detail: 'This row has the same NIK as row 2; each record appears once in a file.',
      },
      expect.objectContaining({ row: 5, message: expect.stringContaining('baris 2') }),
    ]);
    expect(JSON.stringify(errors)).not.toContain('7373011003851234');
  });

  it('IMPORT-DUPLICATE takes rows in row order and skips rows without a key', () => {
    const errors = duplicatesWithin(
      [
        { row: 9, key: siteKey('PKS 1', 'Masjid Agung') },
        { row: 3, key: undefined },
        { row: 4, key: siteKey('pks 1', 'masjid  agung') },
        { row: 5, key: partnerKey('PKS 1') },
      ],
      { name: 'Nama lokasi' },
    );
    expect(errors).toEqual([
      expect.objectContaining({
        row: 9,
        column: 'Nama lokasi',
        message: expect.stringContaining('mitra dan nama lokasi yang sama dengan baris 4'),
      }),
    ]);
  });

  it('finds nothing in a file without repeats', () => {
    const rows = ['1/PKS/2026', '2/PKS/2026'].map((n, i) => ({ row: excelRow(i), key: partnerKey(n) }));
    expect(duplicatesWithin(rows, 'Nomor PKS')).toEqual([]);
  });
});
