import {
  decideSchedule,
  holidayCalendarOf,
  officeToday,
  policyOf,
  scheduleWindowViolations,
  weekStart,
  type ScheduleRequest,
} from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { SlotRecord } from '../../store/slot-store';
import { loadVisibleCase } from '../cases/visible-case';
import { retryCaseChange } from '../cases/case-change';
import {
  capacityOf,
  countedSlots,
  datesBetween,
  toPlanPlacement,
  windowOf,
  workedDaysOf,
} from '../plans/plan-case';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import type { Schedule } from './queries';

export type { ScheduleRequest } from '../../domain';

const SCHEDULE_RACE = 'The case, its slots or a site changed while this request ran; try again.';

/**
 * Accepts a schedule (issue 15, ADR 0014): the case's scheduled slots dated `from..until` (at most 42
 * days, from tomorrow on) become `slots`, the PK's proposal as accepted or edited. Every slot is held to
 * the planner's rules with the planner's reads (plan-check.ts), other cases' accepted slots counted, and
 * written with the sites' load and the audit entry `case.schedule` in one transaction. Answers the
 * case's whole schedule after the write. A write that changes nothing writes nothing.
 *
 * Reads, after the case (the guard's read-ahead): side by side the placements (Query), the client's days
 * of this week (BatchGet, only when the order sets days per week and the window starts this week), the
 * case's slots (Query), the sites' load over the window (Query) and the client's slots over it (Query,
 * gsi2); then the placements' sites (BatchGet, usually from the read-ahead: the body names them).
 *
 * Refuses: not-found (a case the caller may not see); invalid (SLOT-WINDOW, SLOT-FULFILLED, TIME-RANGE,
 * PLAN-CAPS, PLAN-HOLIDAYS, PLAN-CHILD-SCHOOL, CR-CASE-STATUS: each names its field); conflict (a site has
 * no place left that day, PLAN-CAPS, also when another PK took it meanwhile; or the case kept changing).
 */
export async function setSchedule(
  ports: Pick<Ports, 'cases' | 'placements' | 'sites' | 'sessions' | 'slots' | 'now'>,
  grant: OfficeGrant,
  caseId: string,
  request: ScheduleRequest,
): Promise<Schedule> {
  const officeId = grant.office.id;
  const now = ports.now();
  const today = officeToday(grant.office, now);
  // The window first: a request for a year must not cost a read of a year.
  const window = scheduleWindowViolations(request, today);
  if (window.length > 0) throw refuse.invalid(window);
  return retryCaseChange(SCHEDULE_RACE, async () => {
    const current = await loadVisibleCase(ports, grant, caseId);
    const { from, deadline } = windowOf(current, today);
    const daysPerWeek = current.sentence.daysPerWeek ?? undefined;
    const thisWeek = datesBetween(weekStart(today), today);
    const [placements, work, existing, load, clientSlots] = await Promise.all([
      ports.placements.list(officeId, current.id),
      daysPerWeek !== undefined && weekStart(request.from) === weekStart(today)
        ? ports.sessions.workOnDays(officeId, current.clientId, thisWeek)
        : [],
      ports.slots.ofCase(officeId, current.id),
      ports.slots.loadBetween(officeId, request.from, request.until, { consistent: true }),
      ports.slots.ofClient(officeId, current.clientId, request.from, request.until),
    ]);
    const active = placements.items.filter((p) => p.status === 'active');
    const sites = await ports.sites.listAmong(
      officeId,
      active.map((p) => p.siteId),
      { limit: 100 },
    );
    const siteCapacity = capacityOf(sites.items);
    // Other cases' slots: the places they take (this case's own let go, as read consistently rather
    // than from the client's index) and the client's minutes on them.
    const { siteBooked: booked = {}, otherWork } = countedSlots(current.id, load, [
      ...existing,
      ...clientSlots.filter((s) => s.caseId !== current.id),
    ]);
    const holidays = holidayCalendarOf(grant.office);
    const verdict = decideSchedule(request, {
      today,
      status: current.status,
      existing,
      booked,
      plan: {
        from,
        deadline,
        maxHoursPerDay: current.sentence.maxHoursPerDay,
        daysPerWeek,
        workedDays: workedDaysOf(work, current.id),
        placements: active.map(toPlanPlacement),
        siteCapacity,
        otherWork,
        holidays,
        schoolHours:
          current.sentence.kind === 'pelayanan_masyarakat' ? policyOf(grant.office).schoolHours : undefined,
      },
    });
    if (!verdict.ok) {
      if (verdict.siteFull) {
        throw refuse.conflict('A site has no place left on some of these days.', verdict.violations);
      }
      throw refuse.invalid(verdict.violations);
    }
    const at = now.toISOString();
    const actor = actorOf(grant, now);
    const previous = new Map(verdict.value.replaced.map((s) => [s.date, s]));
    const after: SlotRecord[] = verdict.value.slots.map((slot) => {
      const old = previous.get(slot.date);
      return {
        caseId: current.id,
        clientId: current.clientId,
        siteId: slot.siteId,
        date: slot.date,
        startTime: slot.startTime,
        endTime: slot.endTime,
        minutes: slot.minutes,
        status: 'scheduled',
        scheduledBy: actor.actor,
        version: (old?.version ?? 0) + 1,
        createdAt: old?.createdAt ?? at,
        updatedAt: at,
      };
    });
    await ports.slots.replace({
      case: current,
      from: request.from,
      until: request.until,
      before: existing.filter((s) => s.status === 'scheduled' && previous.has(s.date)),
      after,
      capacity: siteCapacity,
      actor,
    });
    // The schedule after the write, from what was read and written (no read back).
    const inWindow = (date: string) => date >= request.from && date <= request.until;
    const kept = existing.filter((s) => s.status === 'fulfilled' || !inWindow(s.date));
    const items = [...kept, ...unchanged(after, previous)].sort((a, b) => (a.date < b.date ? -1 : 1));
    return { today, items };
  });
}

/** The new slots, with a slot the write left as it was (same site and times) in its stored form. */
const unchanged = (after: readonly SlotRecord[], previous: ReadonlyMap<string, SlotRecord>) =>
  after.map((slot) => {
    const old = previous.get(slot.date);
    return old &&
      old.siteId === slot.siteId &&
      old.startTime === slot.startTime &&
      old.endTime === slot.endTime
      ? old
      : slot;
  });
