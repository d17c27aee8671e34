import * as z from 'zod';
import { AGREEMENT_STATUSES, EXPIRING_WITHIN_DAYS, PARTNER_KINDS } from '../../domain/work-sites';
import { officeId } from './common';
import { pageQuery } from './paging';

/** Record ids: a ULID from the API, or a readable slug for seeded records (`site-palopo-masjid-bara`). */
export const recordId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, 'An id is up to 64 letters, digits and dashes.');

/** An office-local calendar date. */
export const localDate = z.iso.date('A date is YYYY-MM-DD (a real calendar date).');

/** A stored record as the API returns it: its id, its fields, its version (the ETag) and its times. */
export const storedRecord = <T extends z.ZodRawShape>(fields: T) =>
  z.object({
    id: z.string(),
    ...fields,
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  });

/** Free text of 1 to `max` characters, trimmed. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A PATCH body: any of the record's fields, at least one. Only the fields sent change; objects and lists
 * among them are replaced as a whole.
 */
export const changesOf = <T extends z.ZodRawShape>(fields: T) =>
  z
    .object(fields)
    .partial()
    .strict()
    .refine((body) => Object.values(body).some((value) => value !== undefined), {
      message: 'Send at least one field to change.',
    });

const contactSchema = z
  .object({
    name: text(200),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 -]{5,19}$/, 'A phone number is 6–20 digits, optionally with +, spaces or dashes.')
      .optional(),
    email: z.email().max(254).optional(),
  })
  .strict();

export const agreementSchema = z
  .object({
    number: text(100).describe('Nomor PKS, e.g. PKS/01/BAPAS-PLP/I/2026.'),
    signedOn: localDate,
    validFrom: localDate,
    validUntil: localDate.describe('Last day the agreement is valid (inclusive).'),
  })
  .strict()
  .superRefine((agreement, ctx) => {
    if (agreement.validUntil < agreement.validFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['validUntil'],
        message: 'validUntil must not be before validFrom.',
      });
    }
  });

const partnerFields = {
  name: text(200),
  kind: z.enum(PARTNER_KINDS),
  nonCommercial: z
    .boolean()
    .describe('KUHP 85(3): kerja sosial must not be commercialised; placements need true.'),
  contact: contactSchema,
  agreement: agreementSchema,
};

export const partnerParams = z.object({ officeId, partnerId: recordId });

export const listPartnersQuery = pageQuery.extend({ kind: z.enum(PARTNER_KINDS).optional() });

export const createPartnerBody = z.object(partnerFields).strict();

/** Only the fields sent change; `contact` and `agreement` are replaced as a whole. */
export const updatePartnerBody = changesOf(partnerFields);

export const partnerSchema = storedRecord({
  ...partnerFields,
  agreementStatus: z
    .enum(AGREEMENT_STATUSES)
    .describe(
      `Relative to today in the office's time zone; \`expiring\` = ends within ${EXPIRING_WITHIN_DAYS} days.`,
    ),
}).meta({ id: 'Partner' });
