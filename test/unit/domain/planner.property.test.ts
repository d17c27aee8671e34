import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkPlanSlots,
  diffDays,
  fromEpochDay,
  isoWeekday,
  onTrackUntil,
  parseTime,
  planCase,
  toEpochDay,
  weekStart,
  type PlanInput,
} from '../../../functions/domain';

/**
 * The planner against brute force on small random cases (windows of at most 14 days, so every subset
 * of days can be tried). The oracle below shares nothing with the planner but the calendar helpers: it
 * finds each day's best slot by trying every start and end on the half-hour grid the inputs use, and
 * the best plan by trying every set of days that keeps the days-per-week limit.
 */

const SITES = ['a', 'b'] as const;
const grid = (from: number, to: number) => fc.integer({ min: from * 2, max: to * 2 }).map((h) => h * 30);
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const weekdaysArb = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 });
const interval = fc
  .tuple(grid(5, 20), grid(5, 20))
  .filter(([s, e]) => s !== e)
  .map(([s, e]) => [Math.min(s, e), Math.max(s, e)] as const);

const caseArb = fc
  .record({
    start: fc.integer({ min: toEpochDay('2026-01-01'), max: toEpochDay('2027-12-20') }),
    length: fc.integer({ min: 1, max: 14 }),
    remaining: fc.oneof(
      fc.integer({ min: 0, max: 600 }),
      fc.integer({ min: 0, max: 2400 }),
      fc.integer({ min: 0, max: 80 }).map((h) => h * 30),
    ),
    maxHoursPerDay: fc.integer({ min: 1, max: 8 }),
    daysPerWeek: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
    worked: fc.uniqueArray(fc.integer({ min: -6, max: -1 }), { maxLength: 4 }),
    placements: fc.array(
      fc.record({
        site: fc.constantFrom(...SITES),
        weekdays: weekdaysArb,
        hours: interval,
        from: fc.integer({ min: -5, max: 6 }),
        days: fc.integer({ min: 0, max: 25 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    capacity: fc.record({ a: fc.integer({ min: 1, max: 2 }), b: fc.integer({ min: 0, max: 2 }) }),
    booked: fc.dictionary(fc.integer({ min: 0, max: 13 }).map(String), fc.constantFrom(...SITES), {
      maxKeys: 4,
    }),
    other: fc.dictionary(fc.integer({ min: 0, max: 13 }).map(String), grid(0, 8), { maxKeys: 5 }),
    holidays: fc.uniqueArray(fc.integer({ min: 0, max: 13 }), { maxLength: 4 }),
    lastPublishedYear: fc.integer({ min: 2025, max: 2027 }),
    school: fc.option(fc.record({ weekdays: weekdaysArb, hours: interval }), { nil: undefined, freq: 2 }),
    atRiskBelowDays: fc.integer({ min: 0, max: 14 }),
  })
  .map((r): PlanInput => {
    const from = fromEpochDay(r.start);
    const day = (i: number | string) => addDays(from, Number(i));
    return {
      remainingMinutes: r.remaining,
      from,
      deadline: day(r.length - 1),
      maxHoursPerDay: r.maxHoursPerDay,
      daysPerWeek: r.daysPerWeek,
      workedDays: r.worked.map(day),
      placements: r.placements.map((p) => ({
        siteId: p.site,
        weekdays: p.weekdays,
        startTime: hhmm(p.hours[0]),
        endTime: hhmm(p.hours[1]),
        from: day(p.from),
        until: day(p.from + p.days),
      })),
      siteCapacity: r.capacity,
      // A booking fills the site on that day (its whole capacity, or one place more than it has).
      siteBooked: Object.fromEntries(
        Object.entries(r.booked).map(([i, site]) => [day(i), { [site]: r.capacity[site] }]),
      ),
      otherWork: Object.fromEntries(Object.entries(r.other).map(([i, m]) => [day(i), m])),
      holidays: new Set(r.holidays.map(day)),
      lastPublishedYear: r.lastPublishedYear,
      schoolHours: r.school && {
        weekdays: r.school.weekdays,
        start: hhmm(r.school.hours[0]),
        end: hhmm(r.school.hours[1]),
      },
      atRiskBelowDays: r.atRiskBelowDays,
    };
  });

/** Each day's best minutes by trying every half-hour start and end. */
const bruteDayMinutes = (input: PlanInput, date: string): number => {
  if (input.holidays.has(date)) return 0;
  const cap = input.maxHoursPerDay * 60 - (input.otherWork?.[date] ?? 0);
  const school = input.schoolHours?.weekdays.includes(isoWeekday(date)) ? input.schoolHours : undefined;
  let best = 0;
  for (const p of input.placements) {
    const full = (input.siteBooked?.[date]?.[p.siteId] ?? 0) >= (input.siteCapacity[p.siteId] ?? 0);
    if (full || date < p.from || date > p.until || !p.weekdays.includes(isoWeekday(date))) continue;
    const [ps, pe] = [parseTime(p.startTime) ?? 0, parseTime(p.endTime) ?? 0];
    for (let s = ps; s < pe; s += 30) {
      for (let e = s + 30; e <= pe; e += 30) {
        const inSchool = school && s < (parseTime(school.end) ?? 0) && e > (parseTime(school.start) ?? 0);
        if (!inSchool) best = Math.max(best, e - s);
      }
    }
  }
  return Math.max(0, Math.min(best, cap));
};

/** The most that can be done on days `lo..hi` of the window, trying every set of days. */
const bruteMax = (input: PlanInput, minutes: readonly number[], lo: number, hi: number): number => {
  const used = new Map<string, number>();
  for (const d of new Set(input.workedDays)) used.set(weekStart(d), (used.get(weekStart(d)) ?? 0) + 1);
  const limit = input.daysPerWeek ?? 7;
  let best = 0;
  const visit = (i: number, sum: number) => {
    if (i > hi) {
      best = Math.max(best, sum);
      return;
    }
    visit(i + 1, sum);
    const week = weekStart(addDays(input.from, i));
    const m = minutes[i] ?? 0;
    if (m > 0 && (used.get(week) ?? 0) < limit) {
      used.set(week, (used.get(week) ?? 0) + 1);
      visit(i + 1, sum + m);
      used.set(week, (used.get(week) ?? 0) - 1);
    }
  };
  visit(lo, 0);
  return best;
};

const windowMinutes = (input: PlanInput) =>
  Array.from({ length: diffDays(input.deadline, input.from) + 1 }, (_, i) =>
    bruteDayMinutes(input, addDays(input.from, i)),
  );

describe('planner properties', () => {
  it('PLAN-CAPS: never plans over a cap, a holiday, capacity, days per week, outside placements or in school hours', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const plan = planCase(input);
        expect(checkPlanSlots(input, plan.slots)).toEqual([]);
        // One slot a day, in date order, each with something in it.
        plan.slots.forEach((s, i) => {
          expect(s.minutes).toBeGreaterThan(0);
          if (i > 0) expect(s.date > (plan.slots[i - 1]?.date ?? '')).toBe(true);
        });
        expect(plan.slots.reduce((sum, s) => sum + s.minutes, 0)).toBe(plan.plannedMinutes);
      }),
      { numRuns: 400 },
    );
  });

  it('PLAN-FEASIBILITY: possibleMinutes is the brute-force maximum, and the plan does min(remaining, possible)', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const minutes = windowMinutes(input);
        const best = bruteMax(input, minutes, 0, minutes.length - 1);
        const plan = planCase(input);
        expect(plan.possibleMinutes).toBe(best);
        expect(plan.plannedMinutes).toBe(Math.min(input.remainingMinutes, best));
      }),
      { numRuns: 300 },
    );
  });

  it('PLAN-FEASIBILITY: the state, the latest start and the earliest finish agree with brute force', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const minutes = windowMinutes(input);
        const last = minutes.length - 1;
        const need = input.remainingMinutes;
        const { feasibility, finishesOn } = planCase(input);
        const possible = bruteMax(input, minutes, 0, last);
        expect(feasibility.state === 'impossible').toBe(possible < need);
        if (need === 0 || possible < need) {
          expect(feasibility.latestStart).toBeUndefined();
          return;
        }
        let start = last;
        while (bruteMax(input, minutes, start, last) < need) start -= 1;
        expect(feasibility.latestStart).toBe(addDays(input.from, start));
        expect(feasibility.slackDays).toBe(start);
        expect(feasibility.state).toBe(start < (input.atRiskBelowDays ?? 14) ? 'at_risk' : 'on_track');
        let end = 0;
        while (bruteMax(input, minutes, 0, end) < need) end += 1;
        expect(finishesOn).toBe(addDays(input.from, end));
      }),
      { numRuns: 200 },
    );
  });

  it('PLAN-HOLIDAYS: a plan is provisional exactly when a slot, or an impossible window, passes the last published year', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const plan = planCase(input);
        const after = (d: string) => Number(d.slice(0, 4)) > input.lastPublishedYear;
        const expected =
          plan.slots.some((s) => after(s.date)) ||
          (plan.feasibility.state === 'impossible' && after(input.deadline));
        expect(plan.provisional).toBe(expected);
        expect(plan.slots.some((s) => input.holidays.has(s.date))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("PLAN-FEASIBILITY: with every day open at the order's hours, the latest start is progress.onTrackUntil", () => {
    // The quick estimate assumes every day (or every allowed day of a week) at full hours; so does the
    // planner when nothing else limits it, so the two must agree, and onTrackUntil may delegate later.
    fc.assert(
      fc.property(
        fc.integer({ min: toEpochDay('2026-01-01'), max: toEpochDay('2026-12-31') }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 8 }),
        fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
        fc.integer({ min: 1, max: 240 }),
        (start, length, hours, daysPerWeek, hoursLeft) => {
          const from = fromEpochDay(start);
          const deadline = addDays(from, length - 1);
          const everyDay = {
            siteId: 'a',
            weekdays: [1, 2, 3, 4, 5, 6, 7],
            startTime: '08:00',
            endTime: '16:00',
          };
          const plan = planCase({
            remainingMinutes: hoursLeft * 60,
            from,
            deadline,
            maxHoursPerDay: hours,
            daysPerWeek,
            placements: [{ ...everyDay, from, until: deadline }],
            siteCapacity: { a: 1 },
            holidays: new Set(),
            lastPublishedYear: 2026,
          });
          const until = onTrackUntil({
            hoursOrdered: hoursLeft,
            creditedMinutes: 0,
            startDate: from,
            deadline,
            maxHoursPerDay: hours,
            daysPerWeek,
          });
          const expected = until !== undefined && until >= from ? until : undefined;
          expect(plan.feasibility.latestStart).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
