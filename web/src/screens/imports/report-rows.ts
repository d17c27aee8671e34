/**
 * The row report as a table: the filters as the rows query, each row's problems as table lines (one
 * line per problem, so a column and its message stay side by side), and where a row's records live.
 */
import { officePath } from '../../lib/office';
import type { ImportProblem, ImportRecord, ImportRow, ImportRowStatus } from './import-types';

/** `problems`: '' for every row; `status` and `key`: '' for any. */
export interface ReportFilters {
  readonly problems: '' | 'any' | 'errors' | 'warnings';
  readonly status: '' | ImportRowStatus;
  readonly key: string;
}

/** Rows with problems first: what the admin has to fix. */
export const DEFAULT_FILTERS: ReportFilters = { problems: 'any', status: '', key: '' };

/** The filters as the start of `GET …/rows?…` (the page's own `limit` and `cursor` follow). */
export function rowsQuery(filters: ReportFilters): string {
  const query = new URLSearchParams();
  if (filters.problems) query.set('problems', filters.problems);
  if (filters.status) query.set('status', filters.status);
  if (filters.key) query.set('key', filters.key);
  const text = query.toString();
  return text ? `${text}&` : '';
}

/** One line of the table: a row's problem (errors first), or the row alone when it has none. */
export interface ReportLine {
  readonly row: ImportRow;
  readonly problem: ImportProblem | null;
  readonly severity: 'error' | 'warning' | null;
  /** The first line of its row carries the row's number, status and records. */
  readonly first: boolean;
  /** How many lines the row takes. */
  readonly span: number;
}

export function reportLines(rows: readonly ImportRow[]): ReportLine[] {
  return rows.flatMap((row): ReportLine[] => {
    const problems = [
      ...row.errors.map((problem) => ({ problem, severity: 'error' as const })),
      ...row.warnings.map((problem) => ({ problem, severity: 'warning' as const })),
    ];
    if (problems.length === 0) return [{ row, problem: null, severity: null, first: true, span: 1 }];
    return problems.map(({ problem, severity }, i) => ({
      row,
      problem,
      severity,
      first: i === 0,
      span: problems.length,
    }));
  });
}

const RECORD_SECTIONS: Record<ImportRecord['type'], string> = {
  case: 'cases',
  client: 'clients',
  partner: 'partners',
  site: 'sites',
};

/** The page of a record a row created or found. */
export const recordPath = (officeId: string, record: ImportRecord): string =>
  officePath(officeId, RECORD_SECTIONS[record.type], record.id);
