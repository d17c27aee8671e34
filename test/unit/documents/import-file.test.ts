import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { importTemplate, templateHeader } from '../../../functions/documents/import-template';
import {
  ImportFileProblem,
  readImportFile,
  type ImportFileProblemCode,
} from '../../../functions/documents/import-file';
import { IMPORT_COLUMNS, IMPORT_LIMITS, mapHeaders, readRow } from '../../../functions/domain/imports';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const asXlsx = { fileName: 'kasus.xlsx', contentType: XLSX_TYPE };
const asCsv = { fileName: 'kasus.csv', contentType: 'text/csv' };
const NIK = '7373011003851234';
const cases = IMPORT_COLUMNS.cases;
const columnOf = (key: string) => cases.findIndex((c) => c.key === key) + 1;

const bytesOf = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: (Uint8Array | number[])[]) => new Uint8Array(parts.flatMap((p) => [...p]));

async function xlsx(fill: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void) {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('Data'), workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The problem a file is refused with (the test fails if it is read). */
async function refusal(bytes: Uint8Array, declared = asXlsx, limits = {}) {
  try {
    await readImportFile(bytes, declared, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileProblem);
    return error as ImportFileProblem;
  }
  throw new Error('the file was read');
}

async function expectRefused(code: ImportFileProblemCode, bytes: Uint8Array, declared = asXlsx, limits = {}) {
  const problem = await refusal(bytes, declared, limits);
  expect(problem.code).toBe(code);
  expect(problem.rule).toBe('IMPORT-FILE');
  return problem;
}

describe('readImportFile: XLSX', () => {
  it('reads the untouched template as its header and no rows, its 2000 formatted rows ignored', async () => {
    const sheet = await readImportFile(await importTemplate('cases', 'id'), asXlsx);
    expect(sheet.format).toBe('xlsx');
    expect(sheet.header).toEqual(cases.map((c) => templateHeader(c, 'id')));
    expect(sheet.rows).toEqual([]);
    expect(sheet.date1904).toBe(false);
  });

  it('reads a filled template: text NIK as text, numeric NIK as a number, dates as dates, Excel row numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await importTemplate('cases', 'id')) as unknown as ArrayBuffer);
    const data = workbook.getWorksheet('Data')!;
    cases.forEach((column, i) => (data.getCell(2, i + 1).value = column.example));
    cases.forEach((column, i) => (data.getCell(4, i + 1).value = column.example)); // row 3 left blank
    data.getCell(4, columnOf('client.nik')).value = Number(NIK); // what Excel does to a General cell
    const birth = new Date(Date.UTC(1985, 2, 10));
    data.getCell(4, columnOf('client.birthDate')).value = birth;
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    const sheet = await readImportFile(bytes, asXlsx);
    expect(sheet.rows.map((r) => r.row)).toEqual([2, 4]);
    const [second, fourth] = sheet.rows;
    expect(second!.cells[columnOf('client.nik') - 1]).toBe(NIK);
    expect(fourth!.cells[columnOf('client.nik') - 1]).toBe(7373011003851234); // already …230 as a double
    expect(fourth!.cells[columnOf('client.birthDate') - 1]).toEqual(birth);

    // What the job does next: the header maps whole, row 2 passes, row 4's numeric NIK is refused.
    const { keys, problems } = mapHeaders('cases', sheet.header);
    expect(problems).toEqual([]);
    const context = { today: '2026-12-07', date1904: sheet.date1904 } as const;
    expect(readRow('cases', keys, second!.cells, second!.row, context).errors).toEqual([]);
    const errors = readRow('cases', keys, fourth!.cells, fourth!.row, context).errors;
    expect(errors.map((e) => [e.row, e.key, e.rule])).toEqual([[4, 'client.nik', 'IMPORT-CELL']]);
  });

  it('reports a 1904 workbook, keeps formulas as formulas and leaves merged cells empty but the first', async () => {
    const bytes = await xlsx((sheet, workbook) => {
      workbook.properties.date1904 = true;
      sheet.addRow(['Tanggal', 'Jam', 'Rumus', 'Mitra']);
      sheet.getCell('A2').value = new Date(Date.UTC(2026, 0, 5));
      sheet.getCell('B2').value = 3;
      sheet.getCell('C2').value = { formula: 'B2*2', result: 6 };
      sheet.getCell('B3').value = 4;
      sheet.getCell('C3').value = { sharedFormula: 'C2', result: 8 } as unknown as ExcelJS.CellValue;
      sheet.getCell('C2').value = {
        formula: 'B2*2',
        result: 6,
        shareType: 'shared',
        ref: 'C2:C3',
      } as ExcelJS.CellValue;
      sheet.getCell('D2').value = 'Yayasan A';
      sheet.mergeCells('D2:D3');
    });
    const sheet = await readImportFile(bytes, asXlsx);
    expect(sheet.date1904).toBe(true);
    expect(sheet.rows[0]!.cells[0]).toEqual(new Date(Date.UTC(2026, 0, 5)));
    expect(sheet.rows[0]!.cells[2]).toMatchObject({ formula: 'B2*2', result: 6 });
    expect(sheet.rows[1]!.cells[2]).toEqual({ formula: 'B3*2', result: 8 });
    expect(sheet.rows[0]!.cells[3]).toBe('Yayasan A');
    expect(sheet.rows[1]!.cells).toHaveLength(3); // D3 is part of the merge: empty, as Excel sees it
  });

  it('stops at the row limit', async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(['NIK']);
      for (let i = 0; i < 6; i++) sheet.addRow([`r${i}`]);
    });
    await expectRefused('too_many_rows', bytes, asXlsx, { maxRows: 5 });
    expect((await readImportFile(bytes, asXlsx, { maxRows: 6 })).rows).toHaveLength(6);
  });

  it('refuses a sheet whose row 1 is empty, and one with nothing in it', async () => {
    const headless = await xlsx((sheet) => (sheet.getRow(3).getCell(1).value = NIK));
    const problem = await expectRefused('no_header', headless);
    expect(problem.message).toMatch(/Baris 1 kosong/);
    await expectRefused('empty', await xlsx(() => undefined));
  });
});

/** An XLSX whose first sheet is `filler` bytes of spaces: tiny compressed, large inflated. */
async function zipBomb(filler: number) {
  const zip = await JSZip.loadAsync(await xlsx((sheet) => sheet.addRow(['NIK'])));
  const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  zip.file('xl/worksheets/sheet1.xml', xml.replace('<sheetData>', `<sheetData>${' '.repeat(filler)}`));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** The zip with the sheet's declared size (central directory and local header) changed to a lie. */
function lieAboutSize(bytes: Uint8Array, size: number) {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  const name = 'xl/worksheets/sheet1.xml';
  for (let at = 0; at + 46 < out.length; at++) {
    const central = view.getUint32(at, true) === 0x02014b50;
    const local = view.getUint32(at, true) === 0x04034b50;
    if (!central && !local) continue;
    const nameAt = at + (central ? 46 : 30);
    const length = view.getUint16(at + (central ? 28 : 26), true);
    if (new TextDecoder().decode(out.subarray(nameAt, nameAt + length)) !== name) continue;
    view.setUint32(at + (central ? 24 : 22), size, true);
  }
  return out;
}

describe('readImportFile: zip bombs', () => {
  const limits = { maxUnzippedBytes: 1024 * 1024 };

  it('refuses a workbook whose entries declare more than the limit, before exceljs opens it', async () => {
    const bomb = await zipBomb(8 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const problem = await expectRefused('unzipped_too_large', bomb, asXlsx, limits);
    expect(problem.message).toMatch(/lebih dari 1 MB/);
  });

  it('refuses one that lies about its sizes, by counting what it really inflates to', async () => {
    const liar = lieAboutSize(await zipBomb(8 * 1024 * 1024), 2000);
    const sizes = Object.values((await JSZip.loadAsync(liar)).files).map(
      (f) => (f as unknown as { _data?: { uncompressedSize: number } })._data?.uncompressedSize ?? 0,
    );
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(limits.maxUnzippedBytes); // the lie holds
    await expectRefused('unzipped_too_large', liar, asXlsx, limits);
  });

  it('reads a well-behaved workbook under the same lowered limit', async () => {
    const sheet = await readImportFile(await zipBomb(1000), asXlsx, limits);
    expect(sheet.header).toEqual(['NIK']);
  });
});

describe('readImportFile: CSV', () => {
  it('reads UTF-8 with a byte order mark, every field as its text', async () => {
    const bytes = concat([0xef, 0xbb, 0xbf], bytesOf(`NIK,Tanggal,Nama\r\n${NIK},05/01/2026,José\r\n`));
    const sheet = await readImportFile(bytes, asCsv);
    expect(sheet).toEqual({
      format: 'csv',
      header: ['NIK', 'Tanggal', 'Nama'],
      rows: [{ row: 2, cells: [NIK, '05/01/2026', 'José'] }],
      date1904: false,
      encoding: 'utf-8-bom',
    });
  });

  it('reads UTF-8 without a mark, keeping spaces and leading zeros for the cell readers', async () => {
    const sheet = await readImportFile(bytesOf('Telepon,Jam\n 081234567890 ,08.00\n'), asCsv);
    expect(sheet.encoding).toBe('utf-8');
    expect(sheet.rows[0]!.cells).toEqual([' 081234567890 ', '08.00']);
  });

  it('reads Windows-1252 (é as E9, ’ as 92) with semicolons, as Excel saves "CSV" on Indonesian Windows', async () => {
    const bytes = concat(bytesOf('Nama;Catatan\r\nJos'), [0xe9], bytesOf(';Andi'), [0x92], bytesOf('s\r\n'));
    const sheet = await readImportFile(bytes, asCsv);
    expect(sheet.encoding).toBe('windows-1252');
    expect(sheet.header).toEqual(['Nama', 'Catatan']);
    expect(sheet.rows[0]!.cells).toEqual(['José', 'Andi’s']);
  });

  it('reads UTF-16 with its mark, tab-separated (Excel "Unicode Text")', async () => {
    const bytes = concat([0xff, 0xfe], Buffer.from(`NIK\tNama\r\n${NIK}\tSiti\r\n`, 'utf16le'));
    const sheet = await readImportFile(bytes, asCsv);
    expect(sheet.encoding).toBe('utf-16le');
    expect(sheet.rows).toEqual([{ row: 2, cells: [NIK, 'Siti'] }]);
  });

  it('counts a quoted field over several lines as one row, and a blank line as a row left out', async () => {
    const text = 'NIK;Alamat\n1;"Jl. Merdeka 1\nRT 02"\n\n2;"Kata ""kutip"""\n';
    const sheet = await readImportFile(bytesOf(text), asCsv);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['1', 'Jl. Merdeka 1\nRT 02'] },
      { row: 4, cells: ['2', 'Kata "kutip"'] },
    ]);
  });

  it('reads a file longer than one parser slice without losing or splitting a record', async () => {
    const lines = Array.from({ length: 4000 }, (_, i) => `${i},"baris ${i}\r\nkedua 😀",x`);
    const sheet = await readImportFile(bytesOf(`No,Teks,X\r\n${lines.join('\r\n')}\r\n`), asCsv);
    expect(sheet.rows).toHaveLength(4000);
    expect(sheet.rows[3999]).toEqual({ row: 4001, cells: ['3999', 'baris 3999\r\nkedua 😀', 'x'] });
  });

  it('stops at the row limit, counting only rows with something in them', async () => {
    const text = `NIK\n${Array.from({ length: 11 }, (_, i) => `${i}\n\n`).join('')}`;
    await expectRefused('too_many_rows', bytesOf(text), asCsv, { maxRows: 10 });
    expect((await readImportFile(bytesOf(text), asCsv, { maxRows: 11 })).rows).toHaveLength(11);
  });

  it('refuses an empty file, one of blank lines, a missing header row and a broken quote', async () => {
    await expectRefused('empty', new Uint8Array(), asCsv);
    await expectRefused('empty', bytesOf('\r\n  \r\n'), asCsv);
    await expectRefused('empty', bytesOf(',,\n,,\n'), asCsv);
    await expectRefused('no_header', bytesOf('\n\nNIK\n1\n'), asCsv);
    await expectRefused('not_a_spreadsheet', bytesOf('NIK,Nama\n1,"Budi\n'), asCsv);
  });
});

describe('readImportFile: not a spreadsheet', () => {
  it('names a renamed PNG for what it is, whatever its name and declared type', async () => {
    const png = concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], new Uint8Array(64));
    const problem = await expectRefused('not_a_spreadsheet', png, asXlsx);
    expect(problem.message).toMatch(/gambar PNG/);
    expect(problem.detail).toMatch(/PNG image .*sent as a \.xlsx file/);
  });

  it('asks for .xlsx instead of an old .xls, and for the password to be removed from a protected one', async () => {
    const ole = (stream: string) =>
      concat(
        [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
        new Uint8Array(500),
        Buffer.from(stream, 'utf16le'),
      );
    const xls = await expectRefused('not_a_spreadsheet', ole('Workbook'), { ...asXlsx, fileName: 'a.xls' });
    expect(xls.message).toMatch(/Excel lama \(\.xls/);
    expect(xls.message).toMatch(/Simpan Sebagai/);
    const locked = await expectRefused('protected', ole('EncryptedPackage'));
    expect(locked.message).toMatch(/kata sandi/);
  });

  it('names a Word file, a plain zip, an HTML "xls" and unknown binary', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    const docx = await zip.generateAsync({ type: 'uint8array' });
    expect((await expectRefused('not_a_spreadsheet', docx)).message).toMatch(/dokumen Word/);
    const plain = await new JSZip().file('a.txt', 'x').generateAsync({ type: 'uint8array' });
    expect((await expectRefused('not_a_spreadsheet', plain)).message).toMatch(/arsip ZIP/);
    const html = bytesOf('<html><body><table><tr><td>NIK</td></tr></table></body></html>');
    expect((await expectRefused('not_a_spreadsheet', html)).message).toMatch(/HTML/);
    const binary = concat(bytesOf('NIK'), [0, 1, 2, 3]);
    expect((await expectRefused('not_a_spreadsheet', binary, asCsv)).message).toMatch(/biner/);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const problem = await expectRefused('too_large', new Uint8Array(IMPORT_LIMITS.maxBytes + 1));
    expect(problem.message).toMatch(/batas 20 MB/);
    await expectRefused('too_large', bytesOf('NIK\n1\n'), asCsv, { maxBytes: 5 });
  });
});
