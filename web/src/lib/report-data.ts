/**
 * Gathers what the exports need from the API: every case of a list (following the cursor), and for
 * the monthly report each relevant case's sessions back to the month's first day, a few cases at a
 * time so a slow line is not flooded.
 */
import { addDays } from '../../../functions/domain/calendar';
import type { ApiClient } from './api';
import { caseListApiQuery, type CaseFilters } from './case-filters';
import { monthBounds, reachedBefore } from './export';
import { fetchAll, officeApi } from './office-data';
import type { Case, CaseStatus, Page, WorkSession } from './api-types';

/** An export reads at most this many cases (40 pages of 100): far beyond an office's caseload. */
const MAX_PAGES = 40;

export async function allCases(api: ApiClient, officeId: string, filters: CaseFilters): Promise<Case[]> {
  const cases: Case[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result: Page<Case> = await api.get<Page<Case>>(
      officeApi(officeId, `/cases${caseListApiQuery(filters, cursor, 100)}`),
    );
    cases.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return cases;
}

const CLOSED: readonly CaseStatus[] = ['completed', 'converted', 'terminated', 'closed'];

/**
 * The cases that can have sessions in `month`: every open case, and closed ones changed since the
 * month began (a case closed earlier has no session in it).
 */
export async function casesForMonth(api: ApiClient, officeId: string, month: string): Promise<Case[]> {
  const since = addDays(monthBounds(month).first, -1);
  const lists = await Promise.all([
    allCases(api, officeId, {}),
    ...CLOSED.map((status) => allCases(api, officeId, { status })),
  ]);
  const open = lists[0]!;
  const closed = lists
    .slice(1)
    .flat()
    .filter((c) => c.updatedAt.slice(0, 10) >= since);
  return [...open, ...closed].filter((c, i, all) => all.findIndex((o) => o.id === c.id) === i);
}

/** A case's sessions from newest back to (and just past) the month's first day. */
export async function sessionsSince(
  api: ApiClient,
  officeId: string,
  caseId: string,
  month: string,
): Promise<WorkSession[]> {
  return fetchAll<WorkSession>(
    api,
    officeApi(officeId, `/cases/${encodeURIComponent(caseId)}/sessions`),
    MAX_PAGES,
    (page) => reachedBefore(page, month),
  );
}

/** Runs `task` over `items` with at most `limit` at once, reporting progress. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
  onProgress?: (done: number) => void,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let done = 0;
  async function worker() {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
      onProgress?.(++done);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
