import { describe, expect, it } from 'vitest';
import {
  canPlace,
  capacityViolations,
  combinedScheduleViolations,
  placementEndDate,
  siteAfterEnding,
  statusAfterPlacement,
  validateNewPlacement,
  type PlacementContext,
  type ScheduledPlacement,
} from '../../../functions/domain';
import { rules } from './violations';

const pathsOf = (violations: { rule: string; path: string }[]) =>
  violations.map((v) => `${v.rule} ${v.path}`);

const request = {
  siteId: 'site-a',
  weekdays: [2, 4],
  startTime: '08:00',
  endTime: '10:00',
  from: '2026-03-03',
  until: '2026-06-30',
};

const placed = (overrides: Partial<ScheduledPlacement> = {}): ScheduledPlacement => ({
  id: 'p1',
  siteId: 'site-a',
  weekdays: [2],
  startTime: '13:00',
  endTime: '16:00',
  from: '2026-03-01',
  until: '2026-06-30',
  status: 'active',
  ...overrides,
});

const context: PlacementContext = {
  partner: { nonCommercial: true, agreement: { validFrom: '2026-01-01' } },
  site: { active: true, capacity: 2 },
  case: { startDate: '2026-03-01', deadline: '2026-06-30', maxHoursPerDay: 4 },
  occupancyByWeekday: {},
};

describe('placing a case', () => {
  it('LC-TRANSITION: an assessed, placed, active or warned case may be placed; others not, on caseId', () => {
    for (const status of ['assessed', 'placed', 'active', 'warned'] as const)
      expect(canPlace(status).ok).toBe(true);
    for (const status of ['received', 'referred', 'repeated', 'completed', 'closed'] as const) {
      expect(rules(canPlace(status))).toEqual(['LC-TRANSITION caseId']);
    }
    expect(statusAfterPlacement('assessed')).toBe('placed');
    expect(statusAfterPlacement('active')).toBe('active');
  });

  it("PL-PER-DAY: the case's placements on one weekday fit its hours a day together", () => {
    // Act: 2 hours on Tuesday and Thursday, next to 3 hours on Tuesday
    const over = combinedScheduleViolations(request, [placed()], 4);
    const ended = combinedScheduleViolations(request, [placed({ status: 'ended' })], 4);
    const before = combinedScheduleViolations(request, [placed({ until: '2026-03-02' })], 4);
    // Assess: only the overlapping, active one counts, on the weekday it shares
    expect(pathsOf(over)).toEqual(['PL-PER-DAY weekdays.0']);
    expect(over[0]!.message).toContain('p1');
    expect(ended).toEqual([]);
    expect(before).toEqual([]);
  });

  it('PL-WINDOW: a placement already over before today is refused on until', () => {
    // Act
    const over = validateNewPlacement(
      { ...request, from: '2026-03-01', until: '2026-03-02' },
      { ...context, today: '2026-03-03', others: [] },
    );
    const running = validateNewPlacement(request, { ...context, today: '2026-03-03', others: [] });
    // Assess
    expect(rules(over)).toEqual(['PL-WINDOW until']);
    expect(running).toEqual({ ok: true, value: request });
  });

  it('PL-CAPACITY: a full site names itself and each full weekday', () => {
    // Act
    const violations = capacityViolations([2, 4], { capacity: 2, occupancyByWeekday: { 2: 2, 4: 1 } });
    // Assess
    expect(pathsOf(violations)).toEqual(['PL-CAPACITY siteId', 'PL-CAPACITY weekdays.0']);
    expect(violations[0]!.message).toBe('The site is full (capacity 2) on weekday 2.');
  });
});

describe('ending a placement', () => {
  it('PL-WINDOW: ends today by default, moved into the period, and refuses a date outside it', () => {
    const period = { from: '2026-03-03', until: '2026-06-30' };
    expect(placementEndDate(period, '2026-04-01')).toEqual({ ok: true, value: '2026-04-01' });
    expect(placementEndDate(period, '2026-03-01')).toEqual({ ok: true, value: '2026-03-03' });
    expect(placementEndDate(period, '2026-07-05')).toEqual({ ok: true, value: '2026-06-30' });
    expect(placementEndDate(period, '2026-04-01', '2026-05-01')).toEqual({ ok: true, value: '2026-05-01' });
    expect(rules(placementEndDate(period, '2026-04-01', '2026-07-01'))).toEqual(['PL-WINDOW query.endOn']);
  });

  it("moves the case's current site to its newest other active placement, or none", () => {
    // Prepare: newest first
    const all = [placed({ id: 'p3', siteId: 'site-c' }), placed({ id: 'p2', siteId: 'site-b' }), placed()];
    // Act / Assess
    expect(siteAfterEnding('site-c', all[0]!, all)).toBe('site-b');
    expect(siteAfterEnding('site-c', all[2]!, all)).toBe('site-c');
    expect(siteAfterEnding('site-a', placed(), [placed()])).toBeUndefined();
  });
});
