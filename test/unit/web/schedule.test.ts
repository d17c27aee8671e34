import { describe, expect, it } from 'vitest';
import type { OfficeHolidays, ScheduledSlot } from '../../../web/src/lib/api-types';
import {
  acceptBody,
  dayLines,
  editBody,
  loadLevel,
  loadPercent,
  mergeSchedule,
  mondayOf,
  officeAddedDates,
  parseDayLines,
  removeBody,
  slotOfPath,
  withOfficeDay,
  withoutOfficeDay,
  withYearList,
} from '../../../web/src/lib/schedule';

const planned = (date: string) => ({
  date,
  siteId: 'site-a',
  startTime: '08:00',
  endTime: '12:00',
  hours: 4,
});
const slot = (date: string, status: ScheduledSlot['status'] = 'scheduled'): ScheduledSlot => ({
  caseId: 'c1',
  ...planned(date),
  status,
});

describe('the schedule screens', () => {
  it('accepts the six weeks from the plan start: from .. from + 41, and only the slots inside', () => {
    // Prepare
    const plan = { from: '2026-12-08', slots: ['2026-12-12', '2027-01-18', '2027-01-19'].map(planned) };
    // Act
    const body = acceptBody(plan);
    // Assess
    expect(body.from).toBe('2026-12-08');
    expect(body.until).toBe('2027-01-18');
    expect(body.slots.map((s) => s.date)).toEqual(['2026-12-12', '2027-01-18']);
    expect(body.slots[0]).toEqual({
      date: '2026-12-12',
      siteId: 'site-a',
      startTime: '08:00',
      endTime: '12:00',
    });
  });

  it('removes one day with a PUT of that day and no slot', () => {
    expect(removeBody('2026-12-14')).toEqual({ from: '2026-12-14', until: '2026-12-14', slots: [] });
  });

  it('moves a slot with a PUT from the earlier to the later date that keeps the scheduled slots between', () => {
    const schedule = [
      slot('2026-12-12'),
      slot('2026-12-14'),
      slot('2026-12-15', 'fulfilled'),
      slot('2026-12-19'),
    ];
    const body = editBody(schedule, schedule[0]!, { ...planned('2026-12-16'), startTime: '09:00' });
    expect(body).toEqual({
      from: '2026-12-12',
      until: '2026-12-16',
      slots: [
        { date: '2026-12-14', siteId: 'site-a', startTime: '08:00', endTime: '12:00' },
        { date: '2026-12-16', siteId: 'site-a', startTime: '09:00', endTime: '12:00' },
      ],
    });
    // Backwards works too, and a move of more than 42 days cannot be one PUT.
    expect(editBody(schedule, schedule[3]!, planned('2026-12-13'))?.from).toBe('2026-12-13');
    expect(editBody(schedule, schedule[0]!, planned('2027-01-23'))).toBeNull();
  });

  it('merges a PUT answer: the range loses its scheduled slots, keeps fulfilled ones, takes the answer', () => {
    const current = [
      slot('2026-12-12'),
      slot('2026-12-14'),
      slot('2026-12-15', 'fulfilled'),
      slot('2026-12-30'),
    ];
    const merged = mergeSchedule(current, { from: '2026-12-12', until: '2026-12-20' }, [slot('2026-12-13')]);
    expect(merged.map((s) => `${s.date}:${s.status}`)).toEqual([
      '2026-12-13:scheduled',
      '2026-12-15:fulfilled',
      '2026-12-30:scheduled',
    ]);
  });

  it("names the day a refused slot's error is about", () => {
    const body = acceptBody({ from: '2026-12-08', slots: ['2026-12-12', '2026-12-14'].map(planned) });
    expect(slotOfPath('slots.1.date', body)?.date).toBe('2026-12-14');
    expect(slotOfPath('body.slots.0', body)?.date).toBe('2026-12-12');
    expect(slotOfPath('from', body)).toBeUndefined();
  });

  it('finds the Monday of a week and marks a site 90 % full or more', () => {
    expect(mondayOf('2026-12-07')).toBe('2026-12-07');
    expect(mondayOf('2026-12-13')).toBe('2026-12-07');
    expect(loadLevel(8, 10)).toBe('low');
    expect(loadLevel(9, 10)).toBe('high');
    expect(loadLevel(10, 10)).toBe('high');
    expect(loadLevel(11, 10)).toBe('over');
    expect(loadLevel(0, 0)).toBe('low');
    expect(loadLevel(1, 0)).toBe('over');
    expect(loadPercent(9, 12)).toBe(75);
    expect(loadPercent(3, 0)).toBe(0);
  });

  it("edits the office's holiday calendar without touching what it does not change", () => {
    const calendar: Pick<OfficeHolidays, 'lists' | 'edits'> = {
      lists: [{ year: 2027, source: 'SKB 2027 (old)', days: [] }],
      edits: [
        { op: 'remove', date: '2026-12-24' },
        { op: 'add', day: { date: '2026-12-31', kind: 'local', name: 'Hari Jadi' }, by: 'admin', at: 'x' },
      ],
    };
    expect([...officeAddedDates(calendar.edits)]).toEqual(['2026-12-31']);

    const added = withOfficeDay(calendar, { date: '2027-01-23', kind: 'local', name: 'Hari Jadi Kota' });
    expect(added.edits).toHaveLength(3);
    expect(added.edits[2]).toEqual({
      op: 'add',
      day: { date: '2027-01-23', kind: 'local', name: 'Hari Jadi Kota' },
    });
    expect(added.lists).toEqual(calendar.lists);

    const removed = withoutOfficeDay(calendar, '2026-12-31');
    expect(removed.edits).toEqual([{ op: 'remove', date: '2026-12-24' }]);

    const list = {
      year: 2027,
      source: 'SKB 2027',
      days: [{ date: '2027-01-01', kind: 'libur_nasional' as const, name: 'Tahun Baru' }],
    };
    expect(withYearList(calendar, list).lists).toEqual([list]);
    expect(withYearList(calendar, { ...list, year: 2028, days: [] }).lists.map((l) => l.year)).toEqual([
      2027, 2028,
    ]);
  });

  it('reads the SKB form one day a line and names the lines that are not', () => {
    const { days, bad } = parseDayLines(
      '2027-01-01 Tahun Baru 2027 Masehi\n\nsalah\n 2027-02-06  Imlek ',
      'cuti_bersama',
    );
    expect(days).toEqual([
      { date: '2027-01-01', kind: 'cuti_bersama', name: 'Tahun Baru 2027 Masehi' },
      { date: '2027-02-06', kind: 'cuti_bersama', name: 'Imlek' },
    ]);
    expect(bad).toEqual([3]);
  });

  it('reads SKB dates day first or as the decree writes them, and writes them back day first', () => {
    const { days, bad } = parseDayLines(
      '01/01/2027 Tahun Baru 2027 Masehi\n6 Februari 2027 Tahun Baru Imlek\n02/13/2027 Salah\n31/02/2027 Tidak ada',
      'libur_nasional',
    );
    expect(days).toEqual([
      { date: '2027-01-01', kind: 'libur_nasional', name: 'Tahun Baru 2027 Masehi' },
      { date: '2027-02-06', kind: 'libur_nasional', name: 'Tahun Baru Imlek' },
    ]);
    // Month first (month 13) and a day February does not have are named, not guessed or moved.
    expect(bad).toEqual([3, 4]);
    expect(dayLines(days, 'libur_nasional')).toBe(
      '01/01/2027 Tahun Baru 2027 Masehi\n06/02/2027 Tahun Baru Imlek',
    );
  });
});
