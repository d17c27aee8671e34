/**
 * The case list's filters and the URL: `/o/bapas-palopo/cases?status=warned&officer=pk.palopo&site=…&due=2026-06-30`.
 * The URL is the state, so a filtered list can be bookmarked and shared; these pure functions
 * translate both ways and build the API query (unit-tested in test/unit/web/case-filters.test.ts).
 */
import { CASE_STATUSES, type CaseStatus } from '../../../functions/domain/lifecycle';

export interface CaseFilters {
  /** Absent: every open case (the API's default). */
  readonly status?: CaseStatus;
  readonly officer?: string;
  readonly site?: string;
  /** Deadline on or before this office-local date (overdue included). */
  readonly dueBefore?: string;
}

/** Page size of the case list: enough for a screen, small enough for a slow connection. */
export const CASE_PAGE_SIZE = 25;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isStatus = (value: string): value is CaseStatus => (CASE_STATUSES as readonly string[]).includes(value);

/** Reads the filters from a query string; unknown or malformed values are ignored, never an error. */
export function parseCaseFilters(search: string): CaseFilters {
  const query = new URLSearchParams(search);
  const text = (name: string) => {
    const value = query.get(name)?.trim();
    return value ? value.slice(0, 64) : undefined;
  };
  const status = text('status');
  const due = text('due');
  return {
    ...(status && isStatus(status) ? { status } : {}),
    ...(text('officer') ? { officer: text('officer') } : {}),
    ...(text('site') ? { site: text('site') } : {}),
    ...(due && DATE.test(due) ? { dueBefore: due } : {}),
  };
}

/** The query string for the dashboard URL, in a stable order; `''` when no filter is set. */
export function caseFiltersToSearch(filters: CaseFilters): string {
  const query = new URLSearchParams();
  if (filters.status) query.set('status', filters.status);
  if (filters.officer) query.set('officer', filters.officer);
  if (filters.site) query.set('site', filters.site);
  if (filters.dueBefore) query.set('due', filters.dueBefore);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The API query for one page of `GET /v1/offices/{officeId}/cases`. */
export function caseListApiQuery(
  filters: CaseFilters,
  cursor?: string | null,
  limit = CASE_PAGE_SIZE,
): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (filters.status) query.set('status', filters.status);
  if (filters.officer) query.set('officerUsername', filters.officer);
  if (filters.site) query.set('siteId', filters.site);
  // The API's dueBefore is inclusive of that day (sort keys `<deadline>#…` < `<day>$`).
  if (filters.dueBefore) query.set('dueBefore', filters.dueBefore);
  if (cursor) query.set('cursor', cursor);
  return `?${query.toString()}`;
}

export function hasFilters(filters: CaseFilters): boolean {
  return Boolean(filters.status || filters.officer || filters.site || filters.dueBefore);
}
