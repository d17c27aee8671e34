import * as z from 'zod';
import { DOCUMENT_KINDS, SEQUENCE_RESTARTS, SEQUENCE_SCOPES } from '../../domain/documents';
import { localDate, officeId, recordId } from './common';
import { recordId as siteId } from './partners';
import { caseRecordId } from './sessions';

const line = (max = 120) => z.string().trim().min(1, 'Required.').max(max);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a YYYY-MM month.');

/** The letterhead, head and register an office issues documents with (domain OfficeDocumentSettings). */
export const documentSettingsSchema = z
  .object({
    letterhead: z
      .object({
        parentLines: z
          .array(line())
          .max(3)
          .optional()
          .describe(
            'The lines above the Kanwil, largest first; by default the ministry (KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA)',
          ),
        kanwil: line().describe('e.g. KANTOR WILAYAH DIREKTORAT JENDERAL PEMASYARAKATAN SULAWESI SELATAN'),
        officeName: line().describe('e.g. Balai Pemasyarakatan Kelas II Palopo (printed in capitals)'),
        address: line(),
        contact: z.string().trim().max(120).optional().describe('Telephone, email, website: one line'),
        city: line(60).describe('Where the office signs: "Palopo, 5 Desember 2026"'),
      })
      .strict(),
    head: z
      .object({
        name: line(),
        nip: z.string().optional().describe('The NIP, 18 digits'),
        role: z
          .string()
          .trim()
          .max(60)
          .optional()
          .describe('When someone signs for the head, e.g. "Plh. Kepala"'),
      })
      .strict()
      .describe('Kepala Bapas, who signs for the office'),
    register: z
      .object({
        pattern: z
          .string()
          .max(80)
          .describe(
            'The number: {seq} or {seq:N} (zero-padded), {yyyy}, {yy}, {mm}, {mm:roman}, {kind} and letters, digits, . - / _ (DOC-NUMBER-PATTERN)',
          ),
        restart: z.enum(SEQUENCE_RESTARTS),
        sequencePer: z.enum(SEQUENCE_SCOPES),
        kindCodes: z.partialRecord(z.enum(DOCUMENT_KINDS), z.string().max(20)).optional(),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'DocumentSettings' });

/**
 * What to issue (or preview): the kind says which other fields it needs. Every document is built from
 * the records as they are now; a month names the period of a report or an attendance sheet.
 */
export const issueDocumentBody = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('completion_record'), caseId: recordId('case') }).strict(),
    z
      .object({
        kind: z.literal('referral_report'),
        caseId: recordId('case'),
        referralId: z.string().regex(caseRecordId, 'Not a referral id.').optional(),
      })
      .strict()
      .describe('To the jaksa (the hakim pengawas for a child); for a referral when one is named'),
    z
      .object({
        kind: z.literal('progress_report'),
        caseId: recordId('case'),
        month: month.optional().describe('The month reported on; by default the case so far'),
      })
      .strict(),
    z.object({ kind: z.literal('placement_letter'), caseId: recordId('case') }).strict(),
    z.object({ kind: z.literal('attendance_sheet'), siteId: siteId, month }).strict(),
    z.object({ kind: z.literal('monthly_report'), month }).strict(),
  ])
  .and(
    z.object({
      replaces: z
        .string()
        .uuid('Not a document id.')
        .optional()
        .describe('The issued document this one corrects: it becomes replaced, its file stays'),
    }),
  );

export const documentSchema = z
  .object({
    id: z.string(),
    kind: z.enum(DOCUMENT_KINDS),
    number: z.string(),
    title: z.string(),
    status: z
      .enum(['issuing', 'issued', 'replaced'])
      .describe('issuing: numbered, its file not yet stored (finish it with …/finish)'),
    subject: z.object({ type: z.enum(['case', 'site', 'office']), id: z.string() }),
    caseId: z.string().optional(),
    siteId: z.string().optional().describe('The work site a placement letter goes to'),
    period: z.string().optional(),
    replaces: z.string().optional(),
    replacedBy: z.string().optional(),
    issuedOn: localDate,
    issuedAt: z.string(),
    issuedBy: z.string(),
    fingerprint: z
      .string()
      .describe("SHA-256 of the document's content; the first 16 digits are printed on it"),
    fileSha256: z.string().optional().describe('SHA-256 of the stored PDF'),
    sizeBytes: z.number().int().optional(),
    pages: z.number().int().optional(),
    verificationUrl: z.string(),
    downloadUrl: z
      .string()
      .optional()
      .describe('A presigned link to the stored file (15 minutes), on a single document that is stored'),
  })
  .meta({ id: 'Document' });

export const documentListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(4096).optional(),
  caseId: recordId('case').optional().describe("A case's documents"),
  siteId: siteId.optional().describe("A site's documents"),
});

export const documentParams = z.object({ officeId, documentId: z.string().uuid('Not a document id.') });

/** The public verification record: nothing personal beyond the client's initials. */
export const documentVerificationSchema = z
  .object({
    number: z.string(),
    kind: z.enum(DOCUMENT_KINDS),
    title: z.string(),
    issuedOn: localDate,
    officeName: z.string(),
    status: z.enum(['issued', 'replaced']),
    replacedByNumber: z.string().optional(),
    fingerprint: z.string(),
    fileSha256: z.string().optional(),
    initials: z.string().optional(),
  })
  .meta({ id: 'DocumentVerification' });

export const verificationParams = z.object({ documentId: z.string().uuid('Not a document id.') });

export const regionalReportQuery = z.object({
  month: month
    .optional()
    .describe(
      'The month of the hours and sessions (`YYYY-MM`); by default the current one. A later month answers 400.',
    ),
  format: z.enum(['pdf', 'xlsx']).default('pdf'),
});
