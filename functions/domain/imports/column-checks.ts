/**
 * What one cell cannot show but its column can (issue 22). A file is written by one person on one
 * computer: a column that holds a month-first date was written month first throughout, and a column of
 * NIKs that all end in 0 went through a number format. Both turn cells that read well alone into errors.
 */
import { dayMonthFigures } from '../date-text';
import { Rule } from '../rules';
import { cellOf, type CellValue, type Column, type RowError } from './cells';

/** A cell of a column, on its Excel row. */
export interface ColumnCell {
  readonly row: number;
  readonly value: CellValue;
}

const columnName = (column: Column | string) => (typeof column === 'string' ? column : column.name);

/**
 * A column with a month-first date in figures (`12/25/2026`: no month 25) was written month first, by a
 * computer set to English (US) or by a person, so its `03/04/2026` is as likely 4 March as 3 April: each
 * date in figures whose two numbers could both be months, and differ, is an error on its row. The
 * month-first cell itself is already refused by readDate.
 */
export function dateColumnDoubts(cells: readonly ColumnCell[], column: Column | string): RowError[] {
  const figures = cells.map(({ row, value }) => {
    const cell = cellOf(value);
    return { row, figures: cell.kind === 'text' ? dayMonthFigures(cell.text) : null };
  });
  const monthFirst = figures.some(({ figures: f }) => f && f.first <= 12 && f.second > 12);
  if (!monthFirst) return [];
  return figures
    .filter(({ figures: f }) => f && f.first <= 12 && f.second <= 12 && f.first !== f.second)
    .map(({ row }) => ({
      row,
      rule: Rule.IMPORT_CELL,
      column: columnName(column),
      message:
        'Kolom ini juga berisi tanggal yang ditulis bulan dulu (misalnya 12/25/2026), jadi tanggal ini ' +
        'bisa berarti dua hari. Tulis ulang kolom ini hari dulu (dd/mm/yyyy) atau sebagai yyyy-mm-dd.',
      detail:
        'The column also holds a month-first date (e.g. 12/25/2026), so this date reads two ways. Write ' +
        'the column day-first (dd/mm/yyyy) or as yyyy-mm-dd.',
    }));
}

/**
 * Below this many NIKs, all ending in 0 proves nothing (a real NIK's last digit is 0 one time in ten,
 * so five in a row is one in 100,000).
 */
export const ROUNDED_NIK_MIN_ROWS = 5;

/**
 * A CSV saved from a sheet whose NIK column was a number formatted without decimals writes all 16
 * digits, the last always 0 (7373011003851234 → 7373011003851230): each is well formed, and each may be
 * someone else's. When every NIK of the column ends in 0, every row is an error. `niks` are the NIKs
 * readNik took.
 */
export function nikColumnDoubts(
  niks: readonly { readonly row: number; readonly nik: string }[],
  column: Column | string,
): RowError[] {
  if (niks.length < ROUNDED_NIK_MIN_ROWS || !niks.every(({ nik }) => nik.endsWith('0'))) return [];
  return niks.map(({ row }) => ({
    row,
    rule: Rule.IMPORT_CELL,
    column: columnName(column),
    message:
      'Semua NIK di kolom ini berakhir dengan 0: kolom ini kemungkinan pernah berformat angka, dan Excel ' +
      'sudah mengganti digit terakhirnya dengan 0. Ubah format kolom NIK menjadi Teks, lalu ketik ulang ' +
      'NIK dari KTP atau dokumen aslinya.',
    detail:
      'Every NIK in this column ends in 0: the column was most likely formatted as a number, and Excel ' +
      'has replaced each last digit with 0. Format the NIK column as Text and type the NIKs again from ' +
      'the KTP or the source documents.',
  }));
}
