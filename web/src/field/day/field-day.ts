/**
 * The supervisor's day as the field app keeps it: only what the work site needs (display names, the
 * placements' hours, what is already recorded, today's scheduled slots, the sites' geofences), never
 * the whole case with its NIK or address. Read from the API when online and stored on the device for
 * the day (device-store.ts), so the screen works with no signal.
 */
import { expectedClients, type CaseAtSite } from '../../lib/supervisor-day';
import type { ScheduledSlot, Site, WorkSession } from '../../lib/api-types';

export interface FieldSite {
  readonly id: string;
  readonly name: string;
  readonly location?: { readonly lat: number; readonly lng: number; readonly radiusMeters: number };
}

export type RecordedSession = Pick<
  WorkSession,
  'id' | 'outcome' | 'startTime' | 'endTime' | 'hoursCredited' | 'verified'
>;

export interface FieldClient {
  readonly caseId: string;
  readonly placementId: string;
  readonly siteId: string;
  readonly clientName: string;
  readonly startTime: string;
  readonly endTime: string;
  /** Sessions the API already had today at this site, newest first. */
  readonly recorded: readonly RecordedSession[];
}

export type FieldSlot = Pick<ScheduledSlot, 'caseId' | 'siteId' | 'startTime' | 'endTime' | 'status'>;

export interface FieldDay {
  readonly owner: string;
  readonly supervisorName: string;
  readonly officeId: string;
  readonly officeName: string;
  readonly timeZone: string;
  /** Office-local `YYYY-MM-DD`. */
  readonly date: string;
  /** When the API answered (ISO instant): the screen says how old an offline copy is. */
  readonly savedAt: string;
  readonly sites: readonly FieldSite[];
  readonly clients: readonly FieldClient[];
  readonly slots: readonly FieldSlot[];
  /** Client names of every case placed at the sites, for slots of clients not expected by placement. */
  readonly names: Readonly<Record<string, string>>;
}

/** The day from what the API answered: the cases placed at the sites, their placements and sessions. */
export function buildFieldDay(input: {
  readonly owner: string;
  readonly supervisorName: string;
  readonly office: { readonly id: string; readonly name: string; readonly timeZone: string };
  readonly date: string;
  readonly savedAt: string;
  readonly siteIds: readonly string[];
  readonly sites: readonly Site[];
  readonly cases: readonly CaseAtSite[];
  readonly slots: readonly ScheduledSlot[];
}): FieldDay {
  const expected = expectedClients(input.cases, input.siteIds, input.date);
  return {
    owner: input.owner,
    supervisorName: input.supervisorName,
    officeId: input.office.id,
    officeName: input.office.name,
    timeZone: input.office.timeZone,
    date: input.date,
    savedAt: input.savedAt,
    sites: input.siteIds.map((id) => {
      const site = input.sites.find((s) => s.id === id);
      return { id, name: site?.name ?? id, ...(site?.location ? { location: site.location } : {}) };
    }),
    clients: expected.map(({ case: c, placement, recorded }) => ({
      caseId: c.id,
      placementId: placement.id,
      siteId: placement.siteId,
      clientName: c.client.fullName,
      startTime: placement.startTime,
      endTime: placement.endTime,
      recorded: recorded.map(({ id, outcome, startTime, endTime, hoursCredited, verified }) => ({
        id,
        outcome,
        startTime,
        endTime,
        hoursCredited,
        verified,
      })),
    })),
    slots: input.slots
      .filter((s) => input.siteIds.includes(s.siteId))
      .sort((a, b) => a.startTime.localeCompare(b.startTime))
      .map(({ caseId, siteId, startTime, endTime, status }) => ({
        caseId,
        siteId,
        startTime,
        endTime,
        status,
      })),
    names: Object.fromEntries(input.cases.map((c) => [c.case.id, c.case.client.fullName])),
  };
}
