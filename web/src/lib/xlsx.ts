/**
 * Tables as an XLSX workbook, one sheet each: a bold, frozen header row with filters, numbers as
 * numbers and office-local dates as real spreadsheet dates (dd/mm/yyyy). exceljs is large, so this
 * module is imported only when a user clicks an XLSX button.
 */
import ExcelJS from 'exceljs';
import type { Table } from './export';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel refuses sheet names over 31 characters or with `[]:*?/\`. */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
}

/** `2026-05-12` as the spreadsheet's date for that day (no zone: a calendar date stays that date). */
function asDate(value: unknown): Date | unknown {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

export async function tablesToXlsx(
  tables: readonly Table[],
  meta: { readonly creator: string; readonly title: string },
): Promise<Blob> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator;
  workbook.title = meta.title;
  workbook.created = new Date();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({
      header: c.header,
      width: c.width,
      style: c.kind === 'date' ? { numFmt: 'dd/mm/yyyy' } : c.kind === 'number' ? { numFmt: '#,##0.##' } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      sheet.addRow(row.map((cell, i) => (table.columns[i]?.kind === 'date' ? asDate(cell) : (cell ?? null))));
    }
    if (table.columns.length > 0) {
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer as ArrayBuffer], { type: XLSX_TYPE });
}
