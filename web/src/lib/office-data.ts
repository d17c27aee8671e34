/**
 * Office reference data that many screens need and that rarely changes (the work sites), fetched
 * once per office and page load, so moving between screens costs no extra request.
 */
import type { ApiClient } from './api';
import type { OfficeDetail, Page, Site } from './api-types';

const sites = new Map<string, Promise<Site[]>>();
const details = new Map<string, Promise<OfficeDetail>>();

/** The office with its policy (a child's advisory hours, school hours), once per page load. */
export function loadOfficeDetail(api: ApiClient, officeId: string): Promise<OfficeDetail> {
  let cached = details.get(officeId);
  if (!cached) {
    cached = api.get<OfficeDetail>(officeApi(officeId)).catch((error: unknown) => {
      details.delete(officeId);
      throw error;
    });
    details.set(officeId, cached);
  }
  return cached;
}

/** After the admin changed the policy: every screen reads the new one. */
export function rememberOfficeDetail(office: OfficeDetail): void {
  details.set(office.id, Promise.resolve(office));
}

/** The office's work sites, all pages (an office has tens, not thousands). */
export function loadSites(api: ApiClient, officeId: string): Promise<Site[]> {
  let cached = sites.get(officeId);
  if (!cached) {
    cached = fetchAll<Site>(api, `/v1/offices/${encodeURIComponent(officeId)}/sites`, 5).catch((error) => {
      sites.delete(officeId);
      throw error;
    });
    sites.set(officeId, cached);
  }
  return cached;
}

/** After a site was created or changed: the next `loadSites` reads them again. */
export function forgetSites(officeId: string): void {
  sites.delete(officeId);
}

/**
 * Follows `nextCursor` for at most `maxPages` pages of 100, or until `enough` says the pages read so
 * far suffice; `path` may carry its own query.
 */
export async function fetchAll<T>(
  api: ApiClient,
  path: string,
  maxPages: number,
  enough: (page: readonly T[]) => boolean = () => false,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const query = new URLSearchParams({ limit: '100' });
    if (cursor) query.set('cursor', cursor);
    const result: Page<T> = await api.get<Page<T>>(
      `${path}${path.includes('?') ? '&' : '?'}${query.toString()}`,
    );
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor || enough(result.items)) break;
  }
  return items;
}

/** `/v1/offices/<officeId>` + rest, with the office id encoded. */
export function officeApi(officeId: string, rest = ''): string {
  return `/v1/offices/${encodeURIComponent(officeId)}${rest}`;
}
