import * as z from 'zod';
import { HOLIDAY_KINDS } from '../../domain';
import { localDate } from './common';

const holidayDay = z
  .object({
    date: localDate,
    kind: z.enum(HOLIDAY_KINDS).describe('libur_nasional, cuti_bersama (collective leave) or local'),
    name: z.string().trim().min(1).max(120),
  })
  .meta({ id: 'HolidayDay' });

const stamp = {
  by: z.string().optional().describe('Who entered the edit (set by Abdi)'),
  at: z.string().optional().describe('When (set by Abdi)'),
  reason: z.string().trim().max(300).optional(),
};

const holidayEdit = z
  .discriminatedUnion('op', [
    z.object({ op: z.literal('add'), day: holidayDay, ...stamp }),
    z.object({ op: z.literal('remove'), date: localDate, ...stamp }),
    z.object({ op: z.literal('move'), date: localDate, to: localDate, ...stamp }).describe('An isbat shift'),
  ])
  .meta({ id: 'HolidayEdit' });

const holidayList = z
  .object({
    year: z.number().int().min(2026).max(2100),
    source: z.string().trim().min(1).max(300).describe('The SKB, e.g. "SKB 3 Menteri Nomor … Tahun 2026"'),
    days: z.array(holidayDay).max(60),
  })
  .meta({ id: 'HolidayList' });

export const officeHolidaysBody = z
  .object({
    lists: z
      .array(holidayList)
      .max(10)
      .describe('National lists the office entered (the 2026 SKB is built in)'),
    edits: z.array(holidayEdit).max(300).describe('Applied in order after the lists'),
  })
  .strict();

export const holidaysQuery = z.object({
  year: z.coerce.number().int().min(2026).max(2100).optional().describe('Default: this year in the office'),
});

export const officeHolidaysSchema = z
  .object({
    year: z.number().int(),
    days: z.array(holidayDay).describe('Every non-working day of the year, in date order'),
    lastPublishedYear: z.number().int(),
    provisional: z.boolean().describe('No SKB list for this year yet: plans into it may change'),
    lists: z.array(holidayList),
    edits: z.array(holidayEdit),
    ignoredEdits: z.array(holidayEdit).describe('Removals or moves of a date that is no holiday'),
  })
  .meta({ id: 'OfficeHolidays' });
