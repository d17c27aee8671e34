import * as z from 'zod';
import {
  CASE_ORIGINS,
  CASE_STATUSES,
  CONVERSION_BASES,
  DECISION_LEVELS,
  FEASIBILITY_STATES,
  NON_COMPLIANCE_SANCTIONS,
  REPLACED_PENALTIES,
  SENTENCE_KINDS,
  TERMS_SOURCES,
} from '../../domain';
import { assessmentSummarySchema } from './assessments';
import { localDate, recordId } from './common';

export const caseIdParams = z.object({ officeId: z.string(), caseId: recordId('case') });

const imposed = z
  .object({
    prisonMonths: z.number().min(0).max(600).optional(),
    fineRupiah: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((i) => i.prisonMonths !== undefined || i.fineRupiah !== undefined, {
    message: 'State the prison term or the fine the court imposed.',
  });

/**
 * The court order. What the law needs depends on the origin and the client, so the domain
 * (validateCaseRegistration) decides which of the optional fields are required, with its rule ids.
 */
const decision = z
  .object({
    number: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .optional()
      .describe(
        'Nomor putusan of any level: 231/Pid.B/2026/PN Mks, 45/Pid/2026/PT Mks, 1234 K/Pid.Sus/2026, 56 PK/Pid/2026. Required unless the origin is diversion',
      ),
    court: z.string().trim().min(1).max(120).describe('The court, e.g. PN Palopo'),
    date: localDate.describe("The decision's date (a diversion's: its penetapan's)"),
    offenceDate: localDate
      .optional()
      .describe("Required for pelayanan masyarakat: a child's age counts at the offence"),
    offenceArticles: z.array(z.string().trim().min(1).max(120)).min(1).max(20),
    threatenedMaxMonths: z
      .number()
      .int()
      .min(0)
      .max(2400)
      .optional()
      .describe(
        "The offence's threatened maximum; 0 when it carries only a fine. Required for an adult's decision",
      ),
    imposed: imposed.optional().describe("Required for an adult's decision"),
    replaces: z
      .enum(REPLACED_PENALTIES)
      .optional()
      .describe(
        'The penalty the kerja sosial replaces (85(7)); required when both prison and a fine are imposed',
      ),
    nonComplianceSanction: z.enum(NON_COMPLIANCE_SANCTIONS),
  })
  .strict();

const diversion = z
  .object({
    penetapanNumber: z.string().trim().min(1).max(80).describe("Nomor penetapan of the agreement's court"),
    agreementDate: localDate,
    withoutVictim: z
      .boolean()
      .optional()
      .describe('An offence without a victim: at most 3 months (SPPA 10(2))'),
  })
  .strict();

const conversion = z
  .object({
    fineRupiah: z.number().int().min(1).describe('The unpaid fine converted: one hour per Rp50,000 or part'),
    legalBasis: z.enum(CONVERSION_BASES),
  })
  .strict();

const origin = z
  .enum(CASE_ORIGINS)
  .describe('decision (a putusan), diversion (an agreement and its penetapan) or fine_conversion (KUHP 82)');

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
    origin: origin.default('decision'),
    decision,
    diversion: diversion.optional(),
    conversion: conversion.optional(),
    sentence,
    consent: consent.optional().describe('The consent the judge weighed; missing or refused is flagged'),
    notes: z.string().max(4000).optional(),
  })
  .strict();

/** What may change after registration; the decision and sentence only before a placement. */
export const updateCaseBody = z
  .object({
    officerUsername: z.string().min(1).max(64).optional(),
    prosecutor: prosecutor.optional(),
    origin: origin.optional(),
    decision: decision.optional(),
    diversion: diversion.optional(),
    conversion: conversion.optional(),
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
    paused: z
      .literal(true)
      .optional()
      .describe('Present while a referral awaits its outcome: the clock stands still (PROGRESS-PAUSED)'),
  })
  .meta({ id: 'CaseProgress' });

/** The hours and deadline in force, and what set them (PROGRESS-TERMS). */
export const termsSchema = z
  .object({
    hours: z.number().describe('Every hour that counts toward the sentence, those already credited included'),
    deadline: z.string(),
    source: z.enum(TERMS_SOURCES),
    paidRupiah: z.number().int().optional().describe('A fine conversion: paid so far (KUHP 82)'),
    prisonDays: z.number().int().optional().describe('serve_prison: days of the replaced prison term'),
    fineRupiah: z.number().int().optional().describe('pay_fine: rupiah of the replaced fine'),
  })
  .meta({ id: 'CaseTerms' });

export const caseFlagSchema = z
  .object({ rule: z.string(), path: z.string(), message: z.string() })
  .meta({ id: 'CaseFlag' });

/** The re-planner's latest verdict, stored after each change (issue 15); `GET …/plan` gives the slots. */
export const casePlanSummarySchema = z
  .object({
    state: z.enum(FEASIBILITY_STATES),
    latestStart: z.string().optional().describe('The latest day starting still finishes by the deadline'),
    slackDays: z.number().int().optional(),
    hoursPossible: z.number().describe('The most that can still be done by the deadline'),
    hoursRemaining: z.number(),
    deadline: z.string(),
    plannedAt: z.string().describe('When it was planned (an instant)'),
  })
  .meta({ id: 'CasePlanSummary' });

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
    origin,
    decision: decision.extend({ level: z.enum(DECISION_LEVELS).optional() }).optional(),
    diversion: diversion.optional(),
    conversion: conversion.optional(),
    sentence,
    consent: z.object({ given: z.boolean(), recordedOn: z.string() }).optional(),
    flags: z
      .array(caseFlagSchema)
      .describe('What to look at: recorded, never a refusal (a site supervisor sees those on the sentence)'),
    notes: z.string().optional(),
    assessment: assessmentSummarySchema.optional().describe('The latest assessment (Litmas)'),
    plan: casePlanSummarySchema
      .optional()
      .describe(
        'Feasibility as last planned, after the latest change; absent until planned (PLAN-FEASIBILITY)',
      ),
    currentSiteId: z.string().optional(),
    completionRecord: z
      .object({ documentId: z.string(), number: z.string(), issuedOn: z.string() })
      .optional()
      .describe(
        'The berita acara penyelesaian issued for the case; a completed case is closed once it is (LC-CLOSE-RECORD)',
      ),
    openWarnings: z.number().int(),
    openingCredit: z
      .object({
        hours: z.number(),
        documentNumber: z.string().optional(),
        documentDate: z.string().optional(),
        signedBy: z.string().optional(),
      })
      .optional()
      .describe(
        'Hours served on paper before Abdi, brought in by a spreadsheet import; counted in the progress once',
      ),
    imported: z
      .object({ importId: z.string(), row: z.number().int() })
      .optional()
      .describe('The spreadsheet import and row (as Excel numbers it) that brought the case in'),
    terms: termsSchema,
    clock: z
      .object({ paused: z.boolean() })
      .describe('Paused while a referral awaits its outcome (PROGRESS-PAUSED)'),
    progress: progressSchema,
  })
  .meta({ id: 'Case' });
