/**
 * A kind's columns as the import screens show them: each key with its header in the UI language, from
 * the domain's column lists (the same lists the template and the row reader come from).
 */
import { IMPORT_COLUMNS } from '../../../../functions/domain/imports/columns';
import type { AppLocale } from '../../lib/format';
import type { ImportColumns, ImportKind } from './import-types';

export interface ColumnChoice {
  readonly key: string;
  readonly label: string;
  readonly required: boolean;
}

/** The kind's columns in the template's order, labelled in `lang`. */
export const columnChoices = (kind: ImportKind, lang: AppLocale): ColumnChoice[] =>
  IMPORT_COLUMNS[kind].map((c) => ({ key: c.key, label: c.header[lang], required: c.required }));

/** A column's header in `lang`, or the key itself when the kind has no such column. */
export const columnLabel = (kind: ImportKind, key: string, lang: AppLocale): string =>
  IMPORT_COLUMNS[kind].find((c) => c.key === key)?.header[lang] ?? key;

/** The required columns no header of the file was read as. */
export function missingRequired(
  kind: ImportKind,
  columns: ImportColumns | undefined,
  lang: AppLocale = 'id',
): ColumnChoice[] {
  const mapped = new Set(columns?.mapped.map((c) => c.key) ?? []);
  return columnChoices(kind, lang).filter((c) => c.required && !mapped.has(c.key));
}

/**
 * The mapping form's starting point: every header of the file (as read, then the ignored ones) with
 * the key it was read as, or null.
 */
export function currentMapping(columns: ImportColumns): { header: string; key: string | null }[] {
  return [
    ...columns.mapped.map(({ header, key }) => ({ header, key })),
    ...columns.ignored.map((header) => ({ header, key: null })),
  ];
}

/** Whether the file's headers need the admin: some ignored, or a required column missing. */
export const needsMapping = (kind: ImportKind, columns: ImportColumns | undefined): boolean =>
  columns !== undefined && (columns.ignored.length > 0 || missingRequired(kind, columns).length > 0);
