import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OFFICE_POLICY,
  flagsAfterSession,
  schoolHoursFlag,
  validateOfficePolicy,
  type CaseFlag,
} from '../../../functions/domain';

const school = { weekdays: [1, 2, 3, 4, 5], start: '07:00', end: '13:00' };
// 13 April 2026 is a Monday, 18 April a Saturday.
const at = (date: string, startTime: string, endTime: string) => ({ date, startTime, endTime });

describe('office policy', () => {
  it('OFFICE-POLICY accepts the defaults and a six-day school week', () => {
    expect(validateOfficePolicy(DEFAULT_OFFICE_POLICY).ok).toBe(true);
    const saturdays = { ...DEFAULT_OFFICE_POLICY, schoolHours: { ...school, weekdays: [1, 2, 3, 4, 5, 6] } };
    expect(validateOfficePolicy(saturdays).ok).toBe(true);
  });

  it.each([
    ['no hours', { childMaxHoursPerDay: 0 }, 'childMaxHoursPerDay'],
    ['more than an adult', { childMaxHoursPerDay: 9 }, 'childMaxHoursPerDay'],
    ['half hours', { childMaxHoursPerDay: 2.5 }, 'childMaxHoursPerDay'],
    ['no school day', { schoolHours: { ...school, weekdays: [] } }, 'schoolHours.weekdays'],
    ['a day twice', { schoolHours: { ...school, weekdays: [1, 1] } }, 'schoolHours.weekdays'],
    ['day 8', { schoolHours: { ...school, weekdays: [8] } }, 'schoolHours.weekdays'],
    ['ending at its start', { schoolHours: { ...school, end: '07:00' } }, 'schoolHours.end'],
    [
      'ending before its start',
      { schoolHours: { ...school, start: '13:00', end: '07:00' } },
      'schoolHours.end',
    ],
  ])('OFFICE-POLICY refuses %s, naming %s', (_name, change, path) => {
    const result = validateOfficePolicy({ ...DEFAULT_OFFICE_POLICY, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.violations).toEqual([expect.objectContaining({ rule: 'OFFICE-POLICY', path })]);
  });
});

describe("a child's session and school hours", () => {
  it('CHILD-SCHOOL-HOURS flags a school-day session overlapping school hours, at either end', () => {
    expect(schoolHoursFlag(at('2026-04-13', '09:00', '11:00'), school)).toMatchObject({
      rule: 'CHILD-SCHOOL-HOURS',
      path: 'startTime',
    });
    expect(schoolHoursFlag(at('2026-04-13', '06:00', '07:30'), school)?.rule).toBe('CHILD-SCHOOL-HOURS');
    expect(schoolHoursFlag(at('2026-04-13', '12:30', '15:00'), school)?.rule).toBe('CHILD-SCHOOL-HOURS');
    expect(schoolHoursFlag(at('2026-04-13', '09:00', '11:00'), school)?.message).toContain('SPPA 73(8)');
  });

  it('CHILD-SCHOOL-HOURS leaves a session touching the edges, an afternoon, and a non-school day alone', () => {
    expect(schoolHoursFlag(at('2026-04-13', '05:00', '07:00'), school)).toBeUndefined();
    expect(schoolHoursFlag(at('2026-04-13', '13:00', '16:00'), school)).toBeUndefined();
    expect(schoolHoursFlag(at('2026-04-18', '08:00', '11:00'), school)).toBeUndefined();
    expect(
      schoolHoursFlag(at('2026-04-18', '08:00', '11:00'), { ...school, weekdays: [1, 2, 3, 4, 5, 6] }),
    ).toBeDefined();
  });

  it("CHILD-SCHOOL-HOURS is raised on the case once: later sessions leave the case's flags as they are", () => {
    const flag = schoolHoursFlag(at('2026-04-13', '09:00', '11:00'), school)!;
    const consent: CaseFlag = { rule: 'KS-CONSENT', path: 'consent', message: 'No consent on record.' };
    const once = flagsAfterSession([consent], flag);
    expect(once).toEqual([consent, flag]);
    const later = schoolHoursFlag(at('2026-04-14', '09:00', '11:00'), school);
    expect(flagsAfterSession(once, later)).toBe(once);
    expect(flagsAfterSession(once, undefined)).toBe(once);
  });
});
