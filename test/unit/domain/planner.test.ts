import { describe, expect, it } from 'vitest';
import {
  buildHolidayCalendar,
  checkPlanSlots,
  planCase,
  Rule,
  SEED_HOLIDAY_LISTS,
  type PlanInput,
  type PlannedSlot,
} from '../../../functions/domain';

/**
 * Named scenarios for the planner (issue 15). The properties over random inputs, checked against
 * brute force, are in planner.property.test.ts.
 */

const calendar = buildHolidayCalendar();
const mosque = {
  siteId: 'masjid-bara',
  weekdays: [1, 2, 3, 4, 5],
  startTime: '08:00',
  endTime: '12:00',
  from: '2026-01-01',
  until: '2027-12-31',
};
const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  remainingMinutes: 40 * 60,
  from: '2026-07-01', // a Wednesday; July 2026 has no holiday
  deadline: '2026-07-31', // a Friday
  maxHoursPerDay: 4,
  placements: [mosque],
  siteCapacity: { 'masjid-bara': 3 },
  holidays: calendar,
  lastPublishedYear: calendar.lastPublishedYear,
  ...over,
});
const dates = (slots: readonly PlannedSlot[]) => slots.map((s) => s.date);

describe('holiday calendar', () => {
  it('PLAN-HOLIDAYS: seeds the 2026 SKB list, its 17 holidays and 8 cuti bersama days, with its source', () => {
    // Prepare / Act
    const [list] = SEED_HOLIDAY_LISTS;
    // Assess
    expect(list?.source).toMatch(/^SKB Menteri Agama.*Nomor 1497 Tahun 2025/);
    expect(calendar.days).toHaveLength(25);
    expect(calendar.days.filter((d) => d.kind === 'cuti_bersama')).toHaveLength(8);
    expect(calendar.isHoliday('2026-03-21')).toBe(true); // Idulfitri 1447 H, as the SKB has it
    expect(calendar.isHoliday('2026-04-05')).toBe(true); // Paskah, which date-holidays misses
    expect(calendar.isHoliday('2026-03-25')).toBe(false);
    expect(calendar.lastPublishedYear).toBe(2026);
  });

  it('PLAN-HOLIDAYS: applies local days, removals and an isbat shift in order, and reports edits that match nothing', () => {
    // Prepare
    const edits = [
      { op: 'add', day: { date: '2026-01-23', kind: 'local', name: 'Hari Jadi Luwu' } },
      { op: 'move', date: '2026-03-24', to: '2026-03-25', by: 'kanwil-sulsel', reason: 'sidang isbat' },
      { op: 'remove', date: '2026-12-24' },
      { op: 'remove', date: '2026-07-01' },
    ] as const;
    // Act
    const edited = buildHolidayCalendar({ edits });
    // Assess
    expect(edited.holidayOn('2026-01-23')?.kind).toBe('local');
    expect(edited.isHoliday('2026-03-24')).toBe(false);
    expect(edited.holidayOn('2026-03-25')?.name).toBe('Cuti bersama Idulfitri 1447 H');
    expect(edited.isHoliday('2026-12-24')).toBe(false);
    expect(edited.ignoredEdits).toEqual([edits[3]]);
    expect(edited.days).toHaveLength(25);
  });

  it("PLAN-HOLIDAYS: a next year's list raises the last published year, a local day in it does not", () => {
    const local = buildHolidayCalendar({
      edits: [{ op: 'add', day: { date: '2027-02-01', kind: 'local', name: 'Hari Jadi Kota' } }],
    });
    expect(local.lastPublishedYear).toBe(2026);
    const next = buildHolidayCalendar({
      lists: [
        {
          year: 2027,
          source: 'SKB 2027',
          days: [{ date: '2027-01-01', kind: 'libur_nasional', name: 'Tahun Baru' }],
        },
      ],
    });
    expect(next.lastPublishedYear).toBe(2027);
    expect(next.isHoliday('2027-01-01')).toBe(true);
  });
});

describe('planner scenarios', () => {
  it('PLAN-FEASIBILITY: 76 hours left, 15 days to the deadline, at most 4 hours on one day a week is impossible', () => {
    // Prepare: today Saturday 5 Dec 2026, so the window is Sunday 6 to Sunday 20 Dec; Saturdays at the site.
    const saturdays = { ...mosque, weekdays: [6] };
    // Act
    const plan = planCase(
      input({
        remainingMinutes: 76 * 60,
        from: '2026-12-06',
        deadline: '2026-12-20',
        daysPerWeek: 1,
        placements: [saturdays],
      }),
    );
    // Assess: two Saturdays at 4 hours; the plan still proposes them, to do what can be done.
    expect(plan.feasibility.state).toBe('impossible');
    expect(plan.possibleMinutes).toBe(8 * 60);
    expect(plan.feasibility.reason).toEqual({
      code: 'not_enough_time',
      remainingMinutes: 76 * 60,
      possibleMinutes: 480,
      deadline: '2026-12-20',
      atRiskBelowDays: 14,
    });
    expect(plan.feasibility.latestStart).toBeUndefined();
    expect(dates(plan.slots)).toEqual(['2026-12-12', '2026-12-19']);
    expect(plan.plannedMinutes).toBe(480);
    expect(plan.provisional).toBe(false);
  });

  it('PLAN-FEASIBILITY: the latest start is the last day from which the hours still fit; under the threshold the case is at risk', () => {
    // 40 hours at 4 a day are 10 weekdays; the last 10 weekdays of July 2026 start on Monday 20 July.
    const plan = planCase(input());
    expect(plan.feasibility).toMatchObject({ state: 'on_track', latestStart: '2026-07-20', slackDays: 19 });
    expect(plan.finishesOn).toBe('2026-07-14'); // the earliest finish: 10 weekdays from Wed 1 July
    expect(plan.slots.every((s) => s.startTime === '08:00' && s.endTime === '12:00')).toBe(true);
    expect(planCase(input({ atRiskBelowDays: 20 })).feasibility.state).toBe('at_risk');
    const late = planCase(input({ from: '2026-07-10' }));
    expect(late.feasibility).toMatchObject({ state: 'at_risk', slackDays: 10 });
    expect(late.feasibility.reason.code).toBe('little_slack');
    expect(planCase(input({ remainingMinutes: 0 })).feasibility).toMatchObject({
      state: 'on_track',
      reason: { code: 'done' },
    });
  });

  it('PLAN-FEASIBILITY: the plan finishes on the earliest day any plan could, even with a longer day later that week', () => {
    // One day a week; Monday has 1 hour left after another case, Tuesday 4: one hour remains.
    const plan = planCase(
      input({
        from: '2026-07-06',
        deadline: '2026-07-12',
        daysPerWeek: 1,
        remainingMinutes: 60,
        otherWork: { '2026-07-06': 180 },
      }),
    );
    expect(plan.slots).toEqual([
      { date: '2026-07-06', siteId: 'masjid-bara', startTime: '08:00', endTime: '09:00', minutes: 60 },
    ]);
    // The most that week allows is still the longer day.
    expect(plan.possibleMinutes).toBe(240);
  });

  it('PLAN-HOLIDAYS: a case spanning Idulfitri 2026 plans around Nyepi, Idulfitri, its cuti bersama and Good Friday', () => {
    // Prepare: 30 hours at 3 a day from Monday 16 March, weekdays at the site.
    const over = { remainingMinutes: 30 * 60, from: '2026-03-16', deadline: '2026-04-30', maxHoursPerDay: 3 };
    // Act
    const plan = planCase(input(over));
    const without = planCase(input({ ...over, holidays: new Set<string>() }));
    // Assess
    expect(dates(plan.slots)).toEqual([
      '2026-03-16',
      '2026-03-17',
      '2026-03-25',
      '2026-03-26',
      '2026-03-27',
      '2026-03-30',
      '2026-03-31',
      '2026-04-01',
      '2026-04-02',
      '2026-04-06',
    ]);
    expect(plan.slots.every((s) => s.minutes === 180 && s.endTime === '11:00')).toBe(true);
    expect(dates(without.slots)).toContain('2026-03-20');
  });

  it('PLAN-HOLIDAYS: a plan running into 2027 is provisional until the 2027 list is entered', () => {
    const over = { from: '2026-12-14', deadline: '2027-02-26', remainingMinutes: 60 * 60 };
    // 24 and 25 December are skipped; 1 January 2027 is not known to be a holiday yet.
    const into2027 = planCase(input(over));
    expect(into2027.provisional).toBe(true);
    expect(into2027.finishesOn).toBe('2027-01-05');
    expect(dates(into2027.slots)).not.toContain('2026-12-24');
    // A plan that ends in 2026 is not provisional, even with its deadline in 2027.
    expect(planCase(input({ ...over, remainingMinutes: 8 * 60 })).provisional).toBe(false);
    // An impossible case whose window reaches into 2027 is.
    expect(planCase(input({ ...over, remainingMinutes: 240 * 60 })).provisional).toBe(true);
    // Once the 2027 list is entered, the plan is final and skips its New Year.
    const with2027 = buildHolidayCalendar({
      lists: [
        {
          year: 2027,
          source: 'SKB 2027',
          days: [{ date: '2027-01-01', kind: 'libur_nasional', name: 'Tahun Baru' }],
        },
      ],
    });
    const final = planCase(
      input({ ...over, holidays: with2027, lastPublishedYear: with2027.lastPublishedYear }),
    );
    expect(final.provisional).toBe(false);
    expect(dates(final.slots)).not.toContain('2027-01-01');
    expect(final.finishesOn).toBe('2027-01-06');
  });

  it("PLAN-CHILD-SCHOOL: a child's slots start after school on school days and use the placement's hours on Saturday", () => {
    // Prepare: a placement 06:00–18:00 every day but Sunday; school 07:00–15:00 Monday to Friday.
    const long = { ...mosque, weekdays: [1, 2, 3, 4, 5, 6], startTime: '06:00', endTime: '18:00' };
    const schoolHours = { weekdays: [1, 2, 3, 4, 5], start: '07:00', end: '15:00' };
    // Act: Friday 3 to Monday 6 July, 3 hours a day.
    const plan = planCase(
      input({
        placements: [long],
        schoolHours,
        maxHoursPerDay: 3,
        from: '2026-07-03',
        deadline: '2026-07-06',
        remainingMinutes: 9 * 60,
      }),
    );
    // Assess: 15:00–18:00 beats 06:00–07:00 on school days; Saturday starts at the placement's start.
    expect(plan.slots).toEqual([
      { date: '2026-07-03', siteId: 'masjid-bara', startTime: '15:00', endTime: '18:00', minutes: 180 },
      { date: '2026-07-04', siteId: 'masjid-bara', startTime: '06:00', endTime: '09:00', minutes: 180 },
      { date: '2026-07-06', siteId: 'masjid-bara', startTime: '15:00', endTime: '18:00', minutes: 180 },
    ]);
    // A placement wholly inside school hours offers nothing on school days.
    const morning = planCase(input({ schoolHours, from: '2026-07-06', deadline: '2026-07-10' }));
    expect(morning.possibleMinutes).toBe(0);
  });

  it('PLAN-CAPS: the daily cap counts other cases, days worked use up their week, and a full site offers nothing', () => {
    // Prepare: the week of Monday 6 July 2026, two days a week, one day already worked (Monday).
    const week = { from: '2026-07-07', deadline: '2026-07-12', remainingMinutes: 10 * 60, daysPerWeek: 2 };
    // Act
    const plan = planCase(
      input({
        ...week,
        workedDays: ['2026-07-06', '2026-07-03'],
        otherWork: { '2026-07-07': 180, '2026-07-08': 240 },
        siteBooked: { '2026-07-09': { 'masjid-bara': 3 } },
      }),
    );
    // Assess: Tue has 1 hour left of 4, Wed none, Thu the site is full: Friday's 4 hours are the best day.
    expect(plan.possibleMinutes).toBe(240);
    expect(plan.slots).toEqual([
      { date: '2026-07-10', siteId: 'masjid-bara', startTime: '08:00', endTime: '12:00', minutes: 240 },
    ]);
    // Without the days-per-week limit Tuesday's hour counts too.
    expect(
      planCase(input({ ...week, daysPerWeek: undefined, otherWork: { '2026-07-07': 180 } })).possibleMinutes,
    ).toBe(60 + 3 * 240);
    // A placement's period bounds it: one that ends on Wednesday leaves two days.
    const ending = planCase(
      input({ ...week, daysPerWeek: undefined, placements: [{ ...mosque, until: '2026-07-08' }] }),
    );
    expect(dates(ending.slots)).toEqual(['2026-07-07', '2026-07-08']);
  });

  it('PLAN-CAPS: checkPlanSlots reports each broken cap of an edited plan at its path', () => {
    // Prepare: a child's case; every slot after the first breaks one rule.
    const base = input({
      from: '2026-07-06',
      deadline: '2026-07-31',
      daysPerWeek: 2,
      otherWork: { '2026-07-08': 120 },
      siteBooked: { '2026-07-14': { 'masjid-bara': 3 } },
      schoolHours: { weekdays: [5], start: '07:00', end: '10:00' },
    });
    const slot = (
      date: string,
      startTime = '08:00',
      endTime = '10:00',
      minutes = 120,
      siteId = 'masjid-bara',
    ) => ({
      date,
      siteId,
      startTime,
      endTime,
      minutes,
    });
    const slots = [
      slot('2026-07-06'),
      slot('2026-07-07', '08:00', '12:00', 240), // fine alone
      slot('2026-07-08', '08:00', '11:00', 180), // third day of the week, and 5 hours with the other case
      slot('2026-07-14', '08:00', '09:00', 60), // the site is full
      slot('2026-07-15', '07:00', '09:00'), // before the placement opens
      slot('2026-07-24'), // Friday: school hours for this child
      slot('2026-07-25'), // Saturday: no placement that day
      slot('2026-08-03'), // after the deadline
      slot('2026-07-21', '08:00', '09:00', 120), // minutes disagree with the times
    ];
    // Act
    const v = checkPlanSlots(base, slots);
    // Assess
    expect(v.map((x) => `${x.rule} ${x.path}`)).toEqual([
      `${Rule.PLAN_CAPS} slots.2.minutes`,
      `${Rule.PLAN_CAPS} slots.2.date`,
      `${Rule.PLAN_CAPS} slots.3.siteId`,
      `${Rule.PLAN_CAPS} slots.4.siteId`,
      `${Rule.PLAN_CHILD_SCHOOL} slots.5.startTime`,
      `${Rule.PLAN_CAPS} slots.6.siteId`,
      `${Rule.PLAN_CAPS} slots.7.date`,
      `${Rule.TIME_RANGE} slots.8.endTime`,
    ]);
    expect(checkPlanSlots(base, slots.slice(0, 2))).toEqual([]);
    expect(checkPlanSlots(base, [slot('2026-03-20')]).map((x) => x.rule)).toContain(Rule.PLAN_HOLIDAYS);
  });
});
