/**
 * An uploaded import file's bytes read into cells (issue 22): the header row and the data rows by their
 * Excel row numbers, ready for mapHeaders and readRow (domain/imports/read-row.ts). The file is known by
 * its bytes, never by its name or declared type: offices rename files, and a renamed photo of a form
 * must get an answer that says it is a photo.
 *
 * - XLSX (a zip holding `xl/workbook.xml`): the first worksheet, each cell's exceljs `value` as it is.
 *   Before exceljs inflates anything the zip is checked against the limits twice: the sizes its central
 *   directory declares, then the bytes each entry really inflates to (counted and thrown away), because a
 *   zip bomb is free to lie about its sizes.
 * - Anything else that decodes as text (domain/imports/text-decoding.ts) is CSV, split by fast-csv with
 *   every field kept as the text it is: a parser that maps values would turn a good NIK into a number
 *   (which the NIK reader must refuse) or read a date month first.
 * - Everything else, and password-protected or old-format Excel files, is an ImportFileProblem: a code,
 *   a message in Bahasa Indonesia that names what the file is and what to do, and an English detail.
 *
 * Nothing is logged: the cells are personal data.
 */
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { parse as csvParser } from 'fast-csv';
import { IMPORT_LIMITS, cellOf, decodeCsvBytes, guessDelimiter, type CellValue } from '../domain/imports';
import {
  MARKUP,
  UNKNOWN_BINARY,
  damaged,
  emptyFile,
  malformedCsv,
  noHeader,
  notASpreadsheet,
  notAWorkbookZip,
  notUtf8,
  protectedFile,
  sniff,
  tooLarge,
  tooManyRows,
  unzippedTooLarge,
  type DeclaredFile,
  type ImportFileLimits,
} from './import-file-problems';

export {
  ImportFileProblem,
  type DeclaredFile,
  type ImportFileLimits,
  type ImportFileProblemCode,
} from './import-file-problems';

export interface ImportSheetRow {
  /** The row as Excel numbers it: the header is 1, the first data row 2. */
  readonly row: number;
  /** The cells from column A, trailing empty cells left off. */
  readonly cells: readonly CellValue[];
}

export interface ImportSheet {
  readonly format: 'xlsx' | 'csv';
  readonly header: readonly CellValue[];
  /** Data rows after the header, in order; blank rows are left out but keep their numbers' place. */
  readonly rows: readonly ImportSheetRow[];
  /** The workbook counts dates from 1904 (old Mac files); always false for a CSV. */
  readonly date1904: boolean;
  /** A CSV's text encoding: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be` or `windows-1252`. */
  readonly encoding?: string;
}

/**
 * Reads an uploaded file into its header and data rows.
 * @param limits lowered by tests; IMPORT_LIMITS otherwise.
 * @throws ImportFileProblem when the file is not one that can be imported, with what to do about it.
 * @example const sheet = await readImportFile(bytes, { fileName: 'kasus.xlsx', contentType: XLSX_TYPE });
 */
export async function readImportFile(
  bytes: Uint8Array,
  declared: DeclaredFile,
  limits: Partial<ImportFileLimits> = {},
): Promise<ImportSheet> {
  const limit: ImportFileLimits = { ...IMPORT_LIMITS, ...limits };
  if (bytes.length > limit.maxBytes) throw tooLarge(bytes.length, limit);
  if (bytes.length === 0) throw emptyFile();
  if (sniff(bytes, declared) === 'zip') return readXlsx(bytes, declared, limit);
  return readCsv(bytes, declared, limit);
}

// ---------------------------------------------------------------------------------------------- XLSX

interface ZipEntry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly declaredSize: number;
  readonly data: Uint8Array;
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => u16(b, at) + u16(b, at + 2) * 0x10000;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_OF_CENTRAL = 0x06054b50;

/**
 * The entries of a zip, read from its central directory as JSZip (exceljs's unzipper) reads them: the
 * last end-of-directory record, then every consecutive directory record whatever the count says, each
 * entry's data found through its local header. Undefined when the structure does not hold together.
 */
function zipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === END_OF_CENTRAL) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const entries: ZipEntry[] = [];
  let at = u32(bytes, end + 16);
  while (at + 46 <= bytes.length && u32(bytes, at) === CENTRAL_HEADER) {
    const nameLength = u16(bytes, at + 28);
    const compressedSize = u32(bytes, at + 20);
    const local = u32(bytes, at + 42);
    if (local + 30 > bytes.length || u32(bytes, local) !== LOCAL_HEADER) return undefined;
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (start + compressedSize > bytes.length) return undefined;
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)).replace(/^\//, ''),
      flags: u16(bytes, at + 8),
      method: u16(bytes, at + 10),
      // 0xFFFFFFFF defers to a zip64 field: 4 GiB or more, which no honest 20 MB workbook declares.
      declaredSize: u32(bytes, at + 24) === 0xffffffff ? Infinity : u32(bytes, at + 24),
      data: bytes.subarray(start, start + compressedSize),
    });
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return entries;
}

/** The bytes a deflated entry inflates to, counted and thrown away; stops once past `cap`. */
const inflatedSize = (data: Uint8Array, cap: number) =>
  new Promise<number>((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let total = 0;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > cap) {
        inflate.destroy();
        resolve(total);
      }
    });
    inflate.on('end', () => resolve(total));
    inflate.on('error', reject);
    inflate.end(data);
  });

/** Every entry stays within what a workbook may inflate to, by its declared size and by its real one. */
async function checkZip(entries: readonly ZipEntry[], declared: DeclaredFile, limits: ImportFileLimits) {
  const cap = limits.maxUnzippedBytes;
  // Zip's own (weak) encryption is not how Excel protects a file, but it is a password all the same.
  if (entries.some((e) => e.flags & 1)) throw protectedFile(declared);
  if (entries.reduce((sum, e) => sum + e.declaredSize, 0) > cap) throw unzippedTooLarge(limits);
  let inflated = 0;
  for (const entry of entries) {
    if (entry.method === 0) inflated += entry.data.length;
    else if (entry.method === 8) {
      try {
        inflated += await inflatedSize(entry.data, cap - inflated);
      } catch {
        throw damaged(declared);
      }
    } else throw damaged(declared); // deflate64, bzip2…: exceljs reads neither
    if (inflated > cap) throw unzippedTooLarge(limits);
  }
}

async function readXlsx(
  bytes: Uint8Array,
  declared: DeclaredFile,
  limits: ImportFileLimits,
): Promise<ImportSheet> {
  const entries = zipEntries(bytes);
  if (!entries) throw damaged(declared);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw notAWorkbookZip(
      entries.map((e) => e.name),
      declared,
    );
  }
  await checkZip(entries, declared, limits);

  // The whole workbook, not exceljs's streaming reader: that one parks sheets in temporary files (personal
  // data on disk) until it has read the shared strings, which Excel writes after them, and gives cells
  // without their hyperlinks. The cost, measured: 25,000 rows of a 53-column cases file in 12 s and a
  // 1.1 GB process; the limits above bound it.
  const workbook = new ExcelJS.Workbook();
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw damaged(declared);
  }
  // The tab order: the template's first sheet is "Data", the second its guide.
  const sheet = workbook.worksheets[0];
  if (!sheet) throw emptyFile();
  const header = cellsOf(sheet.findRow(1));
  const rows: ImportSheetRow[] = [];
  for (let n = 2; n <= sheet.rowCount; n++) {
    const cells = cellsOf(sheet.findRow(n));
    if (cells.length === 0) continue; // formatted but empty, like the template's 2000 rows
    rows.push({ row: n, cells });
    if (rows.length > limits.maxRows) throw tooManyRows(limits);
  }
  if (header.length === 0) throw rows.length > 0 ? noHeader() : emptyFile();
  return { format: 'xlsx', header, rows, date1904: workbook.properties?.date1904 === true };
}

/** A cell's value as exceljs has it, with two exceptions that keep it true to the file. */
function valueOf(cell: ExcelJS.Cell | undefined): CellValue {
  // exceljs answers a merged cell's master value for every cell of the range; the file holds it once,
  // and Excel (its filters, its formulas) sees the others empty. So do we: no value is copied by guess.
  if (!cell || cell.type === ExcelJS.ValueType.Merge) return null;
  const value = cell.value;
  // A shared formula's other cells hold only a reference to the first; their own formula, for the report.
  if (value && typeof value === 'object' && 'sharedFormula' in value) {
    return { formula: cell.formula, result: value.result };
  }
  return value as CellValue;
}

const isBlank = (value: CellValue) => cellOf(value).kind === 'blank';

/** A row's values from column A, without its trailing blanks; [] for a missing or blank row. */
function cellsOf(row: ExcelJS.Row | undefined): CellValue[] {
  if (!row) return [];
  const cells: CellValue[] = [];
  for (let c = 1; c <= row.cellCount; c++) cells.push(valueOf(row.findCell(c)));
  return withoutTrailingBlanks(cells);
}

function withoutTrailingBlanks<T extends CellValue>(cells: T[]): T[] {
  let length = cells.length;
  while (length > 0 && isBlank(cells[length - 1])) length--;
  return cells.slice(0, length);
}

// ----------------------------------------------------------------------------------------------- CSV

/** An HTML table or an Excel 2003 XML file, often saved by other systems with an .xls name. */
const MARKUP_START = /^\s*<(?:!doctype|html|\?xml|table|head|body|meta|workbook)\b/i;
/** Text handed to the parser in slices, so that it stops soon after the row limit is passed. */
const SLICE = 64 * 1024;

async function readCsv(
  bytes: Uint8Array,
  declared: DeclaredFile,
  limits: ImportFileLimits,
): Promise<ImportSheet> {
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) {
    if (decoded.problem === 'empty') throw emptyFile();
    throw decoded.problem === 'binary' ? notASpreadsheet(UNKNOWN_BINARY, declared) : notUtf8(declared);
  }
  if (MARKUP_START.test(decoded.text.slice(0, 1024))) throw notASpreadsheet(MARKUP, declared, true);
  const { header, rows } = await csvRecords(decoded.text, declared, limits);
  if (header.length === 0) throw rows.length > 0 ? noHeader() : emptyFile();
  const encoding = decoded.encoding === 'utf-8' && decoded.bom ? 'utf-8-bom' : decoded.encoding;
  return { format: 'csv', header, rows, date1904: false, encoding };
}

/** The text in slices that never split a surrogate pair. */
function* slices(text: string): Generator<string> {
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + SLICE);
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end -= 1;
    yield text.slice(start, end);
    start = end;
  }
}

/**
 * The records of a CSV, every field its raw text. A record is one row however many lines its quoted
 * fields span, and its row number is its place among the records (the header is 1), as Excel opens it.
 */
function csvRecords(text: string, declared: DeclaredFile, limits: ImportFileLimits) {
  return new Promise<{ header: string[]; rows: ImportSheetRow[] }>((resolve, reject) => {
    let records = 0;
    let header: string[] = [];
    const rows: ImportSheetRow[] = [];
    // No `trim`, no `headers`, no value mapping: the fields as typed, blank lines counted as records.
    const parser = csvParser({ delimiter: guessDelimiter(text), ignoreEmpty: false, trim: false });
    const source = Readable.from(slices(text));
    parser.on('data', (record: string[]) => {
      records += 1;
      const cells = withoutTrailingBlanks(record);
      if (records === 1) header = cells;
      else if (cells.length > 0) rows.push({ row: records, cells });
      if (rows.length > limits.maxRows) {
        source.destroy();
        parser.destroy();
        reject(tooManyRows(limits));
      }
    });
    // fast-csv reports the fault before the rows of its slice, so no row number is given: it would lie.
    parser.on('error', () => {
      source.destroy();
      reject(malformedCsv(declared));
    });
    parser.on('end', () => resolve({ header, rows }));
    source.pipe(parser);
  });
}
