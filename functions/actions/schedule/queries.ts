import {
  addDays,
  caseListSite,
  holidayCalendarOf,
  officeToday,
  siteWeekCapacity,
  type LocalDate,
} from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { SlotRecord } from '../../store/slot-store';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';
import { refuse } from '../refusal';

export type { SlotRecord } from '../../store/slot-store';

/** Slots in date order, and today in the office's zone (a scheduled slot before it was missed). */
export interface Schedule {
  readonly today: LocalDate;
  readonly items: readonly SlotRecord[];
}

/**
 * A case's accepted slots, fulfilled ones included, in date order (one Query after the case). Refuses
 * not-found for a case the caller may not see (a supervisor: one not placed at their sites).
 */
export async function caseSchedule(
  ports: Pick<Ports, 'cases' | 'slots' | 'now'>,
  grant: OfficeGrant,
  caseId: string,
): Promise<Schedule> {
  const record = await loadVisibleCase(ports, grant, caseId);
  const items = await ports.slots.ofCase(grant.office.id, record.id);
  return { today: officeToday(grant.office, ports.now()), items };
}

/**
 * The office's slots of one day (one Query, gsi1), by site and start: a site supervisor's day at their
 * own sites, all of them or the one named (CASE-SITE-SCOPE: another site is refused).
 */
export async function officeDay(
  ports: Pick<Ports, 'slots' | 'now'>,
  grant: OfficeGrant,
  input: { readonly date: LocalDate; readonly siteId?: string },
): Promise<Schedule> {
  let siteIds: readonly string[] | undefined = input.siteId ? [input.siteId] : undefined;
  if (grant.siteIds) {
    if (input.siteId) {
      const scoped = caseListSite(grant.siteIds, input.siteId);
      if (!scoped.ok) throw refuse.invalid(scoped.violations);
    } else siteIds = grant.siteIds;
  }
  const items = await ports.slots.ofOfficeDay(grant.office.id, input.date, siteIds);
  return { today: officeToday(grant.office, ports.now()), items };
}

export interface SiteWeekLoad {
  readonly siteId: string;
  readonly name: string;
  /** Places scheduled slots take at the site that week (one per slot). */
  readonly scheduled: number;
  /** Clients per day × the week's days that are not holidays; 0 for an inactive site. */
  readonly capacity: number;
}

export interface SiteLoadWeeks {
  readonly from: LocalDate;
  readonly weeks: readonly { readonly weekStart: LocalDate; readonly sites: readonly SiteWeekLoad[] }[];
}

/**
 * The office's load per site per ISO week from the Monday `from`, for `weeks` weeks (1–12): two calls,
 * the load items of the weeks (one Query) and the office's sites (one Query, the first 200 by name).
 * Every active site is listed each week; an inactive one only while slots still hold places there.
 */
export async function siteLoad(
  ports: Pick<Ports, 'slots' | 'sites'>,
  grant: OfficeGrant,
  input: { readonly from: LocalDate; readonly weeks: number },
): Promise<SiteLoadWeeks> {
  const officeId = grant.office.id;
  const until = addDays(input.from, 7 * input.weeks - 1);
  const [load, sites] = await Promise.all([
    ports.slots.loadBetween(officeId, input.from, until),
    ports.sites.list(officeId, { limit: 200 }),
  ]);
  const holidays = holidayCalendarOf(grant.office);
  const weeks = Array.from({ length: input.weeks }, (_, w) => {
    const weekStart = addDays(input.from, 7 * w);
    const scheduled = new Map<string, number>();
    for (let d = 0; d < 7; d += 1) {
      for (const [siteId, n] of Object.entries(load[addDays(weekStart, d)] ?? {})) {
        scheduled.set(siteId, (scheduled.get(siteId) ?? 0) + n);
      }
    }
    const rows = sites.items
      .filter((site) => site.active || (scheduled.get(site.id) ?? 0) > 0)
      .map((site) => ({
        siteId: site.id,
        name: site.name,
        scheduled: scheduled.get(site.id) ?? 0,
        capacity: site.active ? siteWeekCapacity(site.capacity, weekStart, holidays) : 0,
      }));
    return { weekStart, sites: rows };
  });
  return { from: input.from, weeks };
}
