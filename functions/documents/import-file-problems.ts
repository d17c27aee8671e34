/**
 * Why an uploaded import file cannot be read at all, and what it is instead (issue 22): the problems
 * ./import-file.ts throws, each with a message in Bahasa Indonesia that names what is wrong and what to
 * do, and an English detail for problem+json. Kept apart from the reader so the reader reads.
 *
 * A file is known by its first bytes, never by its name or declared type: offices rename files, and a
 * renamed photo of a form should be told it is a photo. The declared name and type only word the English
 * detail, and only by extension: a file name can hold a client's name.
 */
import { Rule } from '../domain/rules';

export type ImportFileProblemCode =
  | 'not_a_spreadsheet'
  | 'too_large'
  | 'too_many_rows'
  | 'no_header'
  | 'unzipped_too_large'
  | 'protected'
  | 'empty';

/** Why a file cannot be imported at all: a 4xx for the API, the `failed` import's problem. */
export class ImportFileProblem extends Error {
  override readonly name = 'ImportFileProblem';
  readonly rule = Rule.IMPORT_FILE;
  constructor(
    readonly code: ImportFileProblemCode,
    /** Bahasa Indonesia: what is wrong with the file and what to do. */
    override readonly message: string,
    /** English, for problem+json. */
    readonly detail: string,
  ) {
    super(message);
  }
}

/** The limits a file is held to: IMPORT_LIMITS, unless a test lowers them. */
export interface ImportFileLimits {
  readonly maxBytes: number;
  readonly maxRows: number;
  readonly maxUnzippedBytes: number;
}

/** What the uploader said the file is. Never trusted; it only words the English detail. */
export interface DeclaredFile {
  readonly fileName: string;
  readonly contentType: string;
}

/** What a file is, in both languages, for "the file is … instead". */
export interface FileKind {
  readonly id: string;
  readonly en: string;
}

const SAVE_AS_XLSX =
  'Buka di Excel, pilih Simpan Sebagai → “Buku Kerja Excel (*.xlsx)”, lalu unggah berkas itu.';
const SAVE_AS_XLSX_EN = 'Open it in Excel, Save As "Excel Workbook (*.xlsx)" and upload that file.';
const MB = 1024 * 1024;
/** `20`, `1,5` (Indonesian decimal comma), `50.000`. */
const id = (n: number) => n.toLocaleString('id-ID', { maximumFractionDigits: 1 });

/** What the uploader said, for the English detail: the extension and the type, never the name. */
function sentAs(declared: DeclaredFile): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(declared.fileName)?.[1];
  const type = declared.contentType.replace(/[^\w.+/-]/g, '').slice(0, 100);
  return ` (sent as ${ext ? `a .${ext.toLowerCase()} file` : 'a file'}${type ? `, ${type}` : ''})`;
}

/**
 * The file is something else. With `fix`, a format Excel can open and save as .xlsx (an old .xls, an
 * .ods, an HTML table), so the message says how; without, a photo or a PDF, which no save turns into rows.
 */
export function notASpreadsheet(what: FileKind, declared: DeclaredFile, fix = false): ImportFileProblem {
  return new ImportFileProblem(
    'not_a_spreadsheet',
    fix
      ? `Berkas ini ${what.id}, yang tidak dapat dibaca. ${SAVE_AS_XLSX}`
      : `Berkas ini bukan lembar kerja Excel atau CSV, melainkan ${what.id}. Unggah berkas .xlsx (isi ` +
          'templat) atau .csv.',
    fix
      ? `The file is ${what.en}${sentAs(declared)}, which cannot be read. ${SAVE_AS_XLSX_EN}`
      : `The file is not an Excel workbook or a CSV but ${what.en}${sentAs(declared)}. Upload an .xlsx ` +
          '(the template, filled) or a .csv file.',
  );
}

export const damaged = (declared: DeclaredFile) =>
  notASpreadsheet(
    { id: 'berkas Excel yang rusak atau tidak lengkap', en: 'a damaged or incomplete Excel file' },
    declared,
    true,
  );

export const tooLarge = (bytes: number, limits: ImportFileLimits) =>
  new ImportFileProblem(
    'too_large',
    `Berkas berukuran ${id(bytes / MB)} MB, lebih dari batas ${id(limits.maxBytes / MB)} MB. Bagi datanya ` +
      'menjadi beberapa berkas, atau hapus lembar dan gambar yang tidak perlu.',
    `The file is ${bytes} bytes, over the limit of ${limits.maxBytes}. Split the data into several ` +
      'files, or remove unneeded sheets and pictures.',
  );

export const unzippedTooLarge = (limits: ImportFileLimits) =>
  new ImportFileProblem(
    'unzipped_too_large',
    `Isi berkas .xlsx ini setelah dibuka lebih dari ${id(limits.maxUnzippedBytes / MB)} MB, melebihi ` +
      'batas. Hapus lembar, gambar dan format yang tidak perlu, atau bagi datanya menjadi beberapa berkas.',
    `The workbook inflates to more than ${limits.maxUnzippedBytes} bytes. Remove unneeded sheets, ` +
      'pictures and formatting, or split the data into several files.',
  );

export const tooManyRows = (limits: ImportFileLimits) =>
  new ImportFileProblem(
    'too_many_rows',
    `Berkas berisi lebih dari ${id(limits.maxRows)} baris data. Bagi datanya menjadi beberapa berkas, ` +
      `masing-masing paling banyak ${id(limits.maxRows)} baris.`,
    `The file holds more than ${limits.maxRows} data rows. Split it into files of at most ` +
      `${limits.maxRows} rows.`,
  );

export const emptyFile = () =>
  new ImportFileProblem(
    'empty',
    'Berkas ini tidak berisi data. Isi templat (judul kolom di baris 1, data mulai baris 2), simpan, lalu ' +
      'unggah lagi.',
    'The file holds no data. Fill the template (headers in row 1, data from row 2), save it and upload again.',
  );

export const noHeader = () =>
  new ImportFileProblem(
    'no_header',
    'Baris 1 kosong. Baris 1 harus berisi judul kolom seperti di templat: hapus baris kosong di atas judul, ' +
      'atau salin baris judul dari templat.',
    'Row 1 is empty. Row 1 must hold the column headers as in the template: delete the empty rows above ' +
      'the headers, or copy the header row from the template.',
  );

export const protectedFile = (declared: DeclaredFile) =>
  new ImportFileProblem(
    'protected',
    'Berkas Excel ini dilindungi kata sandi, sehingga isinya tidak dapat dibaca. Buka di Excel, hapus ' +
      'kata sandinya (File → Info → Lindungi Buku Kerja → Enkripsi dengan Kata Sandi, kosongkan), simpan, ' +
      'lalu unggah lagi.',
    `The workbook is password-protected${sentAs(declared)}, so it cannot be read. Remove the password ` +
      '(File → Info → Protect Workbook → Encrypt with Password, clear it), save and upload again.',
  );

export const notUtf8 = (declared: DeclaredFile) =>
  new ImportFileProblem(
    'not_a_spreadsheet',
    'Berkas CSV ini bertanda UTF-8 tetapi isinya bukan UTF-8. Buka di Excel, lalu Simpan Sebagai “CSV UTF-8 ' +
      '(Dipisahkan koma)” atau “Buku Kerja Excel (*.xlsx)”.',
    `The CSV starts with a UTF-8 byte order mark but is not UTF-8${sentAs(declared)}. Save it again as ` +
      '"CSV UTF-8" or as an Excel workbook.',
  );

export const malformedCsv = (declared: DeclaredFile) =>
  new ImportFileProblem(
    'not_a_spreadsheet',
    'Berkas CSV ini rusak: ada tanda kutip (") yang tidak ditutup, atau teks setelah tanda kutip penutup. ' +
      'Buka di Excel dan simpan lagi sebagai CSV atau .xlsx.',
    `The CSV is malformed${sentAs(declared)}: an unclosed quote, or text after a closing quote. Open it ` +
      'in Excel and save it again as CSV or .xlsx.',
  );

export const UNKNOWN_BINARY: FileKind = {
  id: 'berkas biner yang tidak dikenal',
  en: 'an unknown binary file',
};

/** An HTML table or Excel 2003 XML, as other systems often save "Excel" files: Excel opens both. */
export const MARKUP: FileKind = {
  id: 'halaman web (HTML) atau XML, bukan lembar kerja',
  en: 'a web page (HTML) or an XML file',
};

/** Signatures of the files offices upload by mistake. `null` matches any byte. */
const MAGIC: readonly (FileKind & { readonly bytes: readonly (number | null)[] })[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], id: 'gambar PNG', en: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], id: 'gambar JPEG (foto)', en: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], id: 'gambar GIF', en: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], id: 'dokumen PDF', en: 'a PDF document' },
  {
    bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50],
    id: 'gambar WebP',
    en: 'a WebP image',
  },
  {
    bytes: [null, null, null, null, 0x66, 0x74, 0x79, 0x70],
    id: 'foto atau video (HEIC/MP4)',
    en: 'a HEIC photo or an MP4 video',
  },
  { bytes: [0x52, 0x61, 0x72, 0x21], id: 'arsip RAR', en: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], id: 'arsip 7-Zip', en: 'a 7-Zip archive' },
  { bytes: [0x1f, 0x8b], id: 'arsip gzip', en: 'a gzip archive' },
];

const startsWith = (bytes: Uint8Array, sig: readonly (number | null)[]) =>
  bytes.length >= sig.length && sig.every((b, i) => b === null || bytes[i] === b);

/** A zip's local header, or the end record of an empty zip. */
const ZIP = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
] as const;
/** An OLE compound file: Excel 97–2003 (.xls), old Word, and the wrapper of a password-protected .xlsx. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * What the bytes are: a zip (perhaps a workbook), or something that may be text (a CSV, if it decodes).
 * @throws ImportFileProblem for a protected workbook, an old Office file, an image, a PDF, an archive.
 */
export function sniff(bytes: Uint8Array, declared: DeclaredFile): 'zip' | 'maybe-text' {
  if (ZIP.some((sig) => startsWith(bytes, sig))) return 'zip';
  if (startsWith(bytes, OLE)) throw oleProblem(bytes, declared);
  const magic = MAGIC.find((m) => startsWith(bytes, m.bytes));
  if (magic) throw notASpreadsheet(magic, declared);
  return 'maybe-text';
}

/** A password-protected .xlsx is an OLE file with an EncryptedPackage stream; otherwise an old format. */
function oleProblem(bytes: Uint8Array, declared: DeclaredFile): ImportFileProblem {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The container's directory names its streams in UTF-16.
  const has = (stream: string) => buffer.includes(Buffer.from(stream, 'utf16le'));
  if (has('EncryptedPackage')) return protectedFile(declared);
  const xls = has('Workbook') || has('Book');
  const kind = xls
    ? { id: 'berformat Excel lama (.xls, Excel 97–2003)', en: 'an old-format Excel 97–2003 workbook (.xls)' }
    : { id: 'dokumen Office format lama (.doc/.xls/.ppt)', en: 'an old-format Office document' };
  return notASpreadsheet(kind, declared, true);
}

/** Zips that are not workbooks, by an entry each has. */
const ZIPPED: readonly (FileKind & { readonly entry: RegExp; readonly fix: boolean })[] = [
  {
    entry: /^xl\/workbook\.bin$/,
    id: 'buku kerja Excel biner (.xlsb)',
    en: 'an Excel binary workbook (.xlsb)',
    fix: true,
  },
  {
    entry: /^content\.xml$/,
    id: 'berkas OpenDocument (.ods/.odt)',
    en: 'an OpenDocument file (.ods/.odt)',
    fix: true,
  },
  { entry: /^word\//, id: 'dokumen Word (.docx)', en: 'a Word document (.docx)', fix: false },
  {
    entry: /^ppt\//,
    id: 'presentasi PowerPoint (.pptx)',
    en: 'a PowerPoint presentation (.pptx)',
    fix: false,
  },
];

/** A zip without `xl/workbook.xml`, named by what its entries say it is. */
export function notAWorkbookZip(entryNames: readonly string[], declared: DeclaredFile): ImportFileProblem {
  const known = ZIPPED.find((z) => entryNames.some((name) => z.entry.test(name)));
  return notASpreadsheet(known ?? { id: 'arsip ZIP', en: 'a ZIP archive' }, declared, known?.fix);
}
