import * as z from 'zod';
import { SUBJECT_REQUEST_CHANNELS, SUBJECT_REQUEST_KINDS, SUBJECT_REQUEST_STATUSES } from '../../domain';
import { officeId, recordId } from './common';
import { pageQuery } from './paging';
import { text } from './partners';

/** An instant with its offset (`2026-07-06T09:00:00+08:00`); answers are always UTC. */
const instant = z.iso.datetime({ offset: true, message: 'An ISO-8601 date and time with its offset.' });

export const requestParams = z.object({ officeId, requestId: recordId('request') });

export const listRequestsQuery = pageQuery.extend({ status: z.enum(SUBJECT_REQUEST_STATUSES).optional() });

export const createRequestBody = z
  .object({
    clientId: recordId('client').optional().describe('The client it is about, once known.'),
    requesterName: text(200).optional().describe('Who asked, if not the client (a guardian, a lawyer).'),
    kind: z
      .enum(SUBJECT_REQUEST_KINDS)
      .describe('access (and a copy), correction, erasure, restriction (or objection)'),
    receivedAt: instant.describe('When the office received it: the 3×24-hour deadline counts from here.'),
    channel: z.enum(SUBJECT_REQUEST_CHANNELS),
    details: text(2000).describe('What was asked, in the requester’s words.'),
  })
  .strict();

export const answerRequestBody = z
  .object({
    outcome: z.enum(['answered', 'refused']),
    note: text(2000).describe('What the office did or told the requester.'),
    reason: text(1000)
      .optional()
      .describe('Required for a refusal: the ground, e.g. UU 27/2022 Pasal 15 (law enforcement).'),
    exportId: z.uuid().optional().describe('The subject export that answered an access request.'),
    correctionAuditId: recordId('audit entry')
      .optional()
      .describe('The audit entry of the correction that answered a correction request.'),
  })
  .strict();

export const subjectRequestSchema = z
  .object({
    id: z.string(),
    clientId: z.string().optional(),
    clientName: z.string().optional().describe("The client's name when the request was logged"),
    requesterName: z.string().optional(),
    kind: z.enum(SUBJECT_REQUEST_KINDS),
    channel: z.enum(SUBJECT_REQUEST_CHANNELS),
    details: z.string(),
    receivedAt: z.string(),
    deadline: z.string().describe('receivedAt + 3×24 hours (PDP-REQUEST-DEADLINE)'),
    hoursLeft: z.number().int().optional().describe('While open: whole hours left, 0 once past'),
    overdue: z.boolean().describe('Open past its deadline, or answered after it'),
    status: z.enum(SUBJECT_REQUEST_STATUSES),
    answeredAt: z.string().optional(),
    answeredBy: z.string().optional(),
    note: z.string().optional(),
    reason: z.string().optional(),
    exportId: z.string().optional(),
    correctionAuditId: z.string().optional(),
    createdAt: z.string(),
    createdBy: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'SubjectRequest' });

export const clientExportParams = z.object({ officeId, clientId: recordId('client') });
export const exportLinkParams = clientExportParams.extend({
  exportId: z.uuid({ message: 'Not an export id.' }),
});

export const createExportBody = z
  .object({
    requestId: recordId('request').optional().describe('The open access request this export answers.'),
    reason: text(500).describe('Why the export is made (recorded in the audit trail).'),
  })
  .strict();

const exportFile = z.object({
  url: z.string().describe('A presigned link, valid 15 minutes'),
  sha256: z.string(),
  sizeBytes: z.number().int(),
});

export const subjectExportSchema = z
  .object({
    id: z.string(),
    clientId: z.string(),
    requestId: z.string().optional(),
    createdAt: z.string(),
    expiresAt: z.string().describe('When the files are deleted (retention schedule: exports)'),
    linksExpireAt: z.string().describe('When the two download links stop working (15 minutes)'),
    json: exportFile,
    pdf: exportFile.extend({ pages: z.number().int() }),
  })
  .meta({ id: 'SubjectExport' });
