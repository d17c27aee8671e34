/**
 * An import's life and its rows' outcomes (issue 22): the vocabulary the API, the job and the dashboard
 * share, and the limits a file is held to before a row is read.
 *
 * awaiting_upload → validating (the dry run, started by the upload) → validated → committing →
 * committed → undone; `failed` when the file itself cannot be read (its problems say why). A validated
 * import may be validated again (a new header mapping); only a validated one is committed.
 */
import { fail, ok, Rule, violation, type Result, type RuleViolation } from '../rules';

export const IMPORT_STATUSES = [
  'awaiting_upload',
  'validating',
  'validated',
  'committing',
  'committed',
  'failed',
  'undone',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * A row's outcome. The dry run says `ready` (no problem), `warning` (imported, with warnings), `error`
 * (never imported) or `existing` (already in Abdi by its natural key: nothing to do). The commit turns a
 * ready or warning row into `created`, `existing` (created meanwhile by someone else) or `failed` (the
 * office's records changed since the dry run, and the row no longer passes); an undo turns created rows
 * into `undone`.
 */
export const IMPORT_ROW_STATUSES = [
  'ready',
  'warning',
  'error',
  'existing',
  'created',
  'failed',
  'undone',
] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

/** Rows the commit writes. */
export const COMMITTABLE_ROW_STATUSES: readonly ImportRowStatus[] = ['ready', 'warning'];

/** The largest file an office uploads, and the most data rows it may hold. */
export const IMPORT_LIMITS = {
  maxBytes: 20 * 1024 * 1024,
  maxRows: 50_000,
  /** What an XLSX may inflate to: a zip bomb stops here, long before memory does. */
  maxUnzippedBytes: 200 * 1024 * 1024,
  /** Days an uploaded file is kept after its import is committed, undone or abandoned (personal data). */
  fileRetentionDays: 30,
} as const;

/** The file types taken, by what browsers and the template call them. */
export const IMPORT_CONTENT_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
] as const;

/**
 * IMPORT-FILE, before any upload: the declared file is an XLSX workbook or a CSV of at most 20 MB.
 * Answers the content type the import is kept under. Windows browsers call a CSV
 * `application/vnd.ms-excel`, and some send `application/octet-stream` for both: the name's ending
 * decides then. The bytes are sniffed again by the reader; this refuses early what cannot be one.
 */
export function declaredImportFile(file: {
  readonly fileName: string;
  readonly contentType: string;
  readonly sizeBytes: number;
}): Result<(typeof IMPORT_CONTENT_TYPES)[number]> {
  const type = file.contentType.toLowerCase().split(';')[0]!.trim();
  const csvByName =
    /\.csv$/i.test(file.fileName) &&
    ['application/vnd.ms-excel', 'application/octet-stream', 'text/plain'].includes(type);
  const xlsxByName = /\.xlsx$/i.test(file.fileName) && type === 'application/octet-stream';
  const known =
    IMPORT_CONTENT_TYPES.find((t) => t === type) ??
    (csvByName ? 'text/csv' : xlsxByName ? IMPORT_CONTENT_TYPES[0] : undefined);
  const v: RuleViolation[] = [];
  if (!known) {
    v.push(
      violation(
        Rule.IMPORT_FILE,
        'contentType',
        'An import is an XLSX workbook or a CSV file (.xlsx, .csv); an .xls is saved as .xlsx first.',
      ),
    );
  }
  if (file.sizeBytes > IMPORT_LIMITS.maxBytes) {
    v.push(violation(Rule.IMPORT_FILE, 'sizeBytes', 'A file is at most 20 MB: split it into several files.'));
  }
  return v.length > 0 || !known ? fail(v) : ok(known);
}

/** IMPORT-UNDO: only a committed import is undone, and not while an undo already runs. */
export function canUndoImport(status: ImportStatus, undoing: boolean): Result<true> {
  if (status === 'committed' && !undoing) return ok(true);
  return fail([
    violation(
      Rule.IMPORT_UNDO,
      'importId',
      undoing
        ? 'The undo of this import is already running.'
        : `A ${status} import cannot be undone; only a committed one.`,
    ),
  ]);
}

/** Whether the import may be committed now. */
export const canCommitImport = (status: ImportStatus): boolean => status === 'validated';

/** Whether the header mapping may still change (which runs the dry run again). */
export const canRemapImport = (status: ImportStatus): boolean =>
  status === 'validated' || status === 'failed';
