import type * as z from 'zod';
import { officeHolidaysOfYear, setOfficeHolidays } from '../../actions/offices/office-holidays';
import { officeLocalNow } from '../../domain';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { defineRoute } from '../route';
import { officeParams } from '../schemas/common';
import { holidaysQuery, officeHolidaysBody, officeHolidaysSchema } from '../schemas/holidays';

/**
 * The office's holiday calendar (issue 15): the 2026 SKB built in, the lists the office entered and its
 * own edits. The planner counts it; reading it costs no call (it lives on the office item the guard read).
 */
export const getOfficeHolidays = defineRoute<
  z.infer<typeof officeParams>,
  z.infer<typeof holidaysQuery>,
  unknown,
  InOffice
>({
  operationId: 'getOfficeHolidays',
  method: 'GET',
  path: '/v1/offices/{officeId}/holidays',
  summary: "The office's non-working days of a year: national holidays, cuti bersama and its own",
  tags: ['identity'],
  access: access.office(staff.readers, 'cases:read'),
  params: officeParams,
  query: holidaysQuery,
  responses: { 200: { description: 'The calendar of the year', schema: officeHolidaysSchema } },
  async handle({ access: grant, query, deps }) {
    const year = query.year ?? Number(officeLocalNow(grant.office, deps.now()).today.slice(0, 4));
    return { status: 200, body: officeHolidaysOfYear(grant.office, year) };
  },
});

export const putOfficeHolidays = defineRoute<
  z.infer<typeof officeParams>,
  z.infer<typeof holidaysQuery>,
  z.infer<typeof officeHolidaysBody>,
  InOffice
>({
  operationId: 'putOfficeHolidays',
  method: 'PUT',
  path: '/v1/offices/{officeId}/holidays',
  summary: "Replace the office's entered SKB lists and its holiday edits (local days, isbat moves); audited",
  tags: ['identity'],
  access: access.office(['admin']),
  params: officeParams,
  query: holidaysQuery,
  body: officeHolidaysBody,
  responses: {
    200: {
      description: 'The calendar of the year asked for (default: this year)',
      schema: officeHolidaysSchema,
    },
  },
  async handle({ access: grant, query, body, deps }) {
    const office = await setOfficeHolidays(deps, grant, body);
    const year = query.year ?? Number(officeLocalNow(office, deps.now()).today.slice(0, 4));
    return { status: 200, body: officeHolidaysOfYear(office, year) };
  },
});
