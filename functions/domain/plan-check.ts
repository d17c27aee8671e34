/**
 * Checks a list of slots against the planner's rules: the PK may edit a proposal before accepting it,
 * and an edited plan must still keep the caps the proposal kept. The property tests also use it as an
 * oracle written apart from the planner (slot by slot, not day by day).
 *
 * PLAN-CHILD-SCHOOL is reported like the others; the use case decides whether a PK's edit into school
 * hours is refused or only flagged, since the court's order may place the child there.
 */
import { isoWeekday, minutesBetween, parseTime, weekStart, type LocalDate } from './calendar';
import type { PlanInput, PlannedSlot } from './planner';
import { joinPath, Rule, violation, type RuleViolation } from './rules';

/** Every broken rule of `slots` (paths `slots.<index>.<field>`), empty when the plan keeps them all. */
export const checkPlanSlots = (
  input: PlanInput,
  slots: readonly PlannedSlot[],
  base = 'slots',
): RuleViolation[] => {
  const v: RuleViolation[] = [];
  const minutesOnDay = new Map<LocalDate, number>();
  const daysInWeek = new Map<LocalDate, Set<LocalDate>>();
  for (const d of input.workedDays ?? []) addTo(daysInWeek, weekStart(d), d);
  const sitesOnDay = new Set<string>();

  slots.forEach((slot, index) => {
    const path = (field: string) => joinPath(joinPath(base, index), field);
    const start = parseTime(slot.startTime);
    const end = parseTime(slot.endTime);
    if (
      start === undefined ||
      end === undefined ||
      minutesBetween(slot.startTime, slot.endTime) !== slot.minutes
    ) {
      v.push(violation(Rule.TIME_RANGE, path('endTime'), 'A slot ends its minutes after it starts.'));
      return;
    }
    if (slot.minutes <= 0)
      v.push(violation(Rule.TIME_RANGE, path('endTime'), 'A slot ends after it starts.'));
    if (slot.date < input.from || slot.date > input.deadline) {
      v.push(
        violation(Rule.PLAN_CAPS, path('date'), `A slot lies between ${input.from} and ${input.deadline}.`),
      );
    }
    if (input.holidays.has(slot.date)) {
      v.push(violation(Rule.PLAN_HOLIDAYS, path('date'), `${slot.date} is a holiday or collective leave.`));
    }
    const fits = input.placements.some(
      (p) =>
        p.siteId === slot.siteId &&
        slot.date >= p.from &&
        slot.date <= p.until &&
        p.weekdays.includes(isoWeekday(slot.date)) &&
        start >= (parseTime(p.startTime) ?? Infinity) &&
        end <= (parseTime(p.endTime) ?? -Infinity),
    );
    if (!fits) {
      v.push(
        violation(
          Rule.PLAN_CAPS,
          path('siteId'),
          'A slot lies within a placement: its site, weekdays, hours, period.',
        ),
      );
    }
    const school = input.schoolHours;
    if (school !== undefined && school.weekdays.includes(isoWeekday(slot.date))) {
      const [schoolStart, schoolEnd] = [parseTime(school.start) ?? 0, parseTime(school.end) ?? 0];
      if (start < schoolEnd && end > schoolStart) {
        v.push(
          violation(
            Rule.PLAN_CHILD_SCHOOL,
            path('startTime'),
            `A child's slot avoids school hours (${school.start}–${school.end}).`,
          ),
        );
      }
    }
    // A client at a site counts once a day, however many slots they have there.
    const siteDay = `${slot.date}|${slot.siteId}`;
    if (!sitesOnDay.has(siteDay)) {
      sitesOnDay.add(siteDay);
      const taken = input.siteBooked?.[slot.date]?.[slot.siteId] ?? 0;
      if (taken + 1 > (input.siteCapacity[slot.siteId] ?? 0)) {
        v.push(violation(Rule.PLAN_CAPS, path('siteId'), `No place is left at the site on ${slot.date}.`));
      }
    }
    const total = (minutesOnDay.get(slot.date) ?? 0) + slot.minutes;
    minutesOnDay.set(slot.date, total);
    if (total + (input.otherWork?.[slot.date] ?? 0) > Math.round(input.maxHoursPerDay * 60)) {
      v.push(
        violation(
          Rule.PLAN_CAPS,
          path('minutes'),
          `Over ${input.maxHoursPerDay} hours on ${slot.date}, all cases counted.`,
        ),
      );
    }
    const week = weekStart(slot.date);
    addTo(daysInWeek, week, slot.date);
    if (input.daysPerWeek !== undefined && (daysInWeek.get(week)?.size ?? 0) > input.daysPerWeek) {
      v.push(
        violation(Rule.PLAN_CAPS, path('date'), `Over ${input.daysPerWeek} days in the week of ${week}.`),
      );
    }
  });
  return v;
};

const addTo = (map: Map<LocalDate, Set<LocalDate>>, key: LocalDate, date: LocalDate) =>
  map.set(key, (map.get(key) ?? new Set()).add(date));
