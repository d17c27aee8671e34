import type * as z from 'zod';
import { caseSchedule, officeDay, siteLoad, type Schedule } from '../../actions/schedule/queries';
import { setSchedule } from '../../actions/schedule/set-schedule';
import { minutesToHours, slotViewOf } from '../../domain';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { defineRoute } from '../route';
import { readAheadCase } from '../route-kit';
import { caseIdParams } from '../schemas/cases';
import { officeParams } from '../schemas/common';
import {
  officeDayQuery,
  officeDaySchema,
  putScheduleBody,
  scheduleSchema,
  siteLoadQuery,
  siteLoadSchema,
  slotSchema,
} from '../schemas/schedule';

type CaseParams = z.infer<typeof caseIdParams>;
type OfficeParams = z.infer<typeof officeParams>;

/** Office-wide load: the office's staff, the jaksa, the Kanwil and partner systems; not site supervisors. */
const LOAD_READERS = ['admin', 'officer', 'prosecutor', 'regional', 'integration'] as const;

/** The response shape: minutes become hours, and a scheduled slot whose day ended shows as missed. */
const presentSchedule = ({ today, items }: Schedule): z.input<typeof slotSchema>[] =>
  items.map((slot) => ({
    caseId: slot.caseId,
    date: slot.date,
    siteId: slot.siteId,
    startTime: slot.startTime,
    endTime: slot.endTime,
    hours: minutesToHours(slot.minutes),
    status: slotViewOf(slot, today),
    ...(slot.sessionId ? { sessionId: slot.sessionId } : {}),
  }));

export const getCaseSchedule = defineRoute<CaseParams, unknown, unknown, InOffice>({
  operationId: 'getCaseSchedule',
  method: 'GET',
  path: '/v1/offices/{officeId}/cases/{caseId}/schedule',
  summary: "A case's accepted slots, in date order: scheduled, fulfilled by a session, or missed",
  description:
    'What the PK accepted (PUT), unlike `…/plan`, which only proposes. Calls: the guard reads the case, then one Query.',
  tags: ['schedule'],
  access: access.office(staff.readers, 'cases:read'),
  params: caseIdParams,
  readAhead: readAheadCase,
  responses: { 200: { description: "The case's schedule", schema: scheduleSchema } },
  async handle({ access: grant, params, deps }) {
    return { status: 200, body: { items: presentSchedule(await caseSchedule(deps, grant, params.caseId)) } };
  },
});

export const putCaseSchedule = defineRoute<CaseParams, unknown, z.infer<typeof putScheduleBody>, InOffice>({
  operationId: 'putCaseSchedule',
  method: 'PUT',
  path: '/v1/offices/{officeId}/cases/{caseId}/schedule',
  summary:
    "Accept or edit a case's schedule over at most 42 days: its scheduled slots from..until become `slots`",
  description:
    "Accept the plan's proposal six weeks at a time, edited or not. Every slot keeps the planner's rules (placement, hours per day counting the client's other cases, days per week, holidays, a child's school hours, the site's places per day); fulfilled slots are never replaced (SLOT-FULFILLED). Answers the whole schedule after the write. 400 names each refused field (`slots.2.date`) and its rule; 409 when a site has no place left that day, also when another PK took the last one meanwhile. Calls: the guard reads the case and the sites the body names; placements, the case's slots, the load and the client's slots (Queries) side by side; the sites; one transaction with the audit entry `case.schedule`.",
  tags: ['schedule'],
  access: access.office(staff.editors),
  params: caseIdParams,
  body: putScheduleBody,
  // The case and the sites the slots name: the use case reads the placements' sites, usually these.
  readAhead: (params, officeId, keys, body) => [
    keys.case(officeId, params.caseId),
    ...[...new Set((body()?.slots ?? []).map((s) => s.siteId))]
      .slice(0, 10)
      .map((siteId) => keys.site(officeId, siteId)),
  ],
  responses: { 200: { description: "The case's schedule after the write", schema: scheduleSchema } },
  async handle({ access: grant, params, body, deps }) {
    const schedule = await setSchedule(deps, grant, params.caseId, body);
    return { status: 200, body: { items: presentSchedule(schedule) } };
  },
});

export const listOfficeSlots = defineRoute<OfficeParams, z.infer<typeof officeDayQuery>, unknown, InOffice>({
  operationId: 'listOfficeSlots',
  method: 'GET',
  path: '/v1/offices/{officeId}/slots',
  summary: "The office's accepted slots of one day, by site and start time (a supervisor: their own sites)",
  description:
    "The supervisor's day and the office's calendar. A site supervisor sees the slots at their own sites, or at the one `siteId` names (another site: 400, CASE-SITE-SCOPE). Calls: the guard, then one Query.",
  tags: ['schedule'],
  access: access.office(staff.readers, 'cases:read'),
  params: officeParams,
  query: officeDayQuery,
  responses: { 200: { description: 'The slots of the day', schema: officeDaySchema } },
  async handle({ access: grant, query, deps }) {
    const day = await officeDay(deps, grant, query);
    return { status: 200, body: { date: query.date, items: presentSchedule(day) } };
  },
});

export const getSiteLoad = defineRoute<OfficeParams, z.infer<typeof siteLoadQuery>, unknown, InOffice>({
  operationId: 'getSiteLoad',
  method: 'GET',
  path: '/v1/offices/{officeId}/site-load',
  summary: 'Places taken by accepted slots per site per ISO week, against each site’s places that week',
  description:
    "From the Monday `from`, 1–12 weeks (default 4). A site's places in a week are its clients per day times the days of that week that are not holidays in the office's calendar. Every active site is listed; an inactive one only while slots hold places there. Calls: the guard, then the load (one Query) and the office's sites (one Query, the first 200 by name) side by side.",
  tags: ['schedule'],
  access: access.office(LOAD_READERS, 'cases:read'),
  params: officeParams,
  query: siteLoadQuery,
  responses: { 200: { description: 'The load per site per week', schema: siteLoadSchema } },
  async handle({ access: grant, query, deps }) {
    return { status: 200, body: await siteLoad(deps, grant, query) };
  },
});
