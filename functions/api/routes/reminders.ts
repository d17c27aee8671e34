import type * as z from 'zod';
import { setSmsPreference } from '../../actions/clients/set-sms-preference';
import { listCaseReminders, type ReminderEntry } from '../../actions/reminders/list-reminders';
import type { InOffice } from '../../identity/grant';
import { access } from '../access';
import { defineRoute } from '../route';
import { readAheadCase, readAheadOf } from '../route-kit';
import { caseIdParams } from '../schemas/cases';
import { clientIdParams } from '../schemas/clients';
import { reminderListSchema, smsPreferenceBody, smsPreferenceSchema } from '../schemas/reminders';

/**
 * A case's reminder log: staff who read cases, except site supervisors (the log names the client's
 * masked phone and the PK's and admins' addresses, none of which a supervisor's screens show).
 */
const REMINDER_READERS = ['admin', 'officer', 'prosecutor', 'regional', 'integration'] as const;

/**
 * One log item as the contract shows it. An item still `claimed` is one whose run stopped between
 * claiming and sending it (or is sending it this second): it is never sent again, so it shows as failed.
 */
type CaseReminder = ReminderEntry & { readonly kind: Exclude<ReminderEntry['kind'], 'weekly-digest'> };

/** The digest is about a PK's week, not a case: it is never in a case's log. */
const aboutTheCase = (entry: ReminderEntry): entry is CaseReminder => entry.kind !== 'weekly-digest';

const presentReminder = (entry: CaseReminder): z.input<typeof reminderListSchema>['items'][number] => ({
  kind: entry.kind,
  recipient: entry.recipient,
  channel: entry.channel,
  ...(entry.to ? { to: entry.to } : {}),
  date: entry.date,
  ...(entry.status === 'claimed'
    ? { status: 'failed' as const, reason: 'unconfirmed: the run stopped before recording the send' }
    : { status: entry.status, ...(entry.reason ? { reason: entry.reason } : {}) }),
  at: entry.at,
});

export const listCaseRemindersRoute = defineRoute<z.infer<typeof caseIdParams>, unknown, unknown, InOffice>({
  operationId: 'listCaseReminders',
  method: 'GET',
  path: '/v1/offices/{officeId}/cases/{caseId}/reminders',
  summary: "The case's reminders (SMS and email), newest first: sent, delivered or failed, and why",
  description:
    'Every reminder is logged on its case (ADR 0014): the day-before SMS to the client and email to the site supervisor, the end-of-day email to the PK for a session not recorded, and the at-risk / impossible alert to the PK and the admins. Contacts are masked.',
  tags: ['reminders'],
  access: access.office(REMINDER_READERS, 'cases:read'),
  params: caseIdParams,
  readAhead: readAheadCase,
  responses: { 200: { description: "The case's reminders", schema: reminderListSchema } },
  async handle({ access: grant, params, deps }) {
    const entries = await listCaseReminders(deps, grant, params.caseId);
    return { status: 200, body: { items: entries.filter(aboutTheCase).map(presentReminder) } };
  },
});

export const putClientSmsPreference = defineRoute<
  z.infer<typeof clientIdParams>,
  unknown,
  z.infer<typeof smsPreferenceBody>,
  InOffice
>({
  operationId: 'putClientSmsPreference',
  method: 'PUT',
  path: '/v1/offices/{officeId}/clients/{clientId}/sms-preference',
  summary: 'Mark a client "no SMS" (with the reason), or let SMS reminders go to them again; audited',
  tags: ['clients'],
  access: access.office(['admin', 'officer']),
  params: clientIdParams,
  readAhead: readAheadOf('client', 'clientId'),
  body: smsPreferenceBody,
  responses: { 200: { description: "The client's SMS preference", schema: smsPreferenceSchema } },
  async handle({ access: grant, params, body, deps }) {
    const preference = await setSmsPreference(deps, grant, { clientId: params.clientId, ...body });
    return { status: 200, body: preference };
  },
});
