import { describe, expect, it } from 'vitest';
import {
  IMPORT_COLUMNS,
  mapHeaders,
  readRow,
  type CellValue,
  type ImportKind,
} from '../../../../functions/domain/imports';

const TODAY = '2026-03-01';
const CONTEXT = { today: TODAY };

/** A kind's template: its Indonesian headers and the example row, with some cells replaced. */
function file(kind: ImportKind, replace: Readonly<Record<string, CellValue>> = {}) {
  const columns = IMPORT_COLUMNS[kind];
  return {
    headers: columns.map((c) => c.header.id),
    row: columns.map((c) => (c.key in replace ? replace[c.key] : c.example)),
  };
}

/** The file's rows read as the job will: map the header, then each row by its Excel number. */
function readFile(kind: ImportKind, rows: readonly (readonly CellValue[])[], headers = file(kind).headers) {
  const { keys } = mapHeaders(kind, headers);
  return rows.map((cells, i) => readRow(kind, keys, cells, i + 2, CONTEXT));
}

describe('readRow', () => {
  it('IMPORT-CELL: a numeric NIK is an error on its own Excel row, naming the column', () => {
    // Prepare: row 2 fine, row 3 with the NIK Excel kept as a number
    const good = file('cases').row;
    const bad = file('cases', { 'client.nik': 7373011003851230 }).row;
    // Act
    const [first, second] = readFile('cases', [good, bad]);
    // Assess
    expect(first!.errors).toEqual([]);
    expect(second!.errors).toHaveLength(1);
    expect(second!.errors[0]).toMatchObject({
      row: 3,
      key: 'client.nik',
      header: { id: 'NIK', en: 'NIK' },
      column: 'NIK',
      rule: 'IMPORT-CELL',
    });
    expect(second!.errors[0]!.message).toContain('7373011003851234 menjadi 7373011003851230');
    expect(second!.errors[0]!.detail).toContain('Format the NIK column as Text');
    expect(second!.values['client.nik']).toBeUndefined();
  });

  it('INPUT-FORMAT: a required cell left empty is an error; an optional one is left out', () => {
    const { row } = file('partners', { 'partner.name': '  ', 'partner.contact.phone': null });
    const [read] = readFile('partners', [row]);
    expect(read!.errors).toEqual([
      expect.objectContaining({ row: 2, key: 'partner.name', rule: 'INPUT-FORMAT', message: 'Wajib diisi.' }),
    ]);
    expect('partner.contact.phone' in read!.values).toBe(false);
  });

  it('INPUT-FORMAT: hours served on paper need their document number, date and signer', () => {
    const { row } = file('cases', {
      'paper.credit.documentNumber': '',
      'paper.credit.date': null,
      'paper.credit.signedBy': undefined,
    });
    const [read] = readFile('cases', [row]);
    expect(read!.errors.map((e) => e.key)).toEqual([
      'paper.credit.documentNumber',
      'paper.credit.date',
      'paper.credit.signedBy',
    ]);
    expect(read!.errors[0]!.message).toBe('Wajib diisi bila kolom "Jam sudah dijalani" diisi.');
    expect(read!.errors[0]!.detail).toBe('Required when "Hours already served" is filled.');
  });

  it('takes a case without any paper history or placement', () => {
    const empty = Object.fromEntries(
      IMPORT_COLUMNS.cases.filter((c) => /^(paper|placement)\./.test(c.key)).map((c) => [c.key, null]),
    );
    const [read] = readFile('cases', [file('cases', empty).row]);
    expect(read!.errors).toEqual([]);
    expect(Object.keys(read!.values).some((k) => k.startsWith('paper.'))).toBe(false);
  });

  it.each([
    ['partners', 'partner.kind', 'Keagamaan', 'religious'],
    ['partners', 'partner.kind', 'religious', 'religious'],
    ['partners', 'partner.kind', 'NGO', 'ngo'],
    ['cases', 'case.sentence.kind', 'Pidana pelayanan masyarakat (Anak)', 'pelayanan_masyarakat'],
    ['cases', 'case.sentence.kind', 'Community service', 'pelayanan_masyarakat'],
    ['cases', 'client.sex', 'Female', 'F'],
    ['cases', 'client.sex', 'P', 'F'],
    ['cases', 'paper.status', 'Completed', 'completed'],
    ['cases', 'paper.status', 'dirujuk ke jaksa', 'referred'],
    ['partners', 'partner.nonCommercial', 'No', false],
  ] as const)('a %s %s cell takes %j as %j', (kind, key, typed, value) => {
    const [read] = readFile(kind, [file(kind, { [key]: typed }).row]);
    expect(read!.errors).toEqual([]);
    expect(read!.values[key]).toBe(value);
  });

  it('INPUT-FORMAT: a choice not allowed lists the allowed ones', () => {
    const [read] = readFile('cases', [file('cases', { 'paper.status': 'Dikonversi' }).row]);
    expect(read!.errors[0]).toMatchObject({ key: 'paper.status', rule: 'INPUT-FORMAT' });
    expect(read!.errors[0]!.message).toContain('Selesai');
    expect(read!.errors[0]!.detail).toContain('Completed');
  });

  it('reads a single warning date from a date cell, and refuses a bad one in a list', () => {
    const [one, bad] = readFile('cases', [
      file('cases', { 'paper.warnings.dates': new Date(Date.UTC(2026, 1, 2)) }).row,
      file('cases', { 'paper.warnings.dates': '02/02/2026; 02/30/2026' }).row,
    ]);
    expect(one!.values['paper.warnings.dates']).toEqual(['2026-02-02']);
    expect(bad!.errors[0]).toMatchObject({ row: 3, key: 'paper.warnings.dates', rule: 'IMPORT-CELL' });
  });

  it('IMPORT-CELL: keeps text a spreadsheet would run as a formula, with a warning', () => {
    const [read] = readFile('partners', [file('partners', { 'partner.name': '=HYPERLINK("x")' }).row]);
    expect(read!.errors).toEqual([]);
    expect(read!.values['partner.name']).toBe('=HYPERLINK("x")');
    expect(read!.warnings).toEqual([expect.objectContaining({ key: 'partner.name', rule: 'IMPORT-CELL' })]);
  });

  it('skips a row whose every cell is empty, without an error', () => {
    const [read] = readFile('sites', [IMPORT_COLUMNS.sites.map(() => null)]);
    expect(read).toEqual({ row: 2, blank: true, values: {}, errors: [], warnings: [] });
  });
});

describe('mapHeaders', () => {
  it('matches Indonesian, English and keys in any case and spacing, and ignores unknown columns', () => {
    // Act
    const mapping = mapHeaders('partners', [
      'nomor  pks',
      'PARTNER NAME',
      'partner.kind',
      'Catatan kantor',
      'Nirlaba *',
      'Contact name',
      'Tanggal tanda tangan PKS',
      'PKS berlaku mulai',
      'Agreement valid until',
    ]);
    // Assess
    expect(mapping.problems).toEqual([]);
    expect(mapping.keys.slice(0, 5)).toEqual([
      'partner.agreement.number',
      'partner.name',
      'partner.kind',
      undefined,
      'partner.nonCommercial',
    ]);
    expect(mapping.ignored).toEqual([{ index: 3, header: 'Catatan kantor' }]);
  });

  it('INPUT-FORMAT: reports a missing required column once, for the file', () => {
    const headers = file('cases').headers.filter((h) => h !== 'NIK');
    const mapping = mapHeaders('cases', headers);
    expect(mapping.problems).toEqual([
      expect.objectContaining({ rule: 'INPUT-FORMAT', key: 'client.nik', header: { id: 'NIK', en: 'NIK' } }),
    ]);
    expect(mapping.problems[0]!.message).toBe('Kolom wajib "NIK" tidak ada di baris judul.');
  });

  it("applies a saved mapping of the office's own headers", () => {
    // Prepare: the office calls its NIK column "No. KTP" and its name column "Nama Klien"
    const headers = file('cases').headers.map((h) =>
      h === 'NIK' ? 'No. KTP' : h === 'Nama lengkap' ? 'Nama Klien' : h,
    );
    const saved = { 'No. KTP': 'client.nik', 'nama klien': 'client.fullName', Lain: 'client.unknown' };
    // Act
    const mapping = mapHeaders('cases', headers, saved);
    const read = readRow('cases', mapping.keys, file('cases').row, 2, CONTEXT);
    // Assess
    expect(mapping.problems).toEqual([]);
    expect(mapping.keys[0]).toBe('client.nik');
    expect(read.values['client.nik']).toBe('7373011003851234');
    expect(read.values['client.fullName']).toBe('Andi Saputra');
  });

  it('INPUT-FORMAT: a column twice, or no known header at all, is a file problem', () => {
    const twice = mapHeaders('sites', [...file('sites').headers, 'Site name']);
    expect(twice.problems).toEqual([expect.objectContaining({ key: 'site.name', rule: 'INPUT-FORMAT' })]);
    expect(twice.keys.at(-1)).toBeUndefined();
    const none = mapHeaders('sites', ['7373011003851234', 'Andi', null]);
    expect(none.problems).toHaveLength(1);
    expect(none.problems[0]!.message).toContain('Baris pertama');
  });
});
