import * as z from 'zod';

/** Office ids are short slugs (`bapas-palopo`); refusing anything else keeps keys clean. */
export const OFFICE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

export const officeId = z
  .string()
  .regex(OFFICE_ID_PATTERN, 'An office id is lower-case letters, digits and dashes.');

export const officeParams = z.object({ officeId });

/** An office-local calendar date. */
export const localDate = z.iso.date('Use a YYYY-MM-DD date.');

/** Up to 50 ids of the case's own records (sessions, warnings) that a write cites. */
export const citedIds = (description: string) =>
  z.array(z.string().min(1).max(100)).max(50).describe(description);

/** A record id (a ULID: 26 characters, time-ordered), named in the message as `what`. */
export const recordId = (what: string) => z.string().regex(/^[0-9A-Z]{26}$/, `Not a ${what} id.`);

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string(), rule: z.string().optional() }))
      .optional(),
  })
  .meta({ id: 'Problem' });
