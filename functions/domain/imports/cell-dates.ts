/**
 * Dates and times in a spreadsheet cell (issue 22): an Excel date or time cell (exceljs gives a `Date`),
 * an Excel serial number, or text read day first by domain/date-text.ts. Never month first, never a
 * guess: what cannot be read one way only is an error that says how to write it.
 */
import { formatYmd, fromEpochDay, type LocalDate, type LocalTime } from '../calendar';
import { readDateText, type DateTextProblem } from '../date-text';
import { Rule } from '../rules';
import { cellError, present, type CellResult, type FilledCell, type CellValue, type Column } from './cells';

/** The serial of 9999-12-31, the last day Excel has. */
export const EXCEL_LAST_SERIAL = 2_958_465;
/** Serial 60 is 29 February 1900, a day that never was (below). */
export const EXCEL_PHANTOM_LEAP_DAY = 60;

/**
 * The date of an Excel serial number; a fraction (the time of day) is dropped.
 *
 * The 1900 date system (Windows Excel's default) counts 1900-01-01 as 1 and, copying a bug of Lotus
 * 1-2-3, treats 1900 as a leap year: serial 60 is 29 February 1900, which never existed, so every serial
 * from 61 (1 March 1900) on is one more than the days since 31 December 1899. Serials 1–59 are read as
 * Excel shows them, 60 has no date (null). The 1904 system (old Mac workbooks, `date1904`) counts
 * 1904-01-01 as 0 and has no such day. Null outside Excel's range.
 * @example excelSerialDate(46034) // '2026-01-12'
 */
export function excelSerialDate(serial: number, date1904 = false): LocalDate | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  if (date1904) return day >= 0 && day <= EXCEL_LAST_SERIAL - 1462 ? fromEpochDay(day - 24_107) : null;
  if (day < 1 || day > EXCEL_LAST_SERIAL || day === EXCEL_PHANTOM_LEAP_DAY) return null;
  // 1970-01-01 is serial 25569; before the phantom day the count is one less.
  return fromEpochDay(day - (day < EXCEL_PHANTOM_LEAP_DAY ? 25_568 : 25_569));
}

/** A `Date` from exceljs holds the sheet's wall-clock time as UTC; rounded to the second against float dust. */
const wallClock = (date: Date): Date => new Date(Math.round(date.getTime() / 1000) * 1000);

const HOW_TO_WRITE =
  'Tulis tanggal sebagai dd/mm/yyyy (misalnya 12/01/2026), yyyy-mm-dd, atau 12 Januari 2026.';
const HOW_TO_WRITE_EN = 'Write a date as dd/mm/yyyy (e.g. 12/01/2026), yyyy-mm-dd, or 12 Januari 2026.';

function dateTextError(column: Column | string, p: DateTextProblem): CellResult<never> {
  switch (p.kind) {
    case 'year':
      return cellError(
        Rule.IMPORT_CELL,
        column,
        `Tahun harus ditulis 4 angka: 26 bisa berarti 1926 atau 2026. ${HOW_TO_WRITE}`,
        `The year has 4 digits: 26 could be 1926 or 2026. ${HOW_TO_WRITE_EN}`,
      );
    case 'month':
      return cellError(
        Rule.IMPORT_CELL,
        column,
        `Bulan ${p.month} tidak ada. Tanggal ditulis hari dulu (dd/mm/yyyy): 25 Desember 2026 ` +
          'adalah 25/12/2026, bukan 12/25/2026.',
        `There is no month ${p.month}. Dates are day-first (dd/mm/yyyy): 25 December 2026 is ` +
          '25/12/2026, not 12/25/2026.',
      );
    case 'day':
      return cellError(
        Rule.INPUT_FORMAT,
        column,
        `Tanggal ${p.day} tidak ada pada bulan ${p.month} (hanya ${p.days} hari).`,
        `Day ${p.day} does not exist in ${p.month} (it has ${p.days} days).`,
      );
    case 'ambiguous':
      return cellError(
        Rule.IMPORT_CELL,
        column,
        'Tanggal ini bisa dibaca dengan dua cara. Tulis hari dulu (dd/mm/yyyy) atau yyyy-mm-dd.',
        'This date reads two ways. Write it day-first (dd/mm/yyyy) or as yyyy-mm-dd.',
      );
    case 'format':
      return cellError(Rule.INPUT_FORMAT, column, `Tanggal tidak dikenali. ${HOW_TO_WRITE}`, HOW_TO_WRITE_EN);
  }
}

const isCell = (x: FilledCell | CellResult<never>): x is FilledCell => 'kind' in x;

/**
 * A date: an Excel date cell, an Excel serial number, or text day first (`12/01/2026`, `12-01-2026`,
 * `12.01.2026`, `2026-01-12`, `12 Januari 2026`, `12 Jan 2026`, `12 Agu 2026`, `12 Des 2026`).
 * Month-first text (`12/25/2026`), a two-digit year and year first with slashes are refused.
 */
export function readDate(
  value: CellValue,
  column: Column | string,
  options: { readonly date1904?: boolean } = {},
): CellResult<LocalDate> {
  const cell = present(value, column);
  if (!isCell(cell)) return cell;
  if (cell.kind === 'date') {
    const d = wallClock(cell.value);
    // A time-only cell is a time on Excel's day 0, which exceljs places on 30 December 1899.
    if (d.getUTCFullYear() < 1900) return notADate(column, 'Sel ini berisi jam, bukan tanggal.', 'a time');
    return { ok: true, value: formatYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) };
  }
  if (cell.kind === 'number') {
    const date = excelSerialDate(cell.value, options.date1904);
    if (date) return { ok: true, value: date };
    if (Math.floor(cell.value) === EXCEL_PHANTOM_LEAP_DAY && !options.date1904) {
      return notADate(column, 'Tanggal 29/02/1900 tidak pernah ada.', '29/02/1900, a day that never was');
    }
    return notADate(column, 'Angka ini bukan tanggal Excel.', 'a number');
  }
  const read = readDateText(cell.text, 'file');
  return 'value' in read ? { ok: true, value: read.value } : dateTextError(column, read.problem);
}

const notADate = (column: Column | string, id: string, en: string): CellResult<never> =>
  cellError(Rule.IMPORT_CELL, column, `${id} ${HOW_TO_WRITE}`, `The cell holds ${en}. ${HOW_TO_WRITE_EN}`);

const TIME_TEXT = /^(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?$/;
const HOW_TO_WRITE_TIME = 'Tulis jam dengan format 24 jam: 14.30 atau 14:30.';
const HOW_TO_WRITE_TIME_EN = 'Write the time on the 24-hour clock: 14.30 or 14:30.';

const clock = (minutes: number): LocalTime =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * A time of day, `HH:mm`: an Excel time cell, a fraction of a day (0.5 is 12:00), or text on the 24-hour
 * clock with its minutes (`14.30` as Indonesian writes it, `14:30`, `14:30:00`). A decimal number
 * (`14.3`: 14.30 or 14.18?), seconds other than :00, AM/PM and a bare hour are refused.
 */
export function readTime(value: CellValue, column: Column | string): CellResult<LocalTime> {
  const cell = present(value, column);
  if (!isCell(cell)) return cell;
  const refuse = (id: string, en: string) =>
    cellError(Rule.INPUT_FORMAT, column, `${id} ${HOW_TO_WRITE_TIME}`, `${en} ${HOW_TO_WRITE_TIME_EN}`);
  if (cell.kind === 'date') {
    const d = wallClock(cell.value);
    if (d.getUTCFullYear() >= 1900)
      return refuse('Sel ini berisi tanggal, bukan jam.', 'The cell holds a date.');
    return { ok: true, value: clock(d.getUTCHours() * 60 + d.getUTCMinutes()) };
  }
  if (cell.kind === 'number') {
    if (cell.value >= 0 && cell.value < 1) {
      const minutes = Math.round(cell.value * 1440);
      if (minutes < 1440) return { ok: true, value: clock(minutes) };
    }
    return refuse(
      'Jam tersimpan sebagai angka desimal (14,3 bisa berarti 14.30 atau 14.18).',
      'The time is stored as a decimal number (14.3 could be 14:30 or 14:18).',
    );
  }
  const match = TIME_TEXT.exec(cell.text);
  if (!match || (match[3] !== undefined && match[3] !== '00')) {
    return refuse('Jam tidak dikenali.', 'The time is not recognised.');
  }
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59)
    return refuse(`Jam ${cell.text} tidak ada.`, `There is no time ${cell.text}.`);
  return { ok: true, value: clock(hour * 60 + minute) };
}
