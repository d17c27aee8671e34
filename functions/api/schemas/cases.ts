import * as z from 'zod';
import { CASE_STATUSES, NON_COMPLIANCE_SANCTIONS, SENTENCE_KINDS } from '../../domain';
import { localDate, recordId } from './common';

export const caseIdParams = z.object({ officeId: z.string(), caseId: recordId('case') });

const decision = z
  .object({
    number: z.string().trim().min(1).max(80).describe('Nomor putusan, e.g. 231/Pid.B/2026/PN Mks'),
    court: z.string().trim().min(1).max(120).describe('Pengadilan Negeri, e.g. PN Palopo'),
    date: localDate,
    offenceArticles: z.array(z.string().trim().min(1).max(120)).min(1).max(20),
    threatenedMaxMonths: z.number().int().min(0).max(2400),
    imposed: z
      .object({
        prisonMonths: z.number().min(0).max(600).optional(),
        fineRupiah: z.number().int().min(0).optional(),
      })
      .strict()
      .refine((i) => i.prisonMonths !== undefined || i.fineRupiah !== undefined, {
        message: 'State the prison term or the fine the court imposed.',
      }),
    nonComplianceSanction: z.enum(NON_COMPLIANCE_SANCTIONS),
  })
  .strict();

const prosecutor = z
  .object({ name: z.string().trim().min(1).max(200), office: z.string().trim().min(1).max(200) })
  .strict();
const consent = z.object({ given: z.boolean(), recordedOn: localDate }).strict();

const sentence = z
  .object({
    kind: z.enum(SENTENCE_KINDS),
    hours: z.number().int('Hours are whole hours.'),
    maxHoursPerDay: z.number().positive().max(24),
    daysPerWeek: z.number().int().min(1).max(7).optional(),
    startDate: localDate,
    deadline: localDate,
  })
  .strict();

export const createCaseBody = z
  .object({
    clientId: recordId('client'),
    officerUsername: z.string().min(1).max(64),
    prosecutor,
    decision,
    sentence,
    consent,
    notes: z.string().max(4000).optional(),
  })
  .strict();

/** What may change after registration; the decision and sentence only before a placement. */
export const updateCaseBody = z
  .object({
    officerUsername: z.string().min(1).max(64).optional(),
    prosecutor: prosecutor.optional(),
    decision: decision.optional(),
    sentence: sentence.optional(),
    consent: consent.optional(),
    notes: z.string().max(4000).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'Send at least one field to change.' });

export const caseListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(4096).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  officerUsername: z.string().min(1).max(64).optional(),
  siteId: z.string().min(1).max(64).optional(),
  dueBefore: localDate.optional(),
});

export const transitionBody = z
  .object({ to: z.enum(CASE_STATUSES), reason: z.string().trim().min(1).max(2000) })
  .strict();

export const progressSchema = z
  .object({
    hoursOrdered: z.number(),
    hoursCredited: z.number(),
    hoursRemaining: z.number(),
    deadline: z.string(),
    daysLeft: z.number().int(),
    onTrack: z.boolean(),
  })
  .meta({ id: 'CaseProgress' });

export const caseSchema = z
  .object({
    id: z.string(),
    status: z.enum(CASE_STATUSES),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    client: z.object({ id: z.string(), fullName: z.string() }),
    officerUsername: z.string(),
    prosecutor: z.object({ name: z.string(), office: z.string() }).optional(),
    decision: decision.optional(),
    sentence,
    consent: z.object({ given: z.boolean(), recordedOn: z.string() }).optional(),
    notes: z.string().optional(),
    currentSiteId: z.string().optional(),
    openWarnings: z.number().int(),
    progress: progressSchema,
  })
  .meta({ id: 'Case' });
