import * as z from 'zod';
import { OFFLINE_FLAGS, SESSION_OUTCOME_KEYS, type SessionOutcome } from '../../domain';
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

const deviceFix = z
  .object({
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    accuracyMeters: z.number().min(0).max(100_000).optional(),
  })
  .strict();

/** OFFLINE-RECORD (ADR 0024): a session written down on a device without signal and sent later. */
const offlineMarkBody = z
  .object({
    recordedAt: z.iso
      .datetime({
        offset: true,
        message: 'An ISO-8601 instant with its offset, e.g. 2026-03-02T11:05:00+08:00.',
      })
      .describe("The device's clock when the supervisor recorded the session."),
    location: deviceFix.optional().describe("The device's GPS position then, if it had one."),
  })
  .strict()
  .describe(
    'Set by an app that recorded the session offline. Recorded and flagged (OFFLINE-RECORD), never refused: a device clock more than 5 minutes ahead of receipt, a sync more than 7 days late, or work recorded more than 30 minutes before the session ends.',
  );

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
    offline: offlineMarkBody.optional(),
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
    offline: z
      .object({
        recordedAt: z.string().describe("The device's clock when it was recorded (UTC)"),
        location: deviceFix.optional(),
        flags: z
          .array(z.enum(OFFLINE_FLAGS))
          .optional()
          .describe('What OFFLINE-RECORD raised for the PK; absent when nothing'),
      })
      .optional()
      .describe('Only for a session recorded offline and sent later; `createdAt` is when it arrived'),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string().describe('When the session was last recorded, verified or corrected'),
  })
  .meta({ id: 'Session' });
