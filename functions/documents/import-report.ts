/**
 * The dry run's report as the office downloads it (issue 22): the same spreadsheet it uploaded, with two
 * columns in front, "Hasil impor" (the row's outcome) and "Keterangan" (what is wrong, one message a
 * line), so the office fixes its own file and uploads it again.
 *
 * "The same spreadsheet": every row stays on its Excel row number (a blank row stays blank, so row 57 of
 * the report is row 57 of the office's file), every cell keeps its type (text as text, formatted `@` so a
 * NIK keeps its 16 digits when retyped; a date as a date shown day first; a number as a number). The two
 * new columns do not stop a re-upload: mapHeaders ignores headers it does not know.
 *
 * Nothing in the file is run. Every text cell goes through `neutralise` (formula injection, OWASP "CSV
 * Injection"); a formula cell of the upload is written as its formula's text, neutralised, never as a
 * live formula; a hyperlink cell keeps its text and loses its link (a link to anywhere, from a file of
 * personal data, is not ours to pass on).
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutralise, type CellValue, type ImportRowStatus } from '../domain/imports';
import type { ImportSheet } from './import-file';

/** One row's outcome, as the dry run (or the commit) left it. */
export interface ReportRowResult {
  readonly row: number;
  /** An ImportRowStatus; another word is written as it is. */
  readonly status: string;
  /** Messages in the report's language, each naming its column. */
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

export type ReportLocale = 'id' | 'en';

const STATUS_WORDS: Record<ReportLocale, Record<ImportRowStatus, string>> = {
  id: {
    ready: 'Siap',
    warning: 'Peringatan',
    error: 'Salah',
    existing: 'Sudah ada',
    created: 'Dibuat',
    failed: 'Gagal',
    undone: 'Dibatalkan',
  },
  en: {
    ready: 'Ready',
    warning: 'Warning',
    error: 'Error',
    existing: 'Already exists',
    created: 'Created',
    failed: 'Failed',
    undone: 'Undone',
  },
};

const TEXT = {
  id: { result: 'Hasil impor', details: 'Keterangan', problems: 'Masalah berkas', problem: 'Masalah' },
  en: { result: 'Import result', details: 'Details', problems: 'File problems', problem: 'Problem' },
} as const;

/** Excel's own "Bad" and "Neutral" fills, which offices know from conditional formatting. */
const ERROR_FILL = 'FFFFC7CE';
const WARNING_FILL = 'FFFFEB9C';
/** The longest text an Excel cell holds; a longer one makes Excel "repair" (empty) the file. */
const MAX_CELL_TEXT = 32_767;
/** Columns before the file's own. */
const OFFSET = 2;

/**
 * The report workbook: sheet "Data" (the file with the two result columns) and, when the file itself
 * had problems (a missing required column, a column twice), a sheet listing them.
 * @param results by Excel row number; a row without one gets empty result cells.
 * @example await importReportWorkbook(sheet, new Map([[2, { row: 2, status: 'error', errors: ['NIK: …'], warnings: [] }]]), 'id')
 */
export async function importReportWorkbook(
  sheet: ImportSheet,
  results: ReadonlyMap<number, ReportRowResult>,
  locale: ReportLocale,
  fileProblems: readonly string[] = [],
): Promise<Uint8Array> {
  const text = TEXT[locale];
  // exceljs's streaming writer: each row is written and let go. Its in-memory workbook took 23 s and a
  // 1.2 GB process for 25,000 rows of a cases file; streamed, 8 s and 0.4 GB.
  const chunks: Buffer[] = [];
  const stream = new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk));
  // The writer's commit resolves when the last byte is written in, which may be before it is read out.
  const drained = new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = 'Abdi';

  // reduce, not Math.max(...rows): 50,000 arguments is more than a call's stack may take.
  const width = sheet.rows.reduce((w, r) => Math.max(w, r.cells.length), sheet.header.length);
  const lastRow = sheet.rows.reduce((last, r) => Math.max(last, r.row), 1);
  const data = workbook.addWorksheet('Data', {
    views: [{ state: 'frozen', xSplit: OFFSET, ySplit: 1 }],
  });
  data.autoFilter = { from: { row: 1, column: 1 }, to: { row: lastRow, column: width + OFFSET } };
  data.columns = [
    { width: 16 },
    { width: 60, style: { alignment: { wrapText: true, vertical: 'top' } } },
    ...Array.from({ length: width }, (_, c) => ({
      width: Math.max(12, Math.min(40, plainText(sheet.header[c] ?? null).length + 4)),
      // A column of text stays Text for what the office types into it next: a NIK retyped into a
      // General cell would lose its last digit again.
      style: textColumn(sheet, c) ? { numFmt: '@' } : {},
    })),
  ];

  const header = data.getRow(1);
  writeText(header.getCell(1), text.result);
  writeText(header.getCell(2), text.details);
  sheet.header.forEach((value, c) => writeCell(header.getCell(c + OFFSET + 1), value));
  header.font = { bold: true };
  header.commit();

  // In ascending order, as the streaming writer needs them (readImportFile gives them so; a sheet made
  // otherwise is sorted); a row number not written stays blank.
  const ordered = sheet.rows.every((r, i) => i === 0 || sheet.rows[i - 1]!.row < r.row)
    ? sheet.rows
    : [...sheet.rows].sort((a, b) => a.row - b.row);
  let previous = 1;
  for (const { row, cells } of ordered) {
    if (row <= previous) continue; // the header's row, or a number given twice
    previous = row;
    const line = data.getRow(row);
    cells.forEach((value, c) => writeCell(line.getCell(c + OFFSET + 1), value));
    const result = results.get(row);
    if (result) writeResult(line, result, locale);
    line.commit();
  }
  data.commit();

  if (fileProblems.length > 0) {
    const problems = workbook.addWorksheet(text.problems, { views: [{ state: 'frozen', ySplit: 1 }] });
    problems.columns = [{ width: 100, style: { alignment: { wrapText: true, vertical: 'top' } } }];
    writeText(problems.getCell(1, 1), text.problem);
    problems.getRow(1).font = { bold: true };
    fileProblems.forEach((problem, i) => writeText(problems.getCell(i + 2, 1), problem));
    problems.commit();
  }
  await workbook.commit();
  await drained;
  return new Uint8Array(Buffer.concat(chunks));
}

/** The outcome word and the messages, on a red fill for an error, yellow for a warning. */
function writeResult(line: ExcelJS.Row, result: ReportRowResult, locale: ReportLocale) {
  const words: Record<string, string> = STATUS_WORDS[locale];
  writeText(line.getCell(1), Object.hasOwn(words, result.status) ? words[result.status]! : result.status);
  writeText(line.getCell(2), [...result.errors, ...result.warnings].join('\n'));
  const failed = result.status === 'error' || result.status === 'failed' || result.errors.length > 0;
  const warned = result.status === 'warning' || result.warnings.length > 0;
  const fill = failed ? ERROR_FILL : warned ? WARNING_FILL : undefined;
  if (!fill) return;
  for (const c of [1, 2]) {
    line.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  }
}

/** Text as text: neutralised, formatted `@`, cut to what a cell holds. */
function writeText(cell: ExcelJS.Cell, text: string) {
  cell.value = neutralise(text).slice(0, MAX_CELL_TEXT);
  cell.numFmt = '@';
}

/** One cell of the upload, its type kept and nothing in it live. */
function writeCell(cell: ExcelJS.Cell, value: CellValue) {
  if (value === null || value === undefined) return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return writeText(cell, String(value));
    cell.value = value;
    // All digits of a long whole number (a NIK typed as a number shows its lost digit, not 7,37E+15).
    cell.numFmt = Number.isInteger(value) && Math.abs(value) >= 1e11 ? '0' : 'General';
    return;
  }
  if (typeof value === 'boolean') {
    cell.value = value;
    return;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return;
    cell.value = value;
    cell.numFmt = dateFormat(value);
    return;
  }
  if (typeof value === 'object' && 'error' in value) {
    cell.value = { error: value.error } as ExcelJS.CellErrorValue;
    return;
  }
  writeText(cell, plainText(value));
}

/**
 * exceljs gives a date cell as a UTC instant; a time of day (a placement's start time) is a date on
 * Excel's day zero. Shown as the office would type it.
 */
function dateFormat(value: Date): string {
  const time = value.getUTCHours() + value.getUTCMinutes() + value.getUTCSeconds() > 0;
  const dayZero = value.getUTCFullYear() < 1900 || value.toISOString().startsWith('1904-01-01');
  if (time && dayZero) return 'hh:mm';
  return time ? 'dd/mm/yyyy hh:mm' : 'dd/mm/yyyy';
}

/** What a cell says as text: rich text's runs, a hyperlink's text, a formula as `=…` (never its result). */
function plainText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return plainText(value.text as CellValue);
  if ('error' in value) return value.error;
  return `=${value.formula ?? ''}`;
}

/** Whether every filled cell of the file's `c`-th column (header aside) is text. */
function textColumn(sheet: ImportSheet, c: number): boolean {
  let filled = false;
  for (const { cells } of sheet.rows) {
    const value = cells[c];
    if (value === null || value === undefined || value === '') continue;
    if (typeof value !== 'string' && (typeof value !== 'object' || value instanceof Date)) return false;
    if (typeof value === 'object' && ('error' in value || 'formula' in value || 'sharedFormula' in value)) {
      return false;
    }
    filled = true;
  }
  return filled;
}
