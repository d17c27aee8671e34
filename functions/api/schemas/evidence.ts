import * as z from 'zod';
import { EVIDENCE_CONTENT_TYPES, EVIDENCE_KINDS, EVIDENCE_STATUSES, REJECTION_REASONS } from '../../domain';
import { caseIdParams } from './cases';
import { pageQuery } from './paging';
import { sessionIdPattern } from './sessions';

const ulid = (what: string) => z.string().regex(/^[0-9A-Z]{26}$/, `Not an ${what} id.`);
const kind = z
  .enum(EVIDENCE_KINDS)
  .describe('photo (of the client at work) | attendance_sheet (signed) | document (e.g. berita acara)');
const status = z
  .enum(EVIDENCE_STATUSES)
  .describe(
    'pending (URL issued, bytes not yet checked) | verified | rejected (kept, never valid) | expired (no upload came)',
  );

export const evidenceIdParams = caseIdParams.extend({ evidenceId: ulid('evidence') });

export const createEvidenceBody = z
  .object({
    fileName: z.string().trim().min(1).max(255).describe('As on the device; never part of the object key.'),
    contentType: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe(`One of ${EVIDENCE_CONTENT_TYPES.join(', ')} (a photo: an image); rule EV-TYPE.`),
    sizeBytes: z
      .number()
      .describe("Exact size in bytes, at most the deployment's limit (default 20 MB); rule EV-SIZE."),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'The SHA-256 of the file as 64 hexadecimal digits.')
      .describe('SHA-256 of the file, hex (as sha256sum prints it). The upload URL carries it as base64.'),
    kind,
    sessionId: z
      .string()
      .regex(sessionIdPattern, 'Not a session id.')
      .optional()
      .describe("A session of this case; a site supervisor's uploads must name one at their site."),
    capturedAt: z.iso
      .datetime({ offset: true, message: 'An ISO-8601 instant, e.g. 2026-03-02T01:15:00Z.' })
      .optional()
      .describe('When the photo was taken, if the device knows; EXIF DateTimeOriginal is preferred.'),
    location: z
      .object({
        lat: z.number().min(-90).max(90),
        lng: z.number().min(-180).max(180),
        accuracyMeters: z.number().min(0).max(100_000).optional(),
      })
      .strict()
      .optional()
      .describe(
        "Where the device is (its GPS) as the photo is uploaded. The GPS position in the photo's EXIF is checked against the session's site first; a declared location more than 100 m from it is a warning (EV-LOCATION-MISMATCH).",
      ),
    recordedOffline: z
      .boolean()
      .optional()
      .describe(
        'true when the photo was taken without signal and is uploaded later (ADR 0024); `capturedAt` and `location` are then the device’s at the capture. EV-TIME compares the capture time, never the upload time, with the session.',
      ),
  })
  .strict();

export const evidenceListQuery = pageQuery.extend({
  sessionId: z.string().regex(sessionIdPattern, 'Not a session id.').optional(),
  status: status.optional(),
});

const warning = z.object({
  rule: z.enum(['EV-LOCATION', 'EV-LOCATION-MISMATCH', 'EV-TIME', 'EV-DUPLICATE']),
  message: z.string(),
});

const checks = z
  .object({
    storedBytes: z.number().int().optional(),
    sha256Matches: z.boolean().optional(),
    detectedType: z
      .string()
      .nullable()
      .optional()
      .describe('The type sniffed from the bytes (magic numbers).'),
    location: z
      .object({
        source: z.enum(['declared', 'exif']),
        distanceMeters: z.number(),
        radiusMeters: z.number(),
        accuracyMeters: z.number().optional(),
        insideRadius: z.boolean(),
      })
      .optional(),
    declaredLocation: z
      .object({
        distanceMeters: z.number(),
        toleranceMeters: z.number(),
        accuracyMeters: z.number().optional(),
        agrees: z.boolean(),
      })
      .optional()
      .describe("A photo's declared location against its EXIF GPS position (EV-LOCATION-MISMATCH)."),
    time: z
      .object({
        source: z.enum(['exif', 'declared']),
        capturedAtLocal: z.string().describe('Office-local YYYY-MM-DDTHH:mm'),
        session: z.object({ date: z.string(), startTime: z.string(), endTime: z.string() }),
        withinSession: z.boolean(),
        minutesOutside: z.number(),
      })
      .optional(),
    duplicateOf: z.string().optional().describe('The evidence of this case that first had identical bytes.'),
  })
  .describe('What the verifier measured; context checks (location, time, duplicate) only ever warn.');

export const evidenceSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    kind,
    sessionId: z.string().optional(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    capturedAt: z.string().optional(),
    recordedOffline: z
      .literal(true)
      .optional()
      .describe('Taken without signal and uploaded later; absent otherwise'),
    status,
    rejectionReason: z.enum(REJECTION_REASONS).optional(),
    checks,
    warnings: z.array(warning),
    uploadedBy: z.string(),
    createdAt: z.string(),
    decidedAt: z.string().optional(),
    thumbnailUrl: z
      .string()
      .optional()
      .describe(
        'Verified images only: a presigned GET of a JPEG at most 320 px on its long side, valid 5 minutes. Absent until the verifier has made it.',
      ),
    thumbnail: z
      .literal('unavailable')
      .optional()
      .describe(
        'A verified image that has no thumbnail and will get none (HEIC, or bytes the codec cannot read).',
      ),
  })
  .meta({ id: 'Evidence' });

export const evidenceDetailSchema = evidenceSchema
  .extend({
    download: z
      .object({ url: z.string(), expiresAt: z.string() })
      .optional()
      .describe('Only for verified evidence: a presigned GET of the verified version, valid 5 minutes.'),
  })
  .meta({ id: 'EvidenceDetail' });

export const uploadTicketSchema = z
  .object({
    id: z.string(),
    status: z.literal('pending'),
    upload: z.object({
      url: z.string(),
      method: z.literal('PUT'),
      headers: z
        .record(z.string(), z.string())
        .describe(
          'Send exactly these (all signed): content-type, x-amz-checksum-sha256 (base64) and content-length.',
        ),
      expiresAt: z.string(),
    }),
  })
  .meta({ id: 'EvidenceUpload' });
