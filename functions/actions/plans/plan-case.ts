import {
  addDays,
  holidayCalendarOf,
  DEFAULT_AT_RISK_BELOW_DAYS,
  hoursToMinutes,
  officeToday,
  planCase as proposePlan,
  policyOf,
  termsOf,
  weekStart,
  type LocalDate,
  type Office,
  type Plan,
  type PlanInput,
  type PlanPlacement,
} from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { CaseRecord } from '../../store/case-store';
import type { PlacementRecord } from '../../store/placement-store';
import type { WorkOnDay } from '../../store/session-store';
import type { Site } from '../../store/site-store';
import type { SiteLoad, SlotRecord } from '../../store/slot-store';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';

/** A case's proposed schedule as of today, and the window it was planned over. */
export interface CasePlan extends Plan {
  readonly caseId: string;
  /** The first day a slot may fall on: tomorrow in the office's zone, or the sentence's start if later. */
  readonly from: LocalDate;
  readonly deadline: LocalDate;
  readonly remainingMinutes: number;
}

/**
 * Slack under this many days marks a case at risk. The planner's default for now; it becomes an office
 * setting (OfficePolicy) when the alerts that use it are built.
 */
const AT_RISK_BELOW_DAYS = DEFAULT_AT_RISK_BELOW_DAYS;

/** Sites as the planner counts them: each active site's clients per day; an inactive one offers none. */
export const capacityOf = (sites: readonly Site[]): Record<string, number> =>
  Object.fromEntries(sites.filter((s) => s.active).map((s) => [s.id, s.capacity]));

export const toPlanPlacement = (p: PlacementRecord): PlanPlacement => ({
  siteId: p.siteId,
  weekdays: p.weekdays,
  startTime: p.startTime,
  endTime: p.endTime,
  from: p.from,
  until: p.until,
});

/** The days this case was worked on, among the client's days read (sessions of other cases left out). */
export const workedDaysOf = (work: readonly WorkOnDay[], caseId: string): LocalDate[] => [
  ...new Set(work.filter((w) => w.caseId === caseId && w.workedMinutes > 0).map((w) => w.date)),
];

/** Every date from `first` to `last`, both included. */
export const datesBetween = (first: LocalDate, last: LocalDate): LocalDate[] => {
  const dates: LocalDate[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) dates.push(d);
  return dates;
};

/**
 * A read-only proposal (issue 15): the schedule that would credit the case's remaining hours by its
 * deadline, and how feasible that still is, planned from tomorrow (PLAN-CAPS, PLAN-HOLIDAYS,
 * PLAN-CHILD-SCHOOL, PLAN-FEASIBILITY). Nothing is stored. Refuses not-found for a case the caller may
 * not see (another office's, or for a site supervisor one not placed at their sites).
 *
 * Reads, after the case (which the guard's read-ahead carries), side by side: the case's placements (one
 * Query), the client's days of this ISO week so far (one BatchGet), the office's site load over the
 * window (one Query) and the client's accepted slots over the window (one Query, gsi2); then the
 * placements' sites (one BatchGet). Accepted slots (ADR 0014) are what the plan counts of other cases:
 * - `otherWork`: the minutes of the client's slots on their other cases, per day (no recorded session
 *   lies in the future, CR-NOT-FUTURE, so slots are all there is to count from tomorrow on);
 * - `siteBooked`: the places slots take at each site per day, less this case's own scheduled ones (the
 *   plan may move them). A placement also holds its place at its site on its weekdays (PL-CAPACITY).
 * What the plan does not know yet, and why:
 * - the clock times of other cases' slots: only their minutes count against the cap, so two slots of one
 *   client may still collide on the clock, which recording refuses (CR-OVERLAP);
 * - the listings are eventually consistent: a slot accepted a moment ago may be missing; the schedule
 *   write itself re-checks on consistent reads and the load's capacity condition;
 * - a region's own holiday edits: only the office's are stored (`…/holidays`); a plan past the last
 *   year whose SKB list the office entered says `provisional`.
 */
export async function planCase(
  ports: Pick<Ports, 'cases' | 'placements' | 'sites' | 'sessions' | 'slots' | 'now'>,
  grant: OfficeGrant,
  caseId: string,
): Promise<CasePlan> {
  const record = await loadVisibleCase(ports, grant, caseId);
  return (await planOfRecord(ports, grant.office, record)).plan;
}

/**
 * The plan of a case already read, for its office: what the GET route proposes and what the re-planner
 * (replan-cases.ts) stores, from the same reads, so the two can never disagree. `placed` says whether
 * any placement is in force: without one every case is "impossible", which says nothing new.
 */
export async function planOfRecord(
  ports: Pick<Ports, 'placements' | 'sites' | 'sessions' | 'now'> & {
    readonly slots: Pick<Ports['slots'], 'loadBetween' | 'ofClient'>;
  },
  office: Office,
  record: CaseRecord,
): Promise<{ plan: CasePlan; placed: boolean; placements: readonly PlacementRecord[] }> {
  const officeId = office.id;
  const today = officeToday(office, ports.now());
  const { from, deadline } = windowOf(record, today);
  // Days worked this week count against the decision's days per week (the planner's `workedDays`).
  const [placements, work, load, clientSlots] = await Promise.all([
    ports.placements.list(officeId, record.id),
    ports.sessions.workOnDays(officeId, record.clientId, datesBetween(weekStart(today), today)),
    from <= deadline ? ports.slots.loadBetween(officeId, from, deadline) : {},
    from <= deadline ? ports.slots.ofClient(officeId, record.clientId, from, deadline) : [],
  ]);
  const active = placements.items.filter((p) => p.status === 'active');
  const sites = await ports.sites.listAmong(
    officeId,
    active.map((p) => p.siteId),
    { limit: 100 },
  );
  const plan = planFor(record, office, today, {
    placements: active.map(toPlanPlacement),
    siteCapacity: capacityOf(sites.items),
    workedDays: workedDaysOf(work, record.id),
    ...countedSlots(record.id, load, clientSlots),
  });
  return { plan, placed: active.length > 0, placements: active };
}

/** The first day a slot may fall on (tomorrow, or the sentence's start if later) and the deadline. */
export const windowOf = (record: CaseRecord, today: LocalDate) => {
  const tomorrow = addDays(today, 1);
  const from = record.sentence.startDate > tomorrow ? record.sentence.startDate : tomorrow;
  return { from, deadline: termsOf(record).deadline };
};

/**
 * Other cases' accepted slots as the planner counts them: the sites' load less this case's own
 * scheduled slots (`siteBooked`), and the client's minutes on their other cases per day (`otherWork`).
 */
export function countedSlots(
  caseId: string,
  load: SiteLoad,
  clientSlots: readonly SlotRecord[],
): Pick<PlanInput, 'siteBooked' | 'otherWork'> {
  const siteBooked: Record<LocalDate, Record<string, number>> = {};
  for (const [date, sites] of Object.entries(load)) siteBooked[date] = { ...sites };
  const otherWork: Record<LocalDate, number> = {};
  for (const slot of clientSlots) {
    if (slot.caseId === caseId) {
      const day = siteBooked[slot.date];
      if (slot.status === 'scheduled' && day?.[slot.siteId] !== undefined) {
        day[slot.siteId] = Math.max(0, day[slot.siteId]! - 1);
      }
    } else {
      otherWork[slot.date] = (otherWork[slot.date] ?? 0) + slot.minutes;
    }
  }
  return { siteBooked, otherWork };
}

/** The planner's input for `record` as of `today`, and its plan. */
function planFor(
  record: CaseRecord,
  office: Office,
  today: LocalDate,
  read: Pick<PlanInput, 'placements' | 'siteCapacity' | 'workedDays' | 'siteBooked' | 'otherWork'>,
): CasePlan {
  const terms = termsOf(record);
  const holidays = holidayCalendarOf(office);
  const { from } = windowOf(record, today);
  const remainingMinutes = Math.max(0, hoursToMinutes(terms.hours) - record.creditedMinutes);
  const plan = proposePlan({
    ...read,
    remainingMinutes,
    from,
    deadline: terms.deadline,
    maxHoursPerDay: record.sentence.maxHoursPerDay,
    daysPerWeek: record.sentence.daysPerWeek ?? undefined,
    // The 2026 SKB, the lists the office entered and its own days, from the office item.
    holidays,
    lastPublishedYear: holidays.lastPublishedYear,
    // A child's case keeps out of school hours (SPPA 73(8)); the office sets them.
    schoolHours: record.sentence.kind === 'pelayanan_masyarakat' ? policyOf(office).schoolHours : undefined,
    atRiskBelowDays: AT_RISK_BELOW_DAYS,
  });
  return { ...plan, caseId: record.id, from, deadline: terms.deadline, remainingMinutes };
}
