import * as z from 'zod';
import { ASSESSMENT_NOTES, CONSENT_STATUSES, PARTNER_KINDS, type AssessmentNote } from '../../domain';
import { localDate } from './common';
import { caseStateSchema } from './warnings';

const litmas = z
  .object({
    number: z.string().trim().min(1).max(80).describe('Nomor Litmas (penelitian kemasyarakatan)'),
    date: localDate,
  })
  .strict();

const consent = z
  .object({
    status: z
      .enum(CONSENT_STATUSES)
      .describe('Consent after explanation (KUHP 85(2)); refused or not asked is flagged, never refused'),
    recordedOn: localDate,
  })
  .strict();

const note = z.string().trim().min(1).max(4000).optional();
/** workAbility, health, workSafety, religion, skills, schooling (children): optional texts. */
const notes = Object.fromEntries(ASSESSMENT_NOTES.map((name) => [name, note])) as Record<
  AssessmentNote,
  typeof note
>;

const avoidPartnerKinds = z
  .array(z.enum(PARTNER_KINDS))
  .max(PARTNER_KINDS.length)
  .optional()
  .describe("Kinds of partner the assessment advises against (e.g. another faith's place of worship)");

export const createAssessmentBody = z
  .object({
    litmas,
    recommendation: z.string().trim().min(1).max(4000),
    consent,
    ...notes,
    avoidPartnerKinds,
  })
  .strict();

/** What the case shows of its latest assessment. */
export const assessmentSummarySchema = z
  .object({
    id: z.string(),
    litmas,
    recommendation: z.string(),
    consent,
    avoidPartnerKinds,
    recordedAt: z.string(),
  })
  .meta({ id: 'AssessmentSummary' });

/**
 * What the assessment flagged: the shape of a case's flags. Not imported from ./cases, which imports
 * this module for the case's `assessment` (a cycle would leave one of them undefined at load).
 */
const flagSchema = z.object({ rule: z.string(), path: z.string(), message: z.string() });

export const assessmentSchema = createAssessmentBody
  .extend({
    id: z.string(),
    caseId: z.string(),
    flags: z.array(flagSchema),
    recordedBy: z.string(),
    recordedAt: z.string(),
  })
  .meta({ id: 'Assessment' });

export const createdAssessmentSchema = assessmentSchema.extend({ case: caseStateSchema });
