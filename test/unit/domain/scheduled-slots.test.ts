import { describe, expect, it } from 'vitest';
import {
  buildHolidayCalendar,
  decideSchedule,
  Rule,
  scheduleWindowViolations,
  siteWeekCapacity,
  slotViewOf,
  voidSlots,
  type ExistingSlot,
  type ScheduleContext,
  type ScheduleRequest,
} from '../../../functions/domain';

/**
 * Accepting a schedule (ADR 0014) as named scenarios. Today is Monday 6 July 2026 (July has no
 * holiday); the mosque takes two clients a day, Monday to Friday 08:00–12:00.
 */
const calendar = buildHolidayCalendar();
const mosque = {
  siteId: 'masjid-bara',
  weekdays: [1, 2, 3, 4, 5],
  startTime: '08:00',
  endTime: '12:00',
  from: '2026-01-01',
  until: '2026-12-31',
};
const context = (over: Partial<ScheduleContext> = {}): ScheduleContext => ({
  today: '2026-07-06',
  status: 'active',
  existing: [],
  booked: {},
  plan: {
    from: '2026-07-07',
    deadline: '2026-09-30',
    maxHoursPerDay: 4,
    placements: [mosque],
    siteCapacity: { 'masjid-bara': 2 },
    holidays: calendar,
  },
  ...over,
});
const slot = (date: string, startTime = '08:00', endTime = '12:00', siteId = 'masjid-bara') => ({
  date,
  siteId,
  startTime,
  endTime,
});
const stored = (date: string, status: ExistingSlot['status'] = 'scheduled'): ExistingSlot => ({
  ...slot(date),
  minutes: 240,
  status,
});
const request = (slots: ScheduleRequest['slots'], from = '2026-07-07', until = '2026-08-17') => ({
  from,
  until,
  slots,
});
const refusals = (verdict: ReturnType<typeof decideSchedule>) =>
  verdict.ok ? [] : verdict.violations.map((v) => `${v.rule} ${v.path}`);

describe('accepting a schedule', () => {
  it('SLOT-WINDOW: six weeks from tomorrow are accepted, with minutes from the times, in date order', () => {
    // Act
    const verdict = decideSchedule(
      request([slot('2026-07-08', '09:00', '11:30'), slot('2026-07-07')]),
      context({ existing: [stored('2026-07-09'), stored('2026-08-20')] }),
    );
    // Assess
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.value.slots.map((s) => [s.date, s.minutes])).toEqual([
      ['2026-07-07', 240],
      ['2026-07-08', 150],
    ]);
    // Only the window's scheduled slots are replaced; 20 August lies after it.
    expect(verdict.value.replaced.map((s) => s.date)).toEqual(['2026-07-09']);
  });

  it('SLOT-WINDOW: the window starts tomorrow at the earliest and spans at most 42 days', () => {
    expect(scheduleWindowViolations({ from: '2026-07-06', until: '2026-07-10' }, '2026-07-06')).toEqual([
      expect.objectContaining({ rule: Rule.SLOT_WINDOW, path: 'from' }),
    ]);
    expect(scheduleWindowViolations({ from: '2026-07-07', until: '2026-08-17' }, '2026-07-06')).toEqual([]);
    expect(
      scheduleWindowViolations({ from: '2026-07-07', until: '2026-08-18' }, '2026-07-06').map((v) => v.path),
    ).toEqual(['until']);
    expect(
      scheduleWindowViolations({ from: '2026-07-10', until: '2026-07-09' }, '2026-07-06').map((v) => v.path),
    ).toEqual(['until']);
  });

  it('SLOT-WINDOW: a slot outside the window, past the deadline or on a day that has one is refused by its field', () => {
    // Act
    const verdict = decideSchedule(
      request(
        [slot('2026-07-07'), slot('2026-07-07', '10:00', '12:00'), slot('2026-07-20'), slot('2026-07-02')],
        '2026-07-07',
        '2026-07-17',
      ),
      context({ plan: { ...context().plan, deadline: '2026-07-15' } }),
    );
    // Assess: one violation per slot, no echo of the planner's own range check.
    expect(refusals(verdict)).toEqual([
      `${Rule.SLOT_WINDOW} slots.1.date`,
      `${Rule.SLOT_WINDOW} slots.2.date`,
      `${Rule.SLOT_WINDOW} slots.3.date`,
    ]);
    expect(verdict.ok || verdict.siteFull).toBe(false);
  });

  it("SLOT-FULFILLED: a fulfilled slot is kept as it is, never replaced, and the request's copy of it is no change", () => {
    // Prepare: the 8th was fulfilled (a session recorded for it)
    const existing = [stored('2026-07-08', 'fulfilled'), stored('2026-07-09')];
    // Act
    const moved = decideSchedule(request([slot('2026-07-08', '09:00', '12:00')]), context({ existing }));
    const same = decideSchedule(request([slot('2026-07-08'), slot('2026-07-10')]), context({ existing }));
    const left = decideSchedule(request([]), context({ existing }));
    // Assess
    expect(refusals(moved)).toEqual([`${Rule.SLOT_FULFILLED} slots.0.date`]);
    expect(same.ok && same.value.slots.map((s) => s.date)).toEqual(['2026-07-10']);
    // Leaving it out removes only the scheduled slot of the window.
    expect(left.ok && left.value.replaced.map((s) => s.date)).toEqual(['2026-07-09']);
  });

  it("PLAN-CAPS, PLAN-HOLIDAYS: an edited slot keeps the planner's rules (placement hours, other cases' minutes, holidays)", () => {
    // Prepare: the client works 2 hours on another case on the 9th; 17 August is Independence Day
    const verdict = decideSchedule(
      request([slot('2026-07-07', '07:00', '10:00'), slot('2026-07-09'), slot('2026-08-17')]),
      context({ plan: { ...context().plan, otherWork: { '2026-07-09': 120 } } }),
    );
    // Assess
    expect(refusals(verdict)).toEqual([
      `${Rule.PLAN_CAPS} slots.0.siteId`,
      `${Rule.PLAN_CAPS} slots.1.minutes`,
      `${Rule.PLAN_HOLIDAYS} slots.2.date`,
    ]);
  });

  it('PLAN-CAPS: days kept outside the window count against the days per week', () => {
    // Prepare: two days a week; Wednesday 15 July stays scheduled, the write covers Monday–Tuesday only
    const verdict = decideSchedule(
      request([slot('2026-07-13'), slot('2026-07-14')], '2026-07-13', '2026-07-14'),
      context({
        existing: [stored('2026-07-15')],
        plan: { ...context().plan, daysPerWeek: 2 },
      }),
    );
    // Assess
    expect(refusals(verdict)).toEqual([`${Rule.PLAN_CAPS} slots.1.date`]);
  });

  it("PLAN-CAPS: a site whose places other cases took is a conflict with the site's state, not bad input", () => {
    // Prepare: both places of the 7th are taken by other cases
    const full = decideSchedule(
      request([slot('2026-07-07')]),
      context({ booked: { '2026-07-07': { 'masjid-bara': 2 } } }),
    );
    const room = decideSchedule(
      request([slot('2026-07-07')]),
      context({ booked: { '2026-07-07': { 'masjid-bara': 1 } } }),
    );
    // Assess
    expect(full.ok).toBe(false);
    if (full.ok) return;
    expect(full.siteFull).toBe(true);
    expect(full.violations).toEqual([
      expect.objectContaining({
        rule: Rule.PLAN_CAPS,
        path: 'slots.0.siteId',
        message: expect.stringContaining('2 of 2'),
      }),
    ]);
    expect(room.ok).toBe(true);
  });

  it('CR-CASE-STATUS: a case whose work is not under way takes no schedule', () => {
    const verdict = decideSchedule(request([slot('2026-07-07')]), context({ status: 'referred' }));
    expect(refusals(verdict)).toEqual([`${Rule.CR_CASE_STATUS} status`]);
  });
});

describe('how slots are shown and counted', () => {
  it('a scheduled slot whose day has ended shows as missed; fulfilled and later ones as they are', () => {
    expect(slotViewOf({ status: 'scheduled', date: '2026-07-05' }, '2026-07-06')).toBe('missed');
    expect(slotViewOf({ status: 'scheduled', date: '2026-07-06' }, '2026-07-06')).toBe('scheduled');
    expect(slotViewOf({ status: 'fulfilled', date: '2026-07-05' }, '2026-07-06')).toBe('fulfilled');
  });

  it("a site's places in a week are its clients per day times the week's days that are not holidays", () => {
    // The week of 17 August 2026 holds Independence Day; the week of 6 July none.
    expect(siteWeekCapacity(3, '2026-07-06', calendar)).toBe(21);
    expect(siteWeekCapacity(3, '2026-08-17', calendar)).toBe(18);
  });
});

describe('voidSlots: the slots nobody is to come for any more', () => {
  const weekdays = { siteId: 'S1', weekdays: [1, 2, 3, 4, 5], from: '2026-05-01', until: '2026-05-31' };
  const held = (date: string, siteId = 'S1', status: 'scheduled' | 'fulfilled' = 'scheduled') => ({
    date,
    siteId,
    status,
  });
  // Monday 11 May 2026 is "today".
  const today = '2026-05-11';

  it('keeps every slot a placement in force covers, and the past and fulfilled ones whatever happened', () => {
    const slots = [held('2026-05-08'), held('2026-05-11', 'S1', 'fulfilled'), held('2026-05-12')];
    expect(voidSlots('active', [weekdays], slots, today)).toEqual([]);
    expect(
      voidSlots('completed', [], [held('2026-05-08'), held('2026-05-11', 'S1', 'fulfilled')], today),
    ).toEqual([]);
  });

  it('gives up, from today on, every scheduled slot of a case that no longer takes sessions', () => {
    const slots = [held('2026-05-08'), held('2026-05-11'), held('2026-05-20')];
    for (const status of ['referred', 'completed', 'terminated'] as const) {
      expect(voidSlots(status, [weekdays], slots, today)).toEqual([held('2026-05-11'), held('2026-05-20')]);
    }
  });

  it('gives up the slots outside every placement: another site, a weekday it left, after its end', () => {
    const slots = [held('2026-05-12', 'S2'), held('2026-05-16'), held('2026-06-02'), held('2026-05-13')];
    expect(voidSlots('warned', [weekdays], slots, today)).toEqual([
      held('2026-05-12', 'S2'),
      held('2026-05-16'),
      held('2026-06-02'),
    ]);
  });
});
