import { describe, expect, it } from 'vitest';
import {
  daysPerWeekViolations,
  isoWeekOf,
  placementInForce,
  sessionRealityViolations,
  sessionSiteViolations,
  type PartnerForPlacement,
} from '../../../functions/domain';

const asRules = (violations: readonly { rule: string; path: string }[]) =>
  violations.map((v) => `${v.rule} ${v.path}`);

// Mondays and Wednesdays at site-a in March; 2026-03-02 is a Monday.
const PLACEMENT = { siteId: 'site-a', weekdays: [1, 3], from: '2026-03-02', until: '2026-03-31' };
const PARTNER: PartnerForPlacement = {
  nonCommercial: true,
  agreement: { validFrom: '2026-01-12', validUntil: '2026-03-20' },
};

const siteRules = (date: string, siteId = 'site-a', partner: PartnerForPlacement | undefined = PARTNER) =>
  asRules(sessionSiteViolations({ date, siteId }, [PLACEMENT], partner));

describe('a session against its placements and the partner', () => {
  it('CR-SESSION-SITE accepts a session at the placement site on a placement weekday within its period', () => {
    expect(siteRules('2026-03-02')).toEqual([]);
    expect(siteRules('2026-03-04')).toEqual([]);
  });

  it('CR-SESSION-SITE refuses another site, another weekday and a date outside the period', () => {
    expect(siteRules('2026-03-02', 'site-b')).toEqual(['CR-SESSION-SITE siteId']);
    expect(siteRules('2026-03-03')).toEqual(['CR-SESSION-SITE siteId']);
    expect(siteRules('2026-02-25')).toEqual(['CR-SESSION-SITE siteId']);
    expect(siteRules('2026-04-01')).toEqual(['CR-SESSION-SITE siteId']);
  });

  it('CR-SESSION-SITE refuses a case with no placement at all', () => {
    expect(asRules(sessionSiteViolations({ date: '2026-03-02', siteId: 'site-a' }, [], PARTNER))).toEqual([
      'CR-SESSION-SITE siteId',
    ]);
  });

  it('CR-SESSION-SITE counts an ended placement for the days it ran, up to its last day', () => {
    const ended = { ...PLACEMENT, until: '2026-03-09' };
    expect(placementInForce([ended], 'site-a', '2026-03-09')).toBe(ended);
    expect(placementInForce([ended], 'site-a', '2026-03-11')).toBeUndefined();
  });

  it("CR-SESSION-PARTNER refuses a day outside the partner's agreement, both ends valid", () => {
    expect(siteRules('2026-03-16')).toEqual([]);
    expect(siteRules('2026-03-23')).toEqual(['CR-SESSION-PARTNER date']);
    const openEnded = { ...PARTNER, agreement: { validFrom: '2026-03-04' } };
    expect(siteRules('2026-03-02', 'site-a', openEnded)).toEqual(['CR-SESSION-PARTNER date']);
    expect(siteRules('2026-03-30', 'site-a', openEnded)).toEqual([]);
  });

  it('CR-SESSION-PARTNER refuses a commercial partner, or one not on record', () => {
    expect(siteRules('2026-03-02', 'site-a', { ...PARTNER, nonCommercial: false })).toEqual([
      'CR-SESSION-PARTNER siteId',
    ]);
    expect(
      asRules(sessionSiteViolations({ date: '2026-03-02', siteId: 'site-a' }, [PLACEMENT], undefined)),
    ).toEqual(['CR-SESSION-PARTNER siteId']);
  });
});

describe("the decision's days per week", () => {
  const work = (date: string, workedMinutes = 120) => ({ date, workedMinutes });
  const dayRules = (
    date: string,
    outcome: 'attended' | 'unexcused_absence',
    other: { date: string; workedMinutes: number }[],
    days?: number,
  ) => asRules(daysPerWeekViolations({ date, outcome }, days, other));

  it('CR-DAYS-PER-WEEK refuses work on a third day of an ISO week for a two-day order', () => {
    const week = [work('2026-03-02'), work('2026-03-04')];
    expect(dayRules('2026-03-06', 'attended', week, 2)).toEqual(['CR-DAYS-PER-WEEK date']);
    expect(dayRules('2026-03-06', 'attended', week.slice(0, 1), 2)).toEqual([]);
  });

  it('CR-DAYS-PER-WEEK allows more work on a day that already has work, and a new ISO week', () => {
    const week = [work('2026-03-02'), work('2026-03-04')];
    expect(dayRules('2026-03-04', 'attended', week, 2)).toEqual([]);
    // Sunday 8 March closes the week of 2 March; Monday 9 March opens the next.
    expect(dayRules('2026-03-09', 'attended', [...week, work('2026-03-08')], 2)).toEqual([]);
    expect(isoWeekOf('2026-03-08')).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
  });

  it('CR-DAYS-PER-WEEK: absences use no day and are always recorded; no order, no limit', () => {
    const week = [work('2026-03-02'), work('2026-03-03', 0)];
    expect(dayRules('2026-03-04', 'attended', week, 2)).toEqual([]);
    expect(dayRules('2026-03-05', 'unexcused_absence', [...week, work('2026-03-04')], 2)).toEqual([]);
    expect(dayRules('2026-03-05', 'attended', [...week, work('2026-03-04')], undefined)).toEqual([]);
  });

  it('CR-DAYS-PER-WEEK and CR-SESSION-SITE are reported together, site first', () => {
    const violations = sessionRealityViolations({
      session: { date: '2026-03-05', siteId: 'site-a', outcome: 'attended' },
      placements: [PLACEMENT],
      partner: PARTNER,
      daysPerWeek: 1,
      otherWork: [work('2026-03-02')],
    });
    expect(asRules(violations)).toEqual(['CR-SESSION-SITE siteId', 'CR-DAYS-PER-WEEK date']);
  });
});
