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
const capacityOf = (sites: readonly Site[]): Record<string, number> =>
  Object.fromEntries(sites.filter((s) => s.active).map((s) => [s.id, s.capacity]));

const toPlanPlacement = (p: PlacementRecord): PlanPlacement => ({
  siteId: p.siteId,
  weekdays: p.weekdays,
  startTime: p.startTime,
  endTime: p.endTime,
  from: p.from,
  until: p.until,
});

/** The days this case was worked on, among the client's days read (sessions of other cases left out). */
const workedDaysOf = (work: readonly WorkOnDay[], caseId: string): LocalDate[] => [
  ...new Set(work.filter((w) => w.caseId === caseId && w.workedMinutes > 0).map((w) => w.date)),
];

/** Every date from `first` to `last`, both included. */
const datesBetween = (first: LocalDate, last: LocalDate): LocalDate[] => {
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
 * Reads, after the case (which the guard's read-ahead carries): the case's placements (one Query) and the
 * client's days of this ISO week so far (one BatchGet) side by side, then the placements' sites (one
 * BatchGet). What the plan does not know yet, and why:
 * - other cases' minutes on the plan's days (`otherWork`): a client's day holds recorded sessions only, and
 *   no session lies in the future (CR-NOT-FUTURE), so every day from tomorrow on is empty there; they
 *   become known with scheduled sessions, and reading those days is then what fills `otherWork`;
 * - places other cases hold at a site on a date (`siteBooked`): the same, there are no scheduled slots
 *   yet. A placement already holds its place at its site on its weekdays (PL-CAPACITY), so the site's
 *   capacity alone is right for now;
 * - a region's own holiday edits: only the office's are stored (`…/holidays`); a plan past the last
 *   year whose SKB list the office entered says `provisional`.
 */
export async function planCase(
  ports: Pick<Ports, 'cases' | 'placements' | 'sites' | 'sessions' | 'now'>,
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
  ports: Pick<Ports, 'placements' | 'sites' | 'sessions' | 'now'>,
  office: Office,
  record: CaseRecord,
): Promise<{ plan: CasePlan; placed: boolean }> {
  const officeId = office.id;
  const today = officeToday(office, ports.now());
  // Days worked this week count against the decision's days per week (the planner's `workedDays`).
  const [placements, work] = await Promise.all([
    ports.placements.list(officeId, record.id),
    ports.sessions.workOnDays(officeId, record.clientId, datesBetween(weekStart(today), today)),
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
  });
  return { plan, placed: active.length > 0 };
}

/** The planner's input for `record` as of `today`, and its plan. */
function planFor(
  record: CaseRecord,
  office: Office,
  today: LocalDate,
  read: Pick<PlanInput, 'placements' | 'siteCapacity' | 'workedDays'>,
): CasePlan {
  const terms = termsOf(record);
  const holidays = holidayCalendarOf(office);
  const tomorrow = addDays(today, 1);
  const from = record.sentence.startDate > tomorrow ? record.sentence.startDate : tomorrow;
  const remainingMinutes = Math.max(0, hoursToMinutes(terms.hours) - record.creditedMinutes);
  const plan = proposePlan({
    ...read,
    remainingMinutes,
    from,
    deadline: terms.deadline,
    maxHoursPerDay: record.sentence.maxHoursPerDay,
    daysPerWeek: record.sentence.daysPerWeek ?? undefined,
    siteBooked: {},
    otherWork: {},
    // The 2026 SKB, the lists the office entered and its own days, from the office item.
    holidays,
    lastPublishedYear: holidays.lastPublishedYear,
    // A child's case keeps out of school hours (SPPA 73(8)); the office sets them.
    schoolHours: record.sentence.kind === 'pelayanan_masyarakat' ? policyOf(office).schoolHours : undefined,
    atRiskBelowDays: AT_RISK_BELOW_DAYS,
  });
  return { ...plan, caseId: record.id, from, deadline: terms.deadline, remainingMinutes };
}
