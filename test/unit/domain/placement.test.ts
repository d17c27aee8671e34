import { describe, expect, it } from 'vitest';
import { validatePlacement, type PlacementContext, type PlacementRequest } from '../../../functions/domain';
import { rules } from './violations';

const REQ: PlacementRequest = {
  siteId: 'site-1',
  weekdays: [6, 7],
  startTime: '08:00',
  endTime: '11:00',
  from: '2026-02-07',
  until: '2026-05-02',
};

const CTX: PlacementContext = {
  partner: { nonCommercial: true, agreement: { validFrom: '2026-01-12', validUntil: '2027-01-11' } },
  site: { active: true, capacity: 2 },
  case: { startDate: '2026-02-02', deadline: '2026-05-02', maxHoursPerDay: 3 },
  occupancyByWeekday: { 6: 1 },
};

const check = (req: Partial<PlacementRequest> = {}, ctx: Partial<PlacementContext> = {}) => {
  return rules(validatePlacement({ ...REQ, ...req }, { ...CTX, ...ctx }));
};

describe('placements', () => {
  it('accepts a weekend placement at an active non-commercial site with room', () => {
    expect(check()).toEqual([]);
  });

  it('PL-NONCOMMERCIAL refuses a commercial partner (KUHP 85(3))', () => {
    expect(check({}, { partner: { ...CTX.partner, nonCommercial: false } })).toEqual([
      'PL-NONCOMMERCIAL siteId',
    ]);
  });

  it('PL-AGREEMENT refuses a period the agreement does not cover at either end, and accepts exact edges', () => {
    const agreement = { validFrom: '2026-02-07', validUntil: '2026-05-02' };
    expect(check({}, { partner: { nonCommercial: true, agreement } })).toEqual([]);
    expect(check({ from: '2026-02-06' }, { partner: { nonCommercial: true, agreement } })).toEqual([
      'PL-AGREEMENT from',
    ]);
    expect(
      check(
        {},
        {
          partner: { nonCommercial: true, agreement: { validFrom: '2026-01-01', validUntil: '2026-05-01' } },
        },
      ),
    ).toEqual(['PL-AGREEMENT until']);
    expect(
      check(
        {},
        { partner: { nonCommercial: true, agreement: { validFrom: '2026-01-01', validUntil: null } } },
      ),
    ).toEqual([]);
  });

  it('PL-SITE-ACTIVE refuses an inactive site', () => {
    expect(check({}, { site: { active: false, capacity: 2 } })).toEqual(['PL-SITE-ACTIVE siteId']);
  });

  it('PL-CAPACITY refuses a weekday already full and names it', () => {
    expect(check({}, { occupancyByWeekday: { 6: 1, 7: 2 } })).toEqual(['PL-CAPACITY weekdays.1']);
    expect(check({}, { site: { active: true, capacity: 1 } })).toEqual(['PL-CAPACITY weekdays.0']);
  });

  it('PL-PER-DAY accepts a schedule of exactly the daily limit and refuses one minute more', () => {
    expect(check({ endTime: '11:00' })).toEqual([]);
    expect(check({ endTime: '11:01' })).toEqual(['PL-PER-DAY endTime']);
  });

  it('PL-WINDOW keeps the placement inside the sentence period', () => {
    expect(check({ from: '2026-02-01' })).toEqual(['PL-WINDOW from']);
    expect(check({ until: '2026-05-03' })).toEqual(['PL-WINDOW until']);
    expect(check({ from: '2026-03-01', until: '2026-02-28' })).toEqual(['PL-WINDOW until']);
  });

  it('PL-WEEKDAYS needs distinct ISO weekdays 1–7', () => {
    expect(check({ weekdays: [] })).toEqual(['PL-WEEKDAYS weekdays']);
    expect(check({ weekdays: [0, 8, 1.5] })).toEqual([
      'PL-WEEKDAYS weekdays.0',
      'PL-WEEKDAYS weekdays.1',
      'PL-WEEKDAYS weekdays.2',
    ]);
    expect(check({ weekdays: [7, 7] })).toEqual(['PL-WEEKDAYS weekdays.1']);
  });

  it('TIME-RANGE refuses a schedule ending before it starts, and INPUT-FORMAT a malformed one', () => {
    expect(check({ startTime: '11:00', endTime: '08:00' })).toEqual(['TIME-RANGE endTime']);
    expect(check({ startTime: '8am', from: '2026-02-30' })).toEqual([
      'INPUT-FORMAT from',
      'INPUT-FORMAT startTime',
    ]);
  });
});
