/**
 * Saves a table as CSV at once, or as XLSX after loading exceljs (only now, on the user's click).
 */
import { CSV_TYPE, saveFile } from './download';
import { exportFileName, tableToCsv, type Table } from './export';
import { problemText } from './problem-text';

export async function saveTables(
  format: 'csv' | 'xlsx',
  tables: readonly Table[],
  /** The CSV holds one table: this one. */
  csvTable: Table,
  nameParts: readonly string[],
  meta: { creator: string; title: string },
): Promise<void> {
  if (format === 'csv') {
    saveFile(new Blob([tableToCsv(csvTable)], { type: CSV_TYPE }), exportFileName(nameParts, 'csv'));
    return;
  }
  const { tablesToXlsx } = await import('./xlsx');
  saveFile(await tablesToXlsx(tables, meta), exportFileName(nameParts, 'xlsx'));
}

/** An error as one sentence for the export buttons (a failed download of exceljs included). */
export function exportError(error: unknown): Error {
  return new Error(problemText(error));
}
