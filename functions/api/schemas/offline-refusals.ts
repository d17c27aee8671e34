import * as z from 'zod';
import {
  OFFLINE_RECORD_KINDS,
  OFFLINE_REFUSAL_STATUSES,
  SESSION_OUTCOME_KEYS,
  type SessionOutcome,
} from '../../domain';
import { officeId, recordId } from './common';
import { pageQuery } from './paging';
import { text } from './partners';
import { caseRecordId } from './sessions';

/** An instant with its offset (`2026-07-06T09:00:00+08:00`); answers are always UTC. */
const instant = z.iso.datetime({ offset: true, message: 'An ISO-8601 date and time with its offset.' });
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour HH:mm time.');
const outcome = z.enum(SESSION_OUTCOME_KEYS as [SessionOutcome, ...SessionOutcome[]]);

export const refusalParams = z.object({
  officeId,
  refusalId: z.string().regex(caseRecordId, 'Not an offline record id.'),
});

export const listRefusalsQuery = pageQuery.extend({ status: z.enum(OFFLINE_REFUSAL_STATUSES).optional() });

const refusedRecord = z
  .object({
    date: z.iso.date('Use a YYYY-MM-DD date.').optional(),
    startTime: time.optional(),
    endTime: time.optional(),
    outcome: outcome.optional(),
    activity: z.string().trim().max(500).optional(),
    notes: z.string().trim().max(2000).optional(),
    fileName: z.string().trim().min(1).max(255).optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'The SHA-256 of the file as 64 hexadecimal digits.')
      .optional(),
    capturedAt: instant.optional(),
  })
  .strict()
  .describe("What the app had recorded: a session's date, hours and outcome, or a photo's file and capture");

const refusalAnswer = z
  .object({
    status: z
      .number()
      .int()
      .min(400)
      .max(499)
      .refine((status) => status !== 401, 'A 401 asks to sign in again; it refuses nothing.')
      .describe('The HTTP status of the refusal: any 4xx but 401'),
    type: text(300).describe('The problem `type` of the answer'),
    title: text(200),
    detail: text(2000).optional(),
    fields: z.array(text(200)).max(50).optional().describe('The paths its `errors` named'),
    rules: z
      .array(z.string().regex(/^[A-Z][A-Z0-9-]{1,60}$/, 'A rule id, e.g. CR-CASE-STATUS.'))
      .max(50)
      .optional()
      .describe('The rule ids its `errors` named'),
  })
  .strict()
  .describe('The API’s answer that refused it (problem+json), as the app received it');

export const createRefusalBody = z
  .object({
    caseId: recordId('case').describe('The case it was recorded on (one of this office’s).'),
    kind: z.enum(OFFLINE_RECORD_KINDS).describe('session (attendance) | evidence (a photo)'),
    recordedAt: instant.describe("The device's clock when the supervisor recorded it."),
    siteId: z.string().min(1).max(64).optional(),
    record: refusedRecord,
    refusal: refusalAnswer,
  })
  .strict();

export const resolveRefusalBody = z
  .object({ note: text(2000).describe('What the PK did about it (e.g. recorded the session by hand).') })
  .strict();

export const offlineRefusalSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    clientName: z.string().describe("The case's client when the refusal arrived"),
    kind: z.enum(OFFLINE_RECORD_KINDS),
    recordedAt: z.string(),
    siteId: z.string().optional(),
    record: z.object({
      date: z.string().optional(),
      startTime: z.string().optional(),
      endTime: z.string().optional(),
      outcome: outcome.optional(),
      activity: z.string().optional(),
      notes: z.string().optional(),
      fileName: z.string().optional(),
      sha256: z.string().optional(),
      capturedAt: z.string().optional(),
    }),
    refusal: z.object({
      status: z.number().int(),
      type: z.string(),
      title: z.string(),
      detail: z.string().optional(),
      fields: z.array(z.string()).optional(),
      rules: z.array(z.string()).optional(),
    }),
    status: z.enum(OFFLINE_REFUSAL_STATUSES),
    recordedBy: z.string().describe('Who sent it: the supervisor whose outbox held it'),
    receivedAt: z.string(),
    resolvedAt: z.string().optional(),
    resolvedBy: z.string().optional(),
    note: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'OfflineRefusal' });
