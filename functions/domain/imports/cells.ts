/**
 * One spreadsheet cell read into a typed value, or the error the office sees on that row (issue 22).
 * Pure: the job hands in what exceljs put in `cell.value` (XLSX) or the text of a CSV field, and gets back
 * the value or an error with its column, rule id, a message in Bahasa Indonesia (the report and the
 * error column of the returned file) and an English `detail` (the API's problem+json).
 *
 * Nothing is guessed: a NIK or a phone number Excel turned into a number has already lost digits, a
 * formula's value is whatever the last program to save the file computed (or nothing), and a date that
 * reads two ways has no right reading. Each is an error that says how to fix the file.
 *
 * Dates and times are in ./cell-dates.ts, numbers in ./cell-numbers.ts, whole-column checks in
 * ./column-checks.ts.
 */
import { formatDecisionNumber, parseDecisionNumber, type DecisionNumber } from '../decision-number';
import { parseNik } from '../nik';
import { Rule, type RuleId } from '../rules';
import { inertText } from '../spreadsheet-cells';
import type { LocalDate } from '../calendar';

/**
 * A cell as exceljs gives it (`cell.value`: text, number, `Date`, boolean, formula, rich text, hyperlink
 * or an error value), or the text of a CSV field. Structural, so the domain needs no exceljs.
 */
export type CellValue =
  | null
  | undefined
  | string
  | number
  | boolean
  | Date
  | { readonly formula?: string; readonly sharedFormula?: string; readonly result?: unknown }
  | { readonly richText: readonly { readonly text: string }[] }
  | { readonly text: string; readonly hyperlink: string }
  | { readonly error: string };

/** What a cell holds, once read. */
export type Cell =
  | { readonly kind: 'blank' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'date'; readonly value: Date }
  | { readonly kind: 'formula' }
  | { readonly kind: 'error'; readonly code: string };

/** A cell with something a reader can read. */
export type FilledCell = Extract<Cell, { readonly kind: 'text' | 'number' | 'date' }>;

/** A column of the file: its header as the office sees it, and whether a value is required. */
export interface Column {
  readonly name: string;
  readonly required?: boolean;
}

/** Why a cell was not taken. `message` is Bahasa Indonesia, `detail` English; neither repeats the value. */
export interface CellError {
  readonly rule: RuleId;
  readonly column: string;
  readonly message: string;
  readonly detail: string;
}

/** A cell error on its row, numbered as Excel shows it (the header is row 1, the first data row 2). */
export interface RowError extends CellError {
  readonly row: number;
}

/** The value read (`null` for a blank cell that is not required), or the error. */
export type CellResult<T> =
  { readonly ok: true; readonly value: T | null } | { readonly ok: false; readonly error: CellError };

export const cellError = (rule: RuleId, column: Column | string, message: string, detail: string) => ({
  ok: false as const,
  error: { rule, column: typeof column === 'string' ? column : column.name, message, detail },
});

const taken = <T>(value: T | null): CellResult<T> => ({ ok: true, value });

/** The Excel row number of the `index`-th data row (0-based) under a one-row header. */
export const excelRow = (index: number): number => index + 2;

/**
 * For exports: text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first) gets a
 * leading apostrophe, the OWASP "CSV Injection" page's list and fix (domain/spreadsheet-cells.ts, which
 * the XLSX renderer already uses). Numbers are written as numbers, never through this.
 */
export const neutralise = inertText;

/** Our own apostrophe from {@link neutralise}, found again in a CSV an office exported and edited. */
const NEUTRALISED = /^'(?=[=+\-@\t\r])/;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Text as stored: NFC, no-break spaces as spaces, zero-width characters and the ends' spaces gone, and
 * the apostrophe an export put before `=` taken off again. Text starting with `=` stays that text: it is
 * stored and shown, never evaluated, and {@link neutralise}d on every export.
 */
export const cleanText = (text: string): string =>
  text
    .normalize('NFC')
    .replace(/\u00A0/g, ' ')
    .replace(INVISIBLE, '')
    .trim()
    .replace(NEUTRALISED, '');

/** What a cell holds. Rich text and hyperlinks are their text; a boolean is `true`/`false`. */
export function cellOf(value: CellValue): Cell {
  if (value === null || value === undefined) return { kind: 'blank' };
  if (typeof value === 'string') {
    const text = cleanText(value);
    return text === '' ? { kind: 'blank' } : { kind: 'text', text };
  }
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'text', text: String(value) };
  if (value instanceof Date) return { kind: 'date', value };
  if ('error' in value) return { kind: 'error', code: String(value.error) };
  if ('richText' in value) return cellOf(value.richText.map((run) => run.text).join(''));
  if ('hyperlink' in value) return cellOf(value.text);
  return { kind: 'formula' };
}

/**
 * The cell, or the answer for what no reader takes: a blank (null, or "required"), a formula (refused:
 * its cached result may be stale or missing, and a file of personal data is no place to run one) and an
 * Excel error value.
 */
export function present(value: CellValue, column: Column | string): FilledCell | CellResult<never> {
  const cell = cellOf(value);
  const required = typeof column !== 'string' && column.required;
  if (cell.kind === 'blank') {
    return required ? cellError(Rule.INPUT_FORMAT, column, 'Wajib diisi.', 'Required.') : taken(null);
  }
  if (cell.kind === 'formula') {
    return cellError(
      Rule.IMPORT_CELL,
      column,
      'Sel ini berisi rumus. Ketik nilainya, bukan rumus: salin kolomnya, lalu Tempel Spesial → Nilai.',
      'The cell holds a formula. Type the value, not a formula: copy the column, then Paste Special → Values.',
    );
  }
  if (cell.kind === 'error') {
    return cellError(
      Rule.IMPORT_CELL,
      column,
      `Sel ini berisi galat Excel ${cell.code}; isi dengan nilainya.`,
      `The cell holds the Excel error ${cell.code}; type its value.`,
    );
  }
  return cell;
}

const isResult = <T>(x: FilledCell | CellResult<T>): x is CellResult<T> => 'ok' in x;

/** Excel keeps 15 significant digits: a longer whole number in a number cell has lost its tail. */
const EXACT_DIGITS = 15;
const TURNED_INTO_DATE = [
  'Excel mengubah isi sel ini menjadi tanggal. Ubah format kolom menjadi Teks, lalu ketik ulang isinya.',
  'Excel turned this cell into a date. Format the column as Text and type the value again.',
] as const;
const TOO_LONG = [
  'Angka lebih dari 15 digit tidak tersimpan utuh di Excel. Ubah format kolom menjadi Teks, lalu ketik ulang.',
  'Excel keeps at most 15 significant digits of a number. Format the column as Text and type the value again.',
] as const;

/** Free text (a name, an address, an agreement number): a number cell's digits as text, at most 15. */
export function readText(
  value: CellValue,
  column: Column | string,
  options: { readonly maxLength?: number } = {},
): CellResult<string> {
  const cell = present(value, column);
  if (isResult(cell)) return cell;
  if (cell.kind === 'date') return cellError(Rule.IMPORT_CELL, column, ...TURNED_INTO_DATE);
  let text: string;
  if (cell.kind === 'number') {
    if (!Number.isFinite(cell.value)) return cellError(Rule.INPUT_FORMAT, column, ...TOO_LONG);
    if (Math.abs(cell.value) >= 10 ** EXACT_DIGITS) return cellError(Rule.IMPORT_CELL, column, ...TOO_LONG);
    text = String(cell.value);
  } else text = cell.text;
  const max = options.maxLength;
  if (max !== undefined && text.length > max) {
    return cellError(
      Rule.INPUT_FORMAT,
      column,
      `Paling banyak ${max} karakter.`,
      `At most ${max} characters.`,
    );
  }
  return taken(text);
}

const NIK_AS_NUMBER = [
  'NIK tersimpan sebagai angka. Excel hanya menyimpan 15 digit angka, sehingga NIK 16 digit yang disimpan ' +
    'sebagai angka sudah kehilangan digit terakhirnya (misalnya 7373011003851234 menjadi 7373011003851230). ' +
    'Ubah format kolom NIK menjadi Teks, lalu ketik ulang NIK dari KTP atau dokumen aslinya.',
  'The NIK is stored as a number. Excel keeps only 15 significant digits, so a 16-digit NIK stored as a ' +
    'number has already lost its last digit (e.g. 7373011003851234 becomes 7373011003851230). Format the ' +
    'NIK column as Text and type the NIK again from the KTP or the source document.',
] as const;
/** `7.37301E+15` (Excel's General format, or its CSV) and `7.373.011.003.851.230` (a grouped number). */
const NUMBER_WRITTEN = /^(?:\d(?:[.,]\d+)?e\+?\d+|\d{1,3}(?:([.,])\d{3})(?:\1\d{3})+)$/i;

/**
 * A NIK: text of exactly 16 digits; spaces (`7373 0110 0385 1234`) and an apostrophe before it are
 * ignored, dots and dashes are not. A number cell is always refused (NIK_AS_NUMBER): from 16 digits Excel
 * keeps 15, so the NIK on file is already another person's or nobody's. So is text Excel wrote for a
 * number (`7.37301E+15`, or digits in groups of three). The structure is ID-NIK's (domain/nik.ts).
 * @param referenceDate the latest possible birth date (today), which fixes the century of its `YY`.
 */
export function readNik(
  value: CellValue,
  column: Column | string,
  referenceDate: LocalDate,
): CellResult<string> {
  const cell = present(value, column);
  if (isResult(cell)) return cell;
  if (cell.kind === 'number') return cellError(Rule.IMPORT_CELL, column, ...NIK_AS_NUMBER);
  if (cell.kind === 'date') return cellError(Rule.IMPORT_CELL, column, ...TURNED_INTO_DATE);
  const nik = cell.text.replace(/^'/, '').replace(/\s+/g, '');
  if (NUMBER_WRITTEN.test(nik)) return cellError(Rule.IMPORT_CELL, column, ...NIK_AS_NUMBER);
  const parsed = parseNik(nik, referenceDate, typeof column === 'string' ? column : column.name);
  if (parsed.ok) return taken(nik);
  const message = /^\d{16}$/.test(nik)
    ? 'NIK tidak valid: periksa kode wilayah, tanggal lahir (perempuan: tanggal + 40) dan nomor urutnya.'
    : 'NIK harus 16 angka, ditulis sebagai teks tanpa titik atau tanda hubung.';
  return cellError(Rule.ID_NIK, column, message, parsed.violations.map((v) => v.message).join(' '));
}

/** The API's phone shape (api/schemas/clients.ts, partners.ts): 6–20 of digits, spaces, dashes, brackets. */
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

/**
 * A phone number, as text. A number cell has lost its leading 0 (081234567890 is 81234567890), so it is
 * refused with the fix; a number that starts with Indonesia's 62 lost nothing and is taken as its digits.
 */
export function readPhone(value: CellValue, column: Column | string): CellResult<string> {
  const cell = present(value, column);
  if (isResult(cell)) return cell;
  if (cell.kind === 'date') return cellError(Rule.IMPORT_CELL, column, ...TURNED_INTO_DATE);
  if (cell.kind === 'number') {
    if (Number.isSafeInteger(cell.value) && /^62\d{6,13}$/.test(String(cell.value))) {
      return taken(String(cell.value));
    }
    return cellError(
      Rule.IMPORT_CELL,
      column,
      'Nomor telepon tersimpan sebagai angka, sehingga angka 0 di depannya hilang (misalnya 081234567890 ' +
        'menjadi 81234567890). Ubah format kolom menjadi Teks, lalu ketik ulang nomornya.',
      'The phone number is stored as a number, so its leading 0 is gone (e.g. 081234567890 becomes ' +
        '81234567890). Format the column as Text and type the number again.',
    );
  }
  const phone = cell.text.replace(/^'/, '');
  if (PHONE.test(phone)) return taken(phone);
  return cellError(
    Rule.INPUT_FORMAT,
    column,
    'Nomor telepon terdiri dari 6–20 angka, boleh diawali + dan memakai spasi atau tanda hubung.',
    'A phone number is 6–20 digits, optionally with +, spaces or dashes.',
  );
}

/**
 * A nomor putusan, as text, read by domain/decision-number.ts (ID-DECISION-NUMBER) in any letter case,
 * with spaces around its slashes and doubled spaces dropped. The value is the parts and the canonical
 * spelling (`231/pid.b/2026/PN Mks` → `231/Pid.B/2026/PN Mks`).
 */
export function readDecisionNumber(
  value: CellValue,
  column: Column | string,
  options: { readonly allowedCourtCodes?: readonly string[] } = {},
): CellResult<{ readonly decision: DecisionNumber; readonly text: string }> {
  const cell = present(value, column);
  if (isResult(cell)) return cell;
  if (cell.kind === 'date') return cellError(Rule.IMPORT_CELL, column, ...TURNED_INTO_DATE);
  const text = cell.kind === 'text' ? cell.text.replace(/\s*\/\s*/g, '/').replace(/\s+/g, ' ') : '';
  const path = typeof column === 'string' ? column : column.name;
  const parsed = parseDecisionNumber(text, { path, ...options });
  if (parsed.ok) return taken({ decision: parsed.value, text: formatDecisionNumber(parsed.value) });
  const served = parsed.violations.some((v) => /not served/.test(v.message));
  return cellError(
    Rule.ID_DECISION_NUMBER,
    column,
    served
      ? 'Pengadilan pada nomor putusan ini tidak dilayani oleh instalasi ini.'
      : 'Nomor putusan tidak dikenali. Contoh: 231/Pid.B/2026/PN Mks, 45/Pid/2026/PT Mks, 1234 K/Pid.Sus/2026.',
    parsed.violations.map((v) => v.message).join(' ') ||
      'A decision number is text, e.g. 231/Pid.B/2026/PN Mks.',
  );
}

/** One allowed value of a column: its code, its Indonesian and English labels, and other spellings. */
export interface EnumChoice<T extends string> {
  readonly value: T;
  readonly id: string;
  readonly en: string;
  readonly aliases?: readonly string[];
}

/** Letter case, doubled spaces, `_` and `-` do not tell two labels apart: `Kerja_Sosial` = `kerja sosial`. */
const foldLabel = (text: string): string =>
  text.normalize('NFC').toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * One of a column's allowed values, by its Indonesian or English label, its code or an alias, in any
 * letter case (`Pelayanan masyarakat`, `community service for children`, `pelayanan_masyarakat`).
 */
export function readEnum<T extends string>(
  value: CellValue,
  column: Column | string,
  choices: readonly EnumChoice<T>[],
): CellResult<T> {
  const cell = present(value, column);
  if (isResult(cell)) return cell;
  const text = foldLabel(cell.kind === 'text' ? cell.text : cell.kind === 'number' ? String(cell.value) : '');
  const found = choices.find((c) =>
    [c.value, c.id, c.en, ...(c.aliases ?? [])].some((l) => foldLabel(l) === text),
  );
  if (found) return taken(found.value);
  return cellError(
    Rule.INPUT_FORMAT,
    column,
    `Pilih salah satu: ${choices.map((c) => c.id).join(', ')}.`,
    `One of: ${choices.map((c) => c.en).join(', ')}.`,
  );
}
