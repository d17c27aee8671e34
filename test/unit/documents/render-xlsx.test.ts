import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildOfficeMonthlyReport,
  buildRegionalRollup,
  type OfficialDocument,
} from '../../../functions/domain/documents';
import { inertText } from '../../../functions/domain/spreadsheet-cells';
import { numberOf, renderXlsx } from '../../../functions/documents/render-xlsx';
import { monthlyInput, rollupInput } from './office-report-fixture';

/**
 * The office monthly report and the regional roll-up as XLSX, read back with exceljs: the sheets, the
 * cells and their types, the header rows, and a PNG per chart.
 */

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

const sheet = (workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}: ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  return found;
};

/** The row whose first cell reads `label`, or undefined. */
const rowOf = (worksheet: ExcelJS.Worksheet, label: string): ExcelJS.Row | undefined => {
  let found: ExcelJS.Row | undefined;
  worksheet.eachRow((row) => {
    if (!found && row.getCell(1).value === label) found = row;
  });
  return found;
};

/** The width and height in pixels of a PNG, from its IHDR. */
const pngSize = (bytes: Buffer): [number, number] => [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];

let monthly: ExcelJS.Workbook;
let rollup: ExcelJS.Workbook;

beforeAll(async () => {
  monthly = await read(await renderXlsx(buildOfficeMonthlyReport(monthlyInput())));
  rollup = await read(await renderXlsx(buildRegionalRollup(rollupInput())));
}, 60_000);

describe('the office monthly report as XLSX (issue 14)', () => {
  it('has a summary sheet, then a sheet per table named after its heading', () => {
    expect(monthly.worksheets.map((w) => w.name)).toEqual([
      'Ringkasan',
      'C. Kasus menurut status',
      'D. Jam diakui per minggu',
    ]);
    expect(monthly.title).toBe('Laporan Bulanan W23.PAS.PAS3-PK.01.05-140');
  });

  it('puts the title, number, period and every field row on the summary sheet', () => {
    const summary = sheet(monthly, 'Ringkasan');
    expect(summary.getCell('A1').value).toBe('LAPORAN BULANAN');
    expect(summary.getCell('A1').font?.bold).toBe(true);
    expect(summary.getCell('A2').value).toBe('BULAN DESEMBER 2026');
    expect(rowOf(summary, 'Nomor')?.getCell(2).value).toBe('W23.PAS.PAS3-PK.01.05-140');
    expect(rowOf(summary, 'Periode laporan')?.getCell(2).value).toBe('1 Desember 2026 s.d. 31 Desember 2026');
    expect(rowOf(summary, 'Jam diakui dalam bulan')?.getCell(2).value).toBe('1.234,5 jam');
    expect(rowOf(summary, 'Tertinggal')?.getCell(2).value).toBe('3 kasus (sisa jam tak cukup waktu)');
    expect(rowOf(summary, 'B. Keadaan kasus per 4 Januari 2027')?.font?.bold).toBe(true);
  });

  it('puts each chart on the summary sheet as a PNG, with its figures as numbers under it', () => {
    const summary = sheet(monthly, 'Ringkasan');
    const images = summary.getImages();
    expect(images).toHaveLength(2);
    for (const [i, title] of ['Kasus menurut status', 'Jam diakui per minggu'].entries()) {
      const image = images[i]!;
      const media = monthly.getImage(Number(image.imageId));
      expect(media.extension).toBe('png');
      const bytes = Buffer.from(media.buffer as unknown as Uint8Array);
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      // Drawn 480 wide at zoom 2.
      expect(pngSize(bytes)[0]).toBe(960);
      // Anchored on the row after the chart's title (exceljs counts anchor rows from 0).
      expect(summary.getRow(image.range.tl.nativeRow).getCell(1).value).toBe(title);
    }
    const active = rowOf(summary, 'Aktif');
    expect(active?.getCell(2).value).toBe(38);
    expect(active?.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(rowOf(summary, '7 Des 2026')?.getCell(2).value).toBe(317.5);
  });

  it('writes a table as typed cells under a bold, frozen, filtered header', () => {
    const statuses = sheet(monthly, 'C. Kasus menurut status');
    expect(statuses.getRow(1).values).toEqual([undefined, 'No.', 'Status', 'Jumlah kasus']);
    expect(statuses.getRow(1).font?.bold).toBe(true);
    expect(statuses.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(statuses.autoFilter).toBeTruthy();
    expect(statuses.getRow(5).values).toEqual([undefined, 4, 'Aktif', 38]);
    expect(statuses.getCell('A5').type).toBe(ExcelJS.ValueType.Number);
    expect(statuses.getCell('B5').type).toBe(ExcelJS.ValueType.String);
    expect(statuses.getCell('C5').type).toBe(ExcelJS.ValueType.Number);
    expect(statuses.rowCount).toBe(12);
    const weeks = sheet(monthly, 'D. Jam diakui per minggu');
    expect(weeks.getRow(3).values).toEqual([undefined, 2, '7 Desember s.d. 13 Desember 2026', 317.5, 80]);
    // Hours keep their fraction in the display; the week column is wide enough for its text.
    expect(weeks.getColumn(3).numFmt).toBe('#,##0.0#');
    expect(weeks.getColumn(2).width).toBeGreaterThanOrEqual('28 Desember 2026 s.d. 3 Januari 2027'.length);
  });
});

describe('the regional roll-up as XLSX (issue 14)', () => {
  it('has no number row, whole-word sheet names within 31 characters, and two charts', () => {
    expect(rollup.worksheets.map((w) => w.name)).toEqual([
      'Ringkasan',
      'B. Per Balai Pemasyarakatan',
      'C. Kasus berjalan menurut',
      'D. Kasus yang telah berakhir',
    ]);
    const summary = sheet(rollup, 'Ringkasan');
    expect(rowOf(summary, 'Nomor')).toBeUndefined();
    expect(rowOf(summary, 'Jam diakui dalam bulan')?.getCell(2).value).toBe('4.092,5 jam');
    expect(summary.getImages()).toHaveLength(2);
    expect(rowOf(summary, 'Bapas Kelas I Makassar')?.getCell(2).value).toBe(2355.5);
  });

  it('writes the offices as typed rows', () => {
    const offices = sheet(rollup, 'B. Per Balai Pemasyarakatan');
    expect(offices.getRow(2).values).toEqual([
      undefined,
      1,
      'Balai Pemasyarakatan Kelas I Makassar',
      2355.5,
      604,
      111,
      13,
      9,
      6,
    ]);
    const ended = sheet(rollup, 'D. Kasus yang telah berakhir');
    expect(ended.getRow(3).values).toEqual([
      undefined,
      2,
      'Balai Pemasyarakatan Kelas II Palopo',
      27,
      1,
      2,
      14,
      44,
      103,
    ]);
  });
});

describe('cells a spreadsheet would run as formulas', () => {
  it('get a leading apostrophe, in fields and tables; numbers stay numbers', async () => {
    const base = buildRegionalRollup(rollupInput({ offices: [], totals: rollupInput().totals }));
    const document: OfficialDocument = {
      ...base,
      blocks: [
        { type: 'fields', rows: [{ label: '=1+1', value: '@SUM(A1)' }] },
        { type: 'heading', text: 'Isian' },
        {
          type: 'table',
          columns: [
            { title: 'Teks', width: 'fill' },
            { title: 'Angka', width: 40, align: 'right' },
          ],
          rows: [
            ['=HYPERLINK("http://example.invalid","klik")', '-5'],
            ['+62 812 0000', '1.234,5'],
            ['-catatan', '007'],
          ],
        },
      ],
    };
    const workbook = await read(await renderXlsx(document));
    const summary = sheet(workbook, 'Ringkasan');
    expect(rowOf(summary, "'=1+1")?.getCell(2).value).toBe("'@SUM(A1)");
    const table = sheet(workbook, 'Isian');
    expect(table.getRow(2).values).toEqual([undefined, '\'=HYPERLINK("http://example.invalid","klik")', -5]);
    expect(table.getRow(3).values).toEqual([undefined, "'+62 812 0000", 1234.5]);
    expect(table.getRow(4).values).toEqual([undefined, "'-catatan", '007']);
    expect(table.getCell('A2').type).toBe(ExcelJS.ValueType.String);
  });

  it('inertText and numberOf read the Indonesian way', () => {
    expect(inertText('=A1')).toBe("'=A1");
    expect(inertText('\tx')).toBe("'\tx");
    expect(inertText('Aktif')).toBe('Aktif');
    expect(numberOf('1.234,5')).toBe(1234.5);
    expect(numberOf('0,25')).toBe(0.25);
    expect(numberOf('12.026')).toBe(12026);
    // decimal() writes 2026 as `2.026`: a bare `2026` is a year, and stays text.
    for (const text of ['2026', '007', '58,1%', '1.23', '1,234.5', '5 kasus', '']) {
      expect(numberOf(text), text).toBeUndefined();
    }
  });
});
