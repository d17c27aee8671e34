/**
 * A work site's capacity in use: active placements per ISO weekday against the clients the site can
 * take at once (`capacity`, per weekday). Pure, unit-tested in test/unit/web/occupancy.test.ts.
 */
import type { Site } from './api-types';

export interface WeekdayUse {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly used: number;
  readonly capacity: number;
  readonly free: number;
  readonly level: 'free' | 'busy' | 'full';
}

/** A day is `busy` from three quarters of the capacity on, `full` at (or, after a change, past) it. */
export function weekdayUse(site: Pick<Site, 'occupancy' | 'capacity'>): WeekdayUse[] {
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
    const used = site.occupancy[String(weekday) as keyof Site['occupancy']] ?? 0;
    const level = used >= site.capacity ? 'full' : used >= site.capacity * 0.75 ? 'busy' : 'free';
    return { weekday, used, capacity: site.capacity, free: Math.max(0, site.capacity - used), level };
  });
}

/** The busiest weekday's use, for a one-line summary ("at most 3 of 4 on a day"). */
export function peakUse(site: Pick<Site, 'occupancy' | 'capacity'>): WeekdayUse {
  return weekdayUse(site).reduce((peak, day) => (day.used > peak.used ? day : peak));
}
