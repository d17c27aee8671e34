/**
 * An import's life and its rows' outcomes (issue 22): the vocabulary the API, the job and the dashboard
 * share, and the limits a file is held to before a row is read.
 *
 * awaiting_upload → validating (the dry run, started by the upload) → validated → committing →
 * committed → undone; `failed` when the file itself cannot be read (its problems say why). A validated
 * import may be validated again (a new header mapping); only a validated one is committed.
 */
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

/** Whether the import may be committed now. */
export const canCommitImport = (status: ImportStatus): boolean => status === 'validated';

/** Whether the header mapping may still change (which runs the dry run again). */
export const canRemapImport = (status: ImportStatus): boolean =>
  status === 'validated' || status === 'failed';
