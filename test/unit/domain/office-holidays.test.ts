import { describe, expect, it } from 'vitest';
import { holidayCalendarOf, officeHolidays } from '../../../functions/domain';

describe('an office holiday calendar', () => {
  it('HOLIDAY-EDITS: refuses dates that are not dates, a list day outside its year, an unnamed day and a move to the same date', () => {
    const result = officeHolidays({
      lists: [
        {
          year: 2027,
          source: 'SKB 3 Menteri 2027',
          days: [{ date: '2028-01-01', kind: 'libur_nasional', name: 'X' }],
        },
        { year: 2027, source: ' ', days: [] },
      ],
      edits: [
        { op: 'add', day: { date: '2026-02-30', kind: 'local', name: '' } },
        { op: 'move', date: '2026-03-21', to: '2026-03-21' },
      ],
    });

    expect(result.ok).toBe(false);
    expect(!result.ok && result.violations.map((v) => `${v.rule} ${v.path}`).sort()).toEqual([
      'HOLIDAY-EDITS edits.0.day.date',
      'HOLIDAY-EDITS edits.0.day.name',
      'HOLIDAY-EDITS edits.1.to',
      'HOLIDAY-EDITS lists.0.days.0.date',
      'HOLIDAY-EDITS lists.1.source',
      'HOLIDAY-EDITS lists.1.year',
    ]);
  });

  it("HOLIDAY-EDITS: an office's local day and an isbat move change its calendar; a 2027 list ends 2026 being the last published", () => {
    const office = {
      holidays: {
        lists: [
          {
            year: 2027,
            source: 'SKB 3 Menteri 2027',
            days: [{ date: '2027-01-01', kind: 'libur_nasional' as const, name: 'Tahun Baru' }],
          },
        ],
        edits: [
          {
            op: 'add' as const,
            day: { date: '2026-04-28', kind: 'local' as const, name: 'Hari jadi Kota Palopo' },
          },
          { op: 'move' as const, date: '2026-03-21', to: '2026-03-22' },
        ],
      },
    };
    expect(officeHolidays(office.holidays).ok).toBe(true);

    const calendar = holidayCalendarOf(office);
    const seedOnly = holidayCalendarOf({});

    expect(calendar.isHoliday('2026-04-28')).toBe(true);
    expect(seedOnly.isHoliday('2026-04-28')).toBe(false);
    expect(calendar.lastPublishedYear).toBe(2027);
    expect(seedOnly.lastPublishedYear).toBe(2026);
    expect(calendar.isHoliday('2027-01-01')).toBe(true);
  });
});
