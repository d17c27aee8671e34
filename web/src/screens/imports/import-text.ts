/** The import screens' words for the API's vocabulary: kinds, statuses, row outcomes, problems. */
import { labelsOf } from '../../lib/labels';
import type { AppLocale } from '../../lib/format';
import { m } from '../../paraglide/messages.js';
import { columnLabel } from './import-columns';
import type { ImportKind, ImportProblem, ImportRecord, ImportRowStatus, ImportStatus } from './import-types';

export const kindLabel = labelsOf({
  cases: m.imports_kind_cases,
  partners: m.imports_kind_partners,
  sites: m.imports_kind_sites,
} satisfies Record<ImportKind, () => string>);

export const kindHint = labelsOf({
  cases: m.imports_kind_cases_hint,
  partners: m.imports_kind_partners_hint,
  sites: m.imports_kind_sites_hint,
} satisfies Record<ImportKind, () => string>);

export const importStatusLabel = labelsOf({
  awaiting_upload: m.import_status_awaiting_upload,
  validating: m.import_status_validating,
  validated: m.import_status_validated,
  committing: m.import_status_committing,
  committed: m.import_status_committed,
  failed: m.import_status_failed,
  undone: m.import_status_undone,
} satisfies Record<ImportStatus, () => string>);

export const rowStatusLabel = labelsOf({
  ready: m.import_row_ready,
  warning: m.import_row_warning,
  error: m.import_row_error,
  existing: m.import_row_existing,
  created: m.import_row_created,
  failed: m.import_row_failed,
  undone: m.import_row_undone,
} satisfies Record<ImportRowStatus, () => string>);

type Tone = 'neutral' | 'info' | 'ok' | 'warn' | 'danger' | 'done';

export const importStatusTone = (status: ImportStatus): Tone =>
  (
    ({
      awaiting_upload: 'neutral',
      validating: 'info',
      validated: 'ok',
      committing: 'info',
      committed: 'done',
      failed: 'danger',
      undone: 'neutral',
    }) as const satisfies Record<ImportStatus, Tone>
  )[status];

export const rowStatusTone = (status: ImportRowStatus): Tone =>
  (
    ({
      ready: 'ok',
      warning: 'warn',
      error: 'danger',
      existing: 'neutral',
      created: 'done',
      failed: 'danger',
      undone: 'neutral',
    }) as const satisfies Record<ImportRowStatus, Tone>
  )[status];

/** A problem's text: the Indonesian message, or the English detail in English mode. */
export const problemMessage = (problem: ImportProblem, lang: AppLocale): string =>
  lang === 'en' ? problem.detail || problem.message : problem.message;

/** The column a problem is about, in the UI language; null for a problem of the whole row. */
export function problemColumn(problem: ImportProblem, kind: ImportKind, lang: AppLocale): string | null {
  if (problem.header) return problem.header[lang];
  return problem.key ? columnLabel(kind, problem.key, lang) : null;
}

export const recordLinkLabel = labelsOf({
  case: m.import_record_case,
  client: m.import_record_client,
  partner: m.import_record_partner,
  site: m.import_record_site,
} satisfies Record<ImportRecord['type'], () => string>);
