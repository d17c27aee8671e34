/**
 * Reads the supervisor's day from the API (online), or the copy kept on the device (offline or when
 * the API cannot be reached). The API reads are the ones the dashboard's day screen made: the sites,
 * the cases placed at each site, each case's placements and latest sessions, and today's slots.
 */
import type { ApiClient } from '../../lib/api';
import { isUnreachable } from '../outbox/failures';
import { fetchAll, officeApi } from '../../lib/office-data';
import { dateIn } from '../../lib/supervisor-day';
import type { Case, DaySlots, Me, Page, Placement, Site, WorkSession } from '../../lib/api-types';
import type { DeviceStore } from '../outbox/device-store';
import { buildFieldDay, type FieldDay } from './field-day';

export interface SupervisorPost {
  readonly owner: string;
  readonly supervisorName: string;
  readonly office: { readonly id: string; readonly name: string; readonly timeZone: string };
  readonly siteIds: readonly string[];
}

/** The office where `me` supervises sites (the first, if several), or null if they supervise none. */
export function supervisorPost(me: Me): SupervisorPost | null {
  const grant = me.roles.find((r) => r.role === 'supervisor');
  const office = grant && me.offices.find((o) => o.id === grant.officeId);
  if (!grant || !office) return null;
  return {
    owner: me.username,
    supervisorName: me.fullName,
    office: { id: office.id, name: office.name, timeZone: office.timeZone },
    siteIds: grant.siteIds ?? [],
  };
}

export async function fetchDay(api: ApiClient, post: SupervisorPost, now = new Date()): Promise<FieldDay> {
  const officeId = post.office.id;
  const date = dateIn(post.office.timeZone, now);
  const [sites, slots, ...perSite] = await Promise.all([
    fetchAll<Site>(api, officeApi(officeId, '/sites'), 5),
    api.get<DaySlots>(officeApi(officeId, `/slots?date=${encodeURIComponent(date)}`)),
    ...post.siteIds.map((siteId) =>
      fetchAll<Case>(api, officeApi(officeId, `/cases?siteId=${encodeURIComponent(siteId)}`), 3),
    ),
  ]);
  const cases = [...new Map(perSite.flat().map((c) => [c.id, c])).values()];
  const entries = await Promise.all(
    cases.map(async (c) => {
      const base = officeApi(officeId, `/cases/${encodeURIComponent(c.id)}`);
      const [placements, sessions] = await Promise.all([
        api.get<Page<Placement>>(`${base}/placements?limit=25`),
        api.get<Page<WorkSession>>(`${base}/sessions?limit=10`),
      ]);
      return { case: c, placements: placements.items, sessions: sessions.items };
    }),
  );
  return buildFieldDay({
    ...post,
    date,
    savedAt: now.toISOString(),
    sites,
    cases: entries,
    slots: slots.items,
  });
}

/**
 * The day to show: fresh from the API and stored, or, when the network fails, today's stored copy
 * (`offline: true`). Any other failure (401, 5xx) is the caller's to show.
 */
export async function loadDay(
  api: ApiClient,
  store: DeviceStore,
  post: SupervisorPost,
): Promise<{ day: FieldDay; offline: boolean } | { day: null; offline: true }> {
  const date = dateIn(post.office.timeZone, new Date());
  if (navigator.onLine) {
    try {
      const day = await fetchDay(api, post);
      await store.saveDay(day);
      return { day, offline: false };
    } catch (error) {
      if (!isUnreachable(error)) throw error;
    }
  }
  const stored = await store.day(post.owner, date);
  return stored ? { day: stored, offline: true } : { day: null, offline: true };
}
