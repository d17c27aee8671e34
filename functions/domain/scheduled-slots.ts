/**
 * Accepting a schedule (issue 15, ADR 0014): the PK accepts or edits the planner's proposal over a
 * window of at most six weeks, and the accepted slots become what the supervisor's day, the site load
 * and the reminders read. A slot is not a session: attendance later fulfils it.
 *
 * - SLOT-WINDOW: the window starts tomorrow at the earliest (in the office's zone) and spans at most 42
 *   days (one transaction holds it, ADR 0014); every slot lies inside the window and the case's own
 *   window (sentence start to the deadline in force), one slot a day.
 * - SLOT-FULFILLED: a fulfilled slot is history (its session was recorded): a schedule write never
 *   replaces nor removes it.
 * - Every slot keeps the planner's rules (plan-check.ts: PLAN-CAPS, PLAN-HOLIDAYS, PLAN-CHILD-SCHOOL,
 *   TIME-RANGE), so an edit outside the proposal is accepted when it passes them. A site with no place
 *   left that day is reported apart (`siteFull`): it is the site's state, not a fault of the request.
 */
import { addDays, diffDays, isoWeekday, minutesBetween, type LocalDate } from './calendar';
import type { HolidayLookup } from './holiday-calendar';
import type { CaseStatus } from './lifecycle';
import { checkPlanSlots } from './plan-check';
import type { PlanInput, PlannedSlot } from './planner';
import { RECORDING_STATUSES } from './recording';
import { joinPath, Rule, violation, type RuleViolation } from './rules';

/** The most days one schedule write covers: ≤ 42 slot items and ≤ 42 load items fit one transaction. */
export const MAX_SCHEDULE_DAYS = 42;

export const SLOT_STATUSES = ['scheduled', 'fulfilled'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];
/** What readers see: a scheduled slot whose day has ended without its session is missed (not stored). */
export type SlotView = SlotStatus | 'missed';

/** A slot of the case as stored, as far as the rules need it. */
export interface ExistingSlot extends PlannedSlot {
  readonly status: SlotStatus;
}

/** A slot as the PK sends it: minutes follow from the times. */
export interface SlotRequest {
  readonly date: LocalDate;
  readonly siteId: string;
  readonly startTime: string;
  readonly endTime: string;
}

export interface ScheduleRequest {
  readonly from: LocalDate;
  readonly until: LocalDate;
  readonly slots: readonly SlotRequest[];
}

/** What a schedule is decided on, besides the request. */
export interface ScheduleContext<S extends ExistingSlot = ExistingSlot> {
  /** Today in the office's zone. */
  readonly today: LocalDate;
  /** The case's status: a schedule is accepted only while sessions can be recorded. */
  readonly status: CaseStatus;
  /**
   * The planner's view of the case (placements, caps, holidays, school hours, site capacity, other
   * cases' minutes): `siteBooked` is not read here, `booked` below is.
   */
  readonly plan: Omit<PlanInput, 'siteBooked' | 'remainingMinutes' | 'lastPublishedYear'>;
  /** The case's own slots as stored, any date. */
  readonly existing: readonly S[];
  /** Places other cases' slots take, per date and site (the site load less this case's own slots). */
  readonly booked: Readonly<Record<LocalDate, Readonly<Record<string, number>>>>;
}

export interface ScheduleDecision<S extends ExistingSlot = ExistingSlot> {
  /** The scheduled slots of the window after the write, in date order. */
  readonly slots: readonly PlannedSlot[];
  /** The case's scheduled slots in the window now: the write replaces them by `slots`. */
  readonly replaced: readonly S[];
}

export type ScheduleVerdict<S extends ExistingSlot = ExistingSlot> =
  | { readonly ok: true; readonly value: ScheduleDecision<S> }
  | {
      readonly ok: false;
      readonly violations: RuleViolation[];
      /** Every violation is a site with no place left: a conflict with the sites' state, not bad input. */
      readonly siteFull: boolean;
    };

/** The day a slot is shown as: missed once its day has ended while still scheduled. */
export const slotViewOf = (slot: { status: SlotStatus; date: LocalDate }, today: LocalDate): SlotView =>
  slot.status === 'scheduled' && slot.date < today ? 'missed' : slot.status;

/**
 * SLOT-WINDOW for the window alone (`from`, `until`): checked before anything is read, so a request for
 * a year never costs a read of a year.
 */
export const scheduleWindowViolations = (
  request: Pick<ScheduleRequest, 'from' | 'until'>,
  today: LocalDate,
): RuleViolation[] => {
  const v: RuleViolation[] = [];
  const tomorrow = addDays(today, 1);
  if (request.from < tomorrow) {
    v.push(violation(Rule.SLOT_WINDOW, 'from', `A schedule starts on ${tomorrow} at the earliest.`));
  }
  if (request.until < request.from) {
    v.push(violation(Rule.SLOT_WINDOW, 'until', 'A schedule ends on or after its first day.'));
  } else if (diffDays(request.until, request.from) + 1 > MAX_SCHEDULE_DAYS) {
    v.push(
      violation(Rule.SLOT_WINDOW, 'until', `A schedule covers at most ${MAX_SCHEDULE_DAYS} days at once.`),
    );
  }
  return v;
};

const sameTimes = (a: SlotRequest, b: SlotRequest) =>
  a.siteId === b.siteId && a.startTime === b.startTime && a.endTime === b.endTime;

/** `slots.<i>.<field>` → i, for the violations of plan-check. */
const indexOf = (path: string): number | undefined => {
  const m = /^slots\.(\d+)\./.exec(path);
  return m ? Number(m[1]) : undefined;
};

/**
 * Decides a schedule write: the window's scheduled slots become `request.slots` (SLOT-WINDOW,
 * SLOT-FULFILLED, then plan-check's rules and the sites' places). A request slot identical to a
 * fulfilled one on its date is kept as it is; a fulfilled slot the request leaves out stays too.
 */
export function decideSchedule<S extends ExistingSlot>(
  request: ScheduleRequest,
  context: ScheduleContext<S>,
): ScheduleVerdict<S> {
  const { today, plan } = context;
  const v: RuleViolation[] = [];
  if (!RECORDING_STATUSES.includes(context.status)) {
    v.push(
      violation(
        Rule.CR_CASE_STATUS,
        'status',
        'A schedule is accepted only while the work is under way: placed, active, warned or repeated.',
      ),
    );
  }
  v.push(...scheduleWindowViolations(request, today));
  const { from, until } = request;
  const refused = new Set<number>();
  const kept = new Set<number>();
  const seen = new Set<LocalDate>();
  const fulfilled = new Map(context.existing.filter((s) => s.status === 'fulfilled').map((s) => [s.date, s]));
  request.slots.forEach((slot, i) => {
    const path = joinPath(joinPath('slots', i), 'date');
    const refuse = (rule: RuleViolation['rule'], message: string) => {
      v.push(violation(rule, path, message));
      refused.add(i);
    };
    if (slot.date < from || slot.date > until)
      refuse(Rule.SLOT_WINDOW, `A slot lies between ${from} and ${until}.`);
    else if (slot.date < plan.from || slot.date > plan.deadline) {
      refuse(Rule.SLOT_WINDOW, `A slot lies in the case's window, ${plan.from} to ${plan.deadline}.`);
    } else if (seen.has(slot.date)) refuse(Rule.SLOT_WINDOW, `One slot a day: ${slot.date} has one already.`);
    seen.add(slot.date);
    const done = fulfilled.get(slot.date);
    if (done && !refused.has(i)) {
      if (sameTimes(slot, done)) kept.add(i);
      else refuse(Rule.SLOT_FULFILLED, `The slot of ${slot.date} is fulfilled: it is not replaced.`);
    }
  });

  const asPlanned = request.slots.map((s): PlannedSlot => ({
    ...s,
    minutes: minutesBetween(s.startTime, s.endTime) ?? Number.NaN,
  }));
  // Days the case keeps outside this write count against the decision's days per week: its slots
  // still to come outside the window, and every fulfilled one.
  const keptDays = context.existing
    .filter((s) => s.status === 'fulfilled' || ((s.date < from || s.date > until) && s.date > today))
    .map((s) => s.date);
  const input: PlanInput = {
    ...plan,
    remainingMinutes: 0,
    lastPublishedYear: 0,
    workedDays: [...(plan.workedDays ?? []), ...keptDays],
    // Places are counted below, against the other cases' load; here only a site with none at all.
    siteBooked: {},
  };
  const checked = checkPlanSlots(input, asPlanned).filter((x) => {
    const i = indexOf(x.path);
    return i === undefined || (!refused.has(i) && !kept.has(i));
  });
  v.push(...checked);
  const flagged = new Set(checked.map((x) => indexOf(x.path)));

  const full: RuleViolation[] = [];
  asPlanned.forEach((slot, i) => {
    if (refused.has(i) || kept.has(i) || flagged.has(i)) return;
    const capacity = plan.siteCapacity[slot.siteId] ?? 0;
    const taken = context.booked[slot.date]?.[slot.siteId] ?? 0;
    if (taken + 1 > capacity) {
      full.push(
        violation(
          Rule.PLAN_CAPS,
          joinPath(joinPath('slots', i), 'siteId'),
          `No place is left at the site on ${slot.date}: ${taken} of ${capacity} taken.`,
        ),
      );
    }
  });
  if (v.length > 0 || full.length > 0) {
    return { ok: false, violations: [...v, ...full], siteFull: v.length === 0 };
  }
  return {
    ok: true,
    value: {
      slots: asPlanned.filter((_, i) => !kept.has(i)).sort((a, b) => (a.date < b.date ? -1 : 1)),
      replaced: context.existing.filter((s) => s.status === 'scheduled' && s.date >= from && s.date <= until),
    },
  };
}

/**
 * A site's places in the ISO week starting `monday`: its clients per day on each of the week's seven
 * days that is not a holiday (the office's calendar). Sites keep no weekdays of their own; a
 * placement's weekdays say when its client comes.
 */
export const siteWeekCapacity = (capacityPerDay: number, monday: LocalDate, holidays: HolidayLookup) => {
  let open = 0;
  for (let i = 0; i < 7; i += 1) if (!holidays.has(addDays(monday, i))) open += 1;
  return capacityPerDay * open;
};

/** Whether `date` is a Monday: the site-load view counts whole ISO weeks. */
export const isMonday = (date: LocalDate) => isoWeekday(date) === 1;

/** What `voidSlots` needs of a placement in force and of a slot. */
interface CoveringPlacement {
  readonly siteId: string;
  readonly weekdays: readonly number[];
  readonly from: LocalDate;
  readonly until: LocalDate;
}
interface HeldSlot {
  readonly date: LocalDate;
  readonly siteId: string;
  readonly status: SlotStatus;
}

/**
 * The scheduled slots nobody is to come for any more, from `today` on (ADR 0014): every one of a case
 * that no longer takes sessions (referred, suspended, closed), and for one that does, those no active
 * placement covers (its site, weekdays and period: the placement ended or was changed). The re-planner
 * releases them, so their places return to the site and no reminder is sent for them. Past slots stay:
 * they are the record of what was missed.
 */
export function voidSlots<T extends HeldSlot>(
  status: CaseStatus,
  placements: readonly CoveringPlacement[],
  slots: readonly T[],
  today: LocalDate,
): T[] {
  const ahead = slots.filter((s) => s.status === 'scheduled' && s.date >= today);
  if (!RECORDING_STATUSES.includes(status)) return ahead;
  return ahead.filter(
    (slot) =>
      !placements.some(
        (p) =>
          p.siteId === slot.siteId &&
          p.from <= slot.date &&
          slot.date <= p.until &&
          p.weekdays.includes(isoWeekday(slot.date)),
      ),
  );
}
