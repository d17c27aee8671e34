import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readDate, readNik, readText, readTime, type CellValue } from '../../../../functions/domain/imports';

/**
 * The readers against what exceljs really gives for a saved and re-opened XLSX, so the domain's
 * structural CellValue and exceljs's own types cannot drift apart unnoticed.
 */
async function roundTrip(fill: (sheet: ExcelJS.Worksheet) => void): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet('Kasus'));
  const bytes = await book.xlsx.writeBuffer();
  const again = new ExcelJS.Workbook();
  await again.xlsx.load(bytes);
  return again.getWorksheet('Kasus')!;
}

describe('cells from an XLSX file (exceljs)', () => {
  it('IMPORT-CELL refuses the NIK typed into a number cell; ID-NIK takes the one in a text cell', async () => {
    // Prepare: row 2 as an office fills it, NIK as a number and as text
    const sheet = await roundTrip((s) => {
      s.addRow(['NIK angka', 'NIK teks', 'Tanggal', 'Serial', 'Jam', 'Rumus']);
      s.addRow([7373011003851234, '7373011003851234', new Date(Date.UTC(2026, 0, 12)), 46034, null, null]);
      s.getCell('E2').value = 14.5 / 24;
      s.getCell('E2').numFmt = 'hh:mm';
      s.getCell('F2').value = { formula: 'B2&""', result: '7373011003851234' };
    });
    const value = (address: string): CellValue => sheet.getCell(address).value;
    // Act / Assess
    expect(value('A2')).toBe(7373011003851234);
    expect(readNik(value('A2'), 'NIK angka', '2026-03-01')).toMatchObject({
      ok: false,
      error: { rule: 'IMPORT-CELL' },
    });
    expect(readNik(value('B2'), 'NIK teks', '2026-03-01')).toEqual({ ok: true, value: '7373011003851234' });
    expect(readDate(value('C2'), 'Tanggal')).toEqual({ ok: true, value: '2026-01-12' });
    expect(readDate(value('D2'), 'Serial')).toEqual({ ok: true, value: '2026-01-12' });
    expect(readTime(value('E2'), 'Jam')).toEqual({ ok: true, value: '14:30' });
    expect(readText(value('F2'), 'Rumus')).toMatchObject({ ok: false, error: { rule: 'IMPORT-CELL' } });
  });
});
