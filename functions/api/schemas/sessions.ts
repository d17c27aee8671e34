import * as z from 'zod';
import { SESSION_OUTCOME_KEYS, type SessionOutcome } from '../../domain';
import { caseFlagSchema } from './cases';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour HH:mm time.');
const outcome = z
  .enum(SESSION_OUTCOME_KEYS as [SessionOutcome, ...SessionOutcome[]])
  .describe(
    'attended | partial (came late or left early) | excused_absence | unexcused_absence (tanpa alasan yang sah)',
  );

/**
 * Ids of the records kept in a case's partition and addressed without the case (sessions, placements,
 * referrals) are `<caseId>-<ULID>`: the case, and so the partition, is known from the id alone.
 */
export const caseRecordId = /^([0-9A-Z]{26})-([0-9A-Z]{26})$/;
export const sessionIdPattern = caseRecordId;
export const sessionIdParams = z.object({
  officeId: z.string(),
  sessionId: z.string().regex(sessionIdPattern, 'Not a session id.'),
});

export const createSessionBody = z
  .object({
    date: z.iso.date('Use a YYYY-MM-DD date.'),
    startTime: time,
    endTime: time,
    siteId: z.string().min(1).max(64),
    outcome,
    activity: z.string().trim().max(500).optional(),
    notes: z.string().trim().max(2000).optional(),
    misconduct: z.boolean().optional(),
  })
  .strict();

export const updateSessionBody = z
  .object({
    verified: z.literal(true).optional(),
    startTime: time.optional(),
    endTime: time.optional(),
    outcome: outcome.optional(),
    activity: z.string().trim().max(500).optional(),
    notes: z.string().trim().max(2000).optional(),
    misconduct: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'Send at least one field to change.' });

export const sessionSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    siteId: z.string(),
    date: z.string(),
    startTime: z.string(),
    endTime: z.string(),
    outcome,
    activity: z.string().optional(),
    notes: z.string().optional(),
    misconduct: z.boolean(),
    durationHours: z.number(),
    hoursCredited: z.number().describe('0 until a probation officer verifies the session'),
    clipped: z.boolean(),
    clippedBy: z
      .array(z.string())
      .describe('Rule ids of the caps that cut the credit (CR-DAILY-CAP, CR-TOTAL-CAP)'),
    verified: z.boolean(),
    recordedBy: z.string(),
    verifiedBy: z.string().optional(),
    flags: z
      .array(caseFlagSchema)
      .optional()
      .describe(
        "What the session raises for the PK, e.g. a child's session in school hours (CHILD-SCHOOL-HOURS)",
      ),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string().describe('When the session was last recorded, verified or corrected'),
  })
  .meta({ id: 'Session' });
