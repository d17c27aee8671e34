import * as z from 'zod';
import {
  BREACH_AUDIENCES,
  BREACH_MAX_OFFICES,
  BREACH_NOTICE_CHANNELS,
  BREACH_NOTICE_HOURS,
  BREACH_RECORD_TYPES,
  BREACH_STATUSES,
} from '../../domain';
import { officeId, recordId } from './common';
import { pageQuery } from './paging';
import { text } from './partners';

/** An instant with its offset (`2026-07-06T09:00:00+08:00`); answers are always UTC. */
const instant = z.iso.datetime({ offset: true, message: 'An ISO-8601 date and time with its offset.' });

export const breachParams = z.object({ officeId, breachId: recordId('breach') });

export const listBreachesQuery = pageQuery.extend({ status: z.enum(BREACH_STATUSES).optional() });

export const createBreachBody = z
  .object({
    what: text(2000).describe('What happened, as far as it is known.'),
    discoveredAt: instant.describe(
      `When the office became aware of it: the ${BREACH_NOTICE_HOURS}-hour clock starts here.`,
    ),
    exposure: z
      .object({ from: instant, to: instant })
      .strict()
      .describe('When the data was exposed: the audit window affected clients are read from.'),
    officeIds: z
      .array(officeId)
      .min(1)
      .max(BREACH_MAX_OFFICES)
      .describe("The offices whose data it touched, the caller's own among them."),
    recordTypes: z.array(z.enum(BREACH_RECORD_TYPES)).min(1).max(BREACH_RECORD_TYPES.length),
    suspectActor: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .optional()
      .describe('Username whose access is suspected, if one is.'),
  })
  .strict();

export const breachNoticeBody = z
  .object({
    audience: z.enum(BREACH_AUDIENCES),
    sentAt: instant,
    channel: z.enum(BREACH_NOTICE_CHANNELS).describe('A written notice (Pasal 46): how it went out.'),
    reference: text(200).describe('Letter number, message id or receipt: where the notice can be found.'),
    note: text(1000).optional(),
  })
  .strict();

export const closeBreachBody = z
  .object({
    summary: text(4000).describe('What was done to contain it and prevent it again.'),
    evidence: z
      .array(z.object({ description: text(500), reference: text(200) }).strict())
      .min(1)
      .max(20),
  })
  .strict();

export const affectedClientsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(100),
  cursor: z.string().max(4096).optional(),
  suspectOnly: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});

const clockSchema = z.object({
  deadline: z.string().describe(`Discovery plus ${BREACH_NOTICE_HOURS} hours (UU 27/2022 Pasal 46).`),
  running: z.boolean().describe('Until both notices are recorded.'),
  pending: z.array(z.enum(BREACH_AUDIENCES)),
  hoursLeft: z.number().int().describe('Whole hours left, negative once overdue.'),
  overdue: z.boolean(),
});

const noticeSchema = z.object({
  audience: z.enum(BREACH_AUDIENCES),
  sentAt: z.string(),
  channel: z.enum(BREACH_NOTICE_CHANNELS),
  reference: z.string(),
  note: z.string().optional(),
  late: z.boolean().describe('Sent after the deadline: recorded all the same.'),
  recordedAt: z.string(),
  recordedBy: z.string(),
});

const common = {
  id: z.string(),
  what: z.string(),
  discoveredAt: z.string(),
  deadline: z.string(),
  status: z.enum(BREACH_STATUSES),
  officeIds: z.array(z.string()),
  recordTypes: z.array(z.enum(BREACH_RECORD_TYPES)),
  clock: clockSchema,
  version: z.number().int(),
  updatedAt: z.string(),
};

export const breachSummarySchema = z
  .object({
    ...common,
    openedByOffice: z.string(),
    notices: z.object({
      subjects: z.object({ sentAt: z.string(), late: z.boolean() }).optional(),
      authority: z.object({ sentAt: z.string(), late: z.boolean() }).optional(),
    }),
  })
  .meta({ id: 'BreachSummary' });

export const breachSchema = z
  .object({
    ...common,
    exposure: z.object({ from: z.string(), to: z.string() }),
    suspectActor: z.string().optional(),
    openedBy: z.object({ officeId: z.string(), actor: z.string() }),
    notices: z.object({ subjects: noticeSchema.optional(), authority: noticeSchema.optional() }),
    closing: z
      .object({
        summary: z.string(),
        evidence: z.array(z.object({ description: z.string(), reference: z.string() })),
        closedAt: z.string(),
        closedBy: z.string(),
      })
      .optional(),
    createdAt: z.string(),
  })
  .meta({ id: 'Breach' });

export const affectedClientsSchema = z.object({
  window: z
    .object({
      officeId: z.string(),
      from: z.string(),
      to: z.string(),
      actor: z.string().optional().describe('Only this person’s entries were read (?suspectOnly=true).'),
    })
    .describe("The audit window read: this office's log between the exposure's ends, both included."),
  items: z.array(
    z.object({
      clientId: z.string(),
      fullName: z.string(),
      caseIds: z.array(z.string()).describe("The client's cases the window's entries touched."),
    }),
  ),
  nextCursor: z.string().nullable(),
});
