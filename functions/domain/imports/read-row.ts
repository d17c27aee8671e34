/**
 * A file's header row matched to a kind's columns, and one data row read into the values the use cases
 * take (issue 22). Pure: the job hands in the cells as exceljs or the CSV splitter gives them and gets
 * back the values, or errors and warnings on the row's Excel number, each naming its column's key and
 * header, a rule id, a message in Bahasa Indonesia and an English detail. Rules that span rows (a
 * duplicate key, a month-first column) are ./natural-keys.ts and ./column-checks.ts; rules that need the
 * office's records or the law (the officer, the site, the hours against the order) are the use cases'.
 */
import type { LocalDate } from '../calendar';
import { Rule, type RuleId } from '../rules';
import {
  cellOf,
  readDecisionNumber,
  readEnum,
  readNik,
  readPhone,
  readText,
  type CellResult,
  type CellValue,
  type Column,
  type RowError,
} from './cells';
import { readDate, readTime } from './cell-dates';
import { readNumber } from './cell-numbers';
import { YES_NO, type Bilingual, type ImportColumn, type ImportKind, type ImportValue } from './column-model';
import { IMPORT_COLUMNS } from './columns';

/** A problem on a row: the cell error with its column's key and both its headers. */
export interface RowProblem extends RowError {
  readonly key: string;
  readonly header: Bilingual;
}

export interface RowReading {
  readonly row: number;
  /** Every cell is empty: the row is skipped, not reported (Excel keeps formatted empty rows). */
  readonly blank: boolean;
  /** By column key; a column left empty has no entry. */
  readonly values: Readonly<Record<string, ImportValue>>;
  readonly errors: readonly RowProblem[];
  readonly warnings: readonly RowProblem[];
}

/** What reading a cell needs besides the cell. */
export interface ReadContext {
  /** The office's today: the latest birth date a NIK can hold. */
  readonly today: LocalDate;
  /** The workbook counts dates from 1904 (old Mac files). */
  readonly date1904?: boolean;
  /** The court codes this deployment serves, when it is limited. */
  readonly allowedCourtCodes?: readonly string[];
}

/** `;` or a line break between the items of a list cell. */
const ITEMS = /\s*(?:;|\r?\n)\s*/;
/** What a spreadsheet would run as a formula, were it not stored as text. */
const FORMULA_LIKE = /^[=+\-@]/;

type Read = CellResult<ImportValue>;

function readItems(
  value: CellValue,
  column: Column,
  maxItems: number,
  readItem: (item: string) => CellResult<string>,
): Read {
  const text = readText(value, column);
  if (!text.ok || text.value === null) return text;
  const items = text.value.split(ITEMS).filter((item) => item !== '');
  if (items.length > maxItems) {
    return {
      ok: false,
      error: {
        rule: Rule.INPUT_FORMAT,
        column: column.name,
        message: `Paling banyak ${maxItems} nilai.`,
        detail: `At most ${maxItems} values.`,
      },
    };
  }
  const values: string[] = [];
  for (const item of items) {
    const read = readItem(item);
    if (!read.ok) return read;
    if (read.value !== null) values.push(read.value);
  }
  return { ok: true, value: values };
}

/** One cell through its column's reader. */
export function readCell(spec: ImportColumn, value: CellValue, context: ReadContext): Read {
  const column: Column = { name: spec.header.id, required: spec.required };
  const reader = spec.reader;
  switch (reader.type) {
    case 'text':
      return readText(value, column, { maxLength: reader.maxLength });
    case 'text-list':
      return readItems(value, column, reader.maxItems, (item) =>
        readText(item, column, { maxLength: reader.maxLength }),
      );
    case 'nik':
      return readNik(value, column, context.today);
    case 'phone':
      return readPhone(value, column);
    case 'decision-number': {
      const options = context.allowedCourtCodes ? { allowedCourtCodes: context.allowedCourtCodes } : {};
      const read = readDecisionNumber(value, column, options);
      return read.ok ? { ok: true, value: read.value?.text ?? null } : read;
    }
    case 'date':
      return readDate(value, column, { date1904: context.date1904 ?? false });
    case 'date-list': {
      // One date in a date cell or a serial number; several only as text.
      const cell = cellOf(value);
      if (cell.kind === 'date' || cell.kind === 'number') {
        const read = readDate(value, column, { date1904: context.date1904 ?? false });
        return read.ok && read.value !== null ? { ok: true, value: [read.value] } : read;
      }
      return readItems(value, column, reader.maxItems, (item) => readDate(item, column));
    }
    case 'time':
      return readTime(value, column);
    case 'number':
      return readNumber(value, column, reader.options);
    case 'choice':
      return readEnum(value, column, reader.choices);
    case 'choice-list':
      return readItems(value, column, reader.choices.length, (item) =>
        readEnum(item, column, reader.choices),
      );
    case 'yes-no': {
      const read = readEnum(value, column, YES_NO);
      return read.ok ? { ok: true, value: read.value === null ? null : read.value === 'yes' } : read;
    }
  }
}

const problem = (spec: ImportColumn, row: number, e: Omit<RowError, 'row'>): RowProblem => ({
  row,
  key: spec.key,
  header: spec.header,
  rule: e.rule,
  column: e.column,
  message: e.message,
  detail: e.detail,
});

/**
 * One data row of a `kind` file. `headerKeys[i]` is the column key the file's `i`-th column holds
 * (mapHeaders' `keys`); columns mapped to no key are ignored, and a kind's column the file lacks is
 * left out (mapHeaders reports a missing required one once, for the file). A required cell left empty
 * is an error, as is a cell left empty while a column it goes with is filled (`requiredWith`). Text a
 * spreadsheet would run as a formula is kept as text, with a warning.
 * @param rowNumber the row as Excel numbers it (the header is row 1).
 */
export function readRow(
  kind: ImportKind,
  headerKeys: readonly (string | undefined)[],
  cells: readonly CellValue[],
  rowNumber: number,
  context: ReadContext,
): RowReading {
  const blank = cells.every((value) => cellOf(value).kind === 'blank');
  const values: Record<string, ImportValue> = {};
  const errors: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  if (blank) return { row: rowNumber, blank, values, errors, warnings };
  const filled = new Set<string>();
  const specs = IMPORT_COLUMNS[kind];
  for (const spec of specs) {
    const index = headerKeys.indexOf(spec.key);
    if (index < 0) continue;
    const value = cells[index];
    const cell = cellOf(value);
    if (cell.kind !== 'blank') filled.add(spec.key);
    const read = readCell(spec, value, context);
    if (!read.ok) {
      errors.push(problem(spec, rowNumber, read.error));
      continue;
    }
    if (read.value === null) continue;
    values[spec.key] = read.value;
    if (cell.kind === 'text' && FORMULA_LIKE.test(cell.text) && spec.reader.type.startsWith('text')) {
      warnings.push(
        problem(spec, rowNumber, {
          rule: Rule.IMPORT_CELL,
          column: spec.header.id,
          message:
            'Isi sel ini diawali =, +, - atau @. Isinya disimpan sebagai teks apa adanya, tidak dihitung ' +
            'sebagai rumus; periksa bahwa memang itu yang dimaksud.',
          detail:
            'The cell starts with =, +, - or @. It is stored as that text, never run as a formula; check ' +
            'that this is what was meant.',
        }),
      );
    }
  }
  for (const spec of specs) {
    const triggers = spec.requiredWith?.filter((key) => filled.has(key)) ?? [];
    if (filled.has(spec.key) || triggers.length === 0 || !headerKeys.includes(spec.key)) continue;
    const names = triggers.map((key) => specs.find((s) => s.key === key)!.header);
    errors.push(
      problem(spec, rowNumber, {
        rule: Rule.INPUT_FORMAT,
        column: spec.header.id,
        message: `Wajib diisi bila kolom ${names.map((n) => `"${n.id}"`).join(', ')} diisi.`,
        detail: `Required when ${names.map((n) => `"${n.en}"`).join(', ')} is filled.`,
      }),
    );
  }
  return { row: rowNumber, blank, values, errors, warnings };
}

/** A problem with the file as a whole (its header row), before any row is read. */
export interface FileProblem {
  readonly rule: RuleId;
  /** The column concerned, when one is. */
  readonly key?: string;
  readonly header?: Bilingual;
  readonly message: string;
  readonly detail: string;
}

export interface HeaderMapping {
  /** The column key each of the file's columns holds, by position; undefined: ignored. */
  readonly keys: readonly (string | undefined)[];
  /** Headers of the file that fill no column, ignored (position and text). */
  readonly ignored: readonly { readonly index: number; readonly header: string }[];
  /** Missing required columns, a column twice, no header: the import cannot start until they are fixed. */
  readonly problems: readonly FileProblem[];
}

/** Headers compare without letter case, runs of spaces or the `*` a template puts on required ones. */
export const foldHeader = (text: string): string =>
  text.normalize('NFC').toLowerCase().replace(/\*+$/, '').replace(/\s+/g, ' ').trim();

const headerText = (value: CellValue): string => {
  const cell = cellOf(value);
  if (cell.kind === 'text') return cell.text;
  return cell.kind === 'number' ? String(cell.value) : '';
};

/**
 * The file's header row matched to a kind's column keys: by a saved mapping `{ fileHeader: columnKey }`
 * (the office's last import) first, then by the column's Indonesian or English header or its key, in any
 * letter case and spacing. A mapping that names a key this kind does not have is passed over.
 */
export function mapHeaders(
  kind: ImportKind,
  headerRow: readonly CellValue[],
  savedMapping: Readonly<Record<string, string>> = {},
): HeaderMapping {
  const specs = IMPORT_COLUMNS[kind];
  const byHeader = new Map<string, string>();
  for (const spec of specs) {
    for (const name of [spec.key, spec.header.en, spec.header.id]) byHeader.set(foldHeader(name), spec.key);
  }
  const saved = new Map<string, string>();
  for (const [header, key] of Object.entries(savedMapping)) {
    if (specs.some((s) => s.key === key)) saved.set(foldHeader(header), key);
  }
  const keys: (string | undefined)[] = [];
  const ignored: { index: number; header: string }[] = [];
  const problems: FileProblem[] = [];
  const taken = new Set<string>();
  headerRow.forEach((value, index) => {
    const header = headerText(value);
    const folded = foldHeader(header);
    const key = folded === '' ? undefined : (saved.get(folded) ?? byHeader.get(folded));
    if (key === undefined) {
      keys.push(undefined);
      if (folded !== '') ignored.push({ index, header });
      return;
    }
    const spec = specs.find((s) => s.key === key)!;
    if (taken.has(key)) {
      keys.push(undefined);
      problems.push({
        rule: Rule.INPUT_FORMAT,
        key,
        header: spec.header,
        message: `Kolom "${spec.header.id}" ada dua kali di baris judul; hapus salah satunya.`,
        detail: `The column "${spec.header.en}" appears twice in the header row; remove one.`,
      });
      return;
    }
    taken.add(key);
    keys.push(key);
  });
  if (taken.size === 0) {
    return {
      keys,
      ignored,
      problems: [
        {
          rule: Rule.INPUT_FORMAT,
          message:
            'Baris pertama tidak berisi judul kolom yang dikenali. Pakai templat, atau petakan kolom berkas ' +
            'ke kolom Abdi.',
          detail: 'The first row holds no known column header. Use the template, or map the file’s columns.',
        },
      ],
    };
  }
  for (const spec of specs) {
    if (!spec.required || taken.has(spec.key)) continue;
    problems.push({
      rule: Rule.INPUT_FORMAT,
      key: spec.key,
      header: spec.header,
      message: `Kolom wajib "${spec.header.id}" tidak ada di baris judul.`,
      detail: `The required column "${spec.header.en}" is missing from the header row.`,
    });
  }
  return { keys, ignored, problems };
}
