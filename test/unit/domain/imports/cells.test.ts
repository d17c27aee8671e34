import { describe, expect, it } from 'vitest';
import { inertText } from '../../../../functions/domain/spreadsheet-cells';
import {
  cellOf,
  cleanText,
  excelRow,
  neutralise,
  readDecisionNumber,
  readEnum,
  readNik,
  readPhone,
  readText,
  type CellResult,
  type EnumChoice,
} from '../../../../functions/domain/imports';

const TODAY = '2026-03-01';
const NIK = { name: 'NIK', required: true };
const errorOf = <T>(r: CellResult<T>) => (r.ok ? undefined : r.error);

describe('a NIK cell', () => {
  it('IMPORT-CELL refuses a numeric NIK: 7373011003851234 became 7373011003851230 (issue 22)', () => {
    // Prepare: what Excel keeps of the NIK typed into a number cell
    const stored = Number('7373011003851234'.slice(0, 15) + '0');
    // Act
    const r = readNik(stored, NIK, TODAY);
    // Assess: refused with Excel's 15 digits, the example and the fix, never taken
    expect(stored).toBe(7373011003851230);
    const error = errorOf(r)!;
    expect(error).toMatchObject({ rule: 'IMPORT-CELL', column: 'NIK' });
    expect(error.message).toContain('15 digit');
    expect(error.message).toContain('7373011003851234 menjadi 7373011003851230');
    expect(error.message).toContain('Teks');
    expect(error.detail).toBe(
      'The NIK is stored as a number. Excel keeps only 15 significant digits, so a 16-digit NIK stored as a ' +
        'number has already lost its last digit (e.g. 7373011003851234 becomes 7373011003851230). Format the ' +
        'NIK column as Text and type the NIK again from the KTP or the source document.',
    );
  });

  it('IMPORT-CELL refuses every number in a NIK column, even one that kept its digits', () => {
    // 7373011003851230 is a well-formed NIK, but a number cell cannot tell it from a rounded one.
    expect(errorOf(readNik(7373011003851230, NIK, TODAY))?.rule).toBe('IMPORT-CELL');
    expect(errorOf(readNik(737301100385123, NIK, TODAY))?.rule).toBe('IMPORT-CELL');
  });

  it.each(['7.37301E+15', '7,37301E+15', '7.373011E15', '7.373.011.003.851.230', '7,373,011,003,851,230'])(
    'IMPORT-CELL refuses %j: text Excel wrote for a number (a CSV of a number cell)',
    (text) => {
      const error = errorOf(readNik(text, NIK, TODAY));
      expect(error?.rule).toBe('IMPORT-CELL');
      expect(error?.message).toContain('7373011003851234 menjadi 7373011003851230');
    },
  );

  it('ID-NIK takes a 16-digit text, with spaces or an apostrophe before it', () => {
    expect(readNik('7373011003851234', NIK, TODAY)).toEqual({ ok: true, value: '7373011003851234' });
    expect(readNik(' 7373 0110 0385 1234 ', NIK, TODAY)).toEqual({ ok: true, value: '7373011003851234' });
    expect(readNik("'7373011003851234", NIK, TODAY)).toEqual({ ok: true, value: '7373011003851234' });
  });

  it('ID-NIK refuses a malformed or impossible NIK with the structure rules of domain/nik.ts', () => {
    // Prepare: 15 digits, dashes, and a province code that does not exist
    const short = errorOf(readNik('737301100385123', NIK, TODAY));
    const dashed = errorOf(readNik('7373-0110-0385-1234', NIK, TODAY));
    const province = errorOf(readNik('0073011003851234', NIK, TODAY));
    // Assess
    expect(short).toMatchObject({ rule: 'ID-NIK', column: 'NIK', detail: 'NIK must be exactly 16 digits.' });
    expect(short?.message).toContain('16 angka');
    expect(dashed?.rule).toBe('ID-NIK');
    expect(province).toMatchObject({ rule: 'ID-NIK', detail: 'NIK province code 00 does not exist.' });
    expect(province?.message).toContain('kode wilayah');
  });

  it('INPUT-FORMAT: a required blank is an error, an optional blank is null', () => {
    expect(errorOf(readNik('  ', NIK, TODAY))).toMatchObject({
      rule: 'INPUT-FORMAT',
      message: 'Wajib diisi.',
    });
    expect(readNik(null, 'NIK', TODAY)).toEqual({ ok: true, value: null });
    expect(readNik(undefined, { name: 'NIK' }, TODAY)).toEqual({ ok: true, value: null });
  });

  it('IMPORT-CELL refuses a NIK Excel turned into a date', () => {
    expect(errorOf(readNik(new Date(Date.UTC(2026, 0, 12)), NIK, TODAY))?.message).toContain('tanggal');
  });
});

describe('formulas and injection', () => {
  it('IMPORT-CELL refuses a formula cell, whatever its cached result: type the value', () => {
    // Prepare: how exceljs gives a formula, a shared formula and one saved without a result
    const cells = [
      { formula: 'A2&""', result: '7373011003851234' },
      { sharedFormula: 'B2', result: 12 },
      { formula: 'TODAY()' },
    ];
    // Act / Assess
    for (const cell of cells) {
      const error = errorOf(readText(cell, 'Nama'));
      expect(error?.rule).toBe('IMPORT-CELL');
      expect(error?.message).toContain('bukan rumus');
      expect(error?.detail).toContain('Type the value, not a formula');
    }
    expect(errorOf(readNik(cells[0], NIK, TODAY))?.message).toContain('bukan rumus');
  });

  it('IMPORT-CELL refuses an Excel error value', () => {
    expect(errorOf(readText({ error: '#N/A' }, 'Nama'))?.message).toContain('#N/A');
  });

  it('stores text starting with = + - @ as the literal text, never evaluated', () => {
    expect(readText('=HYPERLINK("http://x.test","klik")', 'Nama')).toEqual({
      ok: true,
      value: '=HYPERLINK("http://x.test","klik")',
    });
    expect(readText('@SUM(1+1)', 'Nama')).toEqual({ ok: true, value: '@SUM(1+1)' });
    expect(readText('-', 'Catatan')).toEqual({ ok: true, value: '-' });
  });

  it('neutralise puts an apostrophe before = + - @ tab and CR (OWASP CSV Injection), the renderer’s rule', () => {
    expect(neutralise('=1+1')).toBe("'=1+1");
    expect(neutralise('+62812')).toBe("'+62812");
    expect(neutralise('-2')).toBe("'-2");
    expect(neutralise('@A1')).toBe("'@A1");
    expect(neutralise('\t=1')).toBe("'\t=1");
    expect(neutralise('\r=1')).toBe("'\r=1");
    expect(neutralise('Masjid Agung')).toBe('Masjid Agung');
    expect(neutralise).toBe(inertText);
  });

  it('an exported and re-imported text loses the apostrophe neutralise added, and only that one', () => {
    expect(cleanText(neutralise('=1+1'))).toBe('=1+1');
    expect(cleanText("'Rumah Makan")).toBe("'Rumah Makan");
  });
});

describe('text cells', () => {
  it('cleans text: NFC, no-break and zero-width spaces, trimmed', () => {
    expect(cleanText(' Cafe\u0301\u00A0Bara\u200B ')).toBe('Café Bara');
    expect(cellOf({ richText: [{ text: 'Jalan ' }, { text: 'Andi' }] })).toEqual({
      kind: 'text',
      text: 'Jalan Andi',
    });
    expect(cellOf({ text: 'Situs', hyperlink: 'https://x.test' })).toEqual({ kind: 'text', text: 'Situs' });
    expect(cellOf(true)).toEqual({ kind: 'text', text: 'true' });
  });

  it('takes a number cell as its digits, up to what Excel keeps exactly', () => {
    expect(readText(12, 'Nomor PKS')).toEqual({ ok: true, value: '12' });
    expect(errorOf(readText(1234567890123456, 'Nomor PKS'))?.rule).toBe('IMPORT-CELL');
  });

  it('IMPORT-CELL refuses a text Excel turned into a date (12/2026 typed in a General cell)', () => {
    expect(errorOf(readText(new Date(Date.UTC(2026, 11, 1)), 'Nomor PKS'))).toMatchObject({
      rule: 'IMPORT-CELL',
      column: 'Nomor PKS',
    });
  });

  it('INPUT-FORMAT refuses text over its length', () => {
    expect(errorOf(readText('abcdef', 'Kode', { maxLength: 5 }))?.message).toBe('Paling banyak 5 karakter.');
  });

  it('numbers rows as Excel does: header row 1, first data row 2', () => {
    expect(excelRow(0)).toBe(2);
    expect(excelRow(9)).toBe(11);
  });
});

describe('phone cells', () => {
  it('IMPORT-CELL refuses a phone number stored as a number: its leading 0 is gone', () => {
    const error = errorOf(readPhone(81234567890, 'Telepon'));
    expect(error?.rule).toBe('IMPORT-CELL');
    expect(error?.message).toContain('081234567890 menjadi 81234567890');
    expect(error?.detail).toContain('Format the column as Text');
  });

  it('takes text, and a number that starts with 62 (nothing was lost)', () => {
    expect(readPhone('0812-3456-7890', 'Telepon')).toEqual({ ok: true, value: '0812-3456-7890' });
    expect(readPhone('+62 812 3456 7890', 'Telepon')).toEqual({ ok: true, value: '+62 812 3456 7890' });
    expect(readPhone(6281234567890, 'Telepon')).toEqual({ ok: true, value: '6281234567890' });
    expect(errorOf(readPhone('0812 abc', 'Telepon'))?.rule).toBe('INPUT-FORMAT');
  });
});

describe('decision number cells', () => {
  it('ID-DECISION-NUMBER reads any letter case and stray spaces into the canonical spelling', () => {
    const r = readDecisionNumber(' 231 / pid.b / 2026 / PN  Mks ', 'Nomor putusan');
    expect(r.ok && r.value).toEqual({
      decision: { number: 231, type: 'Pid.B', year: 2026, court: 'Mks', level: 'first_instance' },
      text: '231/Pid.B/2026/PN Mks',
    });
    expect(readDecisionNumber('1234 K/pid.sus/2026', 'Nomor putusan')).toMatchObject({
      ok: true,
      value: { text: '1234 K/Pid.Sus/2026' },
    });
  });

  it('ID-DECISION-NUMBER refuses a malformed number or a court the deployment does not serve', () => {
    const bad = errorOf(readDecisionNumber('231/2026', 'Nomor putusan'));
    expect(bad?.rule).toBe('ID-DECISION-NUMBER');
    expect(bad?.message).toContain('231/Pid.B/2026/PN Mks');
    const court = errorOf(
      readDecisionNumber('231/Pid.B/2026/PN Jkt', 'Nomor putusan', { allowedCourtCodes: ['Plp'] }),
    );
    expect(court?.message).toContain('tidak dilayani');
    expect(errorOf(readDecisionNumber(231, 'Nomor putusan'))?.rule).toBe('ID-DECISION-NUMBER');
  });
});

describe('enum cells', () => {
  const KINDS: readonly EnumChoice<'kerja_sosial' | 'pelayanan_masyarakat'>[] = [
    { value: 'kerja_sosial', id: 'Kerja sosial', en: 'Community service' },
    {
      value: 'pelayanan_masyarakat',
      id: 'Pelayanan masyarakat',
      en: 'Community service (child)',
      aliases: ['pelmas'],
    },
  ];

  it.each([
    ['Kerja sosial', 'kerja_sosial'],
    ['  KERJA   SOSIAL ', 'kerja_sosial'],
    ['community service', 'kerja_sosial'],
    ['kerja_sosial', 'kerja_sosial'],
    ['Pelayanan-Masyarakat', 'pelayanan_masyarakat'],
    ['Community Service (child)', 'pelayanan_masyarakat'],
    ['PELMAS', 'pelayanan_masyarakat'],
  ])('reads %j as %s', (text, value) => {
    expect(readEnum(text, 'Jenis pidana', KINDS)).toEqual({ ok: true, value });
  });

  it('INPUT-FORMAT refuses another value, listing the labels in each language', () => {
    expect(errorOf(readEnum('penjara', 'Jenis pidana', KINDS))).toEqual({
      rule: 'INPUT-FORMAT',
      column: 'Jenis pidana',
      message: 'Pilih salah satu: Kerja sosial, Pelayanan masyarakat.',
      detail: 'One of: Community service, Community service (child).',
    });
  });
});
