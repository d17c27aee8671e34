import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  buildTable,
  csvCell,
  exportFileName,
  monthBounds,
  monthlyReport,
  reachedBefore,
  tableToCsv,
} from '../../../web/src/lib/export';
import { sheetName, tablesToXlsx } from '../../../web/src/lib/xlsx';
import type { Case } from '../../../web/src/lib/api-types';
import { aCase, aSession, casesOf } from './fixtures';

describe('CSV', () => {
  it.each([
    ['Rudi Hartono', 'Rudi Hartono'],
    ['Jl. Merdeka, No. 1', '"Jl. Merdeka, No. 1"'],
    ['Kata "kunci"', '"Kata ""kunci"""'],
    ['baris\nkedua', '"baris\nkedua"'],
    [12.5, '12.5'],
    [-3, '-3'],
    [null, ''],
    [true, 'TRUE'],
  ])('quotes what needs quoting and keeps numbers as numbers: %j', (cell, csv) => {
    expect(csvCell(cell)).toBe(csv);
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+62 813')).toBe("'+62 813");
    expect(csvCell('-sum')).toBe("'-sum");
    expect(csvCell('@cmd')).toBe("'@cmd");
  });

  it('writes a header row in the given language, CRLF lines and a byte-order mark', () => {
    const table = buildTable(
      'Kasus',
      [
        { header: 'Nama klien', value: (c: Case) => c.client.fullName },
        { header: 'Jam dikreditkan', kind: 'number', value: (c: Case) => c.progress.hoursCredited },
        { header: 'Batas waktu', kind: 'date', value: (c: Case) => c.progress.deadline },
      ],
      [aCase(), aCase({ name: 'Sri Wahyuni' })],
    );
    expect(tableToCsv(table)).toBe(
      '\uFEFFNama klien,Jam dikreditkan,Batas waktu\r\nRudi Hartono,12,2026-06-30\r\nSri Wahyuni,12,2026-06-30\r\n',
    );
  });

  it('names files in plain ASCII', () => {
    expect(exportFileName(['Abdi', 'kasus', 'bapas-palopo', '2026-11-28'], 'csv')).toBe(
      'abdi-kasus-bapas-palopo-2026-11-28.csv',
    );
    expect(exportFileName(['Laporan bulanan', 'Bapas Kelas II Palopo', '2026-11'], 'xlsx')).toBe(
      'laporan-bulanan-bapas-kelas-ii-palopo-2026-11.xlsx',
    );
  });
});

describe('the monthly office report', () => {
  it("counts each case's sessions of the month by outcome, with the hours they credited", () => {
    const [rudi, sri, idle] = casesOf('Rudi Hartono', 'Sri Wahyuni', 'Ahmad Fauzi');
    const report = monthlyReport(
      [
        {
          case: rudi,
          sessions: [
            aSession({ date: '2026-03-30', hoursCredited: 4 }),
            aSession({ date: '2026-03-02', outcome: 'partial', hoursCredited: 2.5 }),
            aSession({ date: '2026-02-28', hoursCredited: 4 }),
          ],
        },
        {
          case: sri,
          sessions: [
            aSession({ date: '2026-03-14', outcome: 'unexcused_absence', hoursCredited: 0 }),
            aSession({ date: '2026-03-07', hoursCredited: 0, verified: false }),
          ],
        },
        { case: idle, sessions: [aSession({ date: '2026-04-01' })] },
      ],
      '2026-03',
    );
    expect(
      report.rows.map((r) => [r.case.client.fullName, r.sessions, r.hoursCredited, r.unverified]),
    ).toEqual([
      ['Rudi Hartono', 2, 6.5, 0],
      ['Sri Wahyuni', 2, 0, 1],
    ]);
    expect(report.rows[0]!.outcomes).toEqual({
      attended: 1,
      partial: 1,
      excused_absence: 0,
      unexcused_absence: 0,
    });
    expect(report.totals).toEqual({
      cases: 2,
      sessions: 4,
      outcomes: { attended: 2, partial: 1, excused_absence: 0, unexcused_absence: 1 },
      hoursCredited: 6.5,
      unverified: 1,
    });
  });

  it('knows the days of a month and when a newest-first page has gone back far enough', () => {
    expect(monthBounds('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(
      reachedBefore([aSession({ date: '2026-03-10' }), aSession({ date: '2026-02-27' })], '2026-03'),
    ).toBe(true);
    expect(reachedBefore([aSession({ date: '2026-03-10' })], '2026-03')).toBe(false);
    expect(reachedBefore([], '2026-03')).toBe(false);
  });
});

describe('XLSX', () => {
  it('writes a sheet per table with the header row, numbers and real dates', async () => {
    const table = buildTable(
      'Kasus: Palopo/2026',
      [
        { header: 'Nama klien', value: (c: Case) => c.client.fullName },
        { header: 'Jam dikreditkan', kind: 'number', value: (c: Case) => c.progress.hoursCredited },
        { header: 'Batas waktu', kind: 'date', value: (c: Case) => c.progress.deadline },
      ],
      [aCase()],
    );
    const blob = await tablesToXlsx([table], { creator: 'Abdi', title: 'Kasus' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await blob.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Kasus  Palopo 2026');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Nama klien', 'Jam dikreditkan', 'Batas waktu']);
    expect(sheet.getCell('B2').value).toBe(12);
    expect(sheet.getCell('C2').value).toEqual(new Date(Date.UTC(2026, 5, 30)));
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
  });
});
