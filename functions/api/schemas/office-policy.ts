import * as z from 'zod';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour HH:mm time.');

/**
 * An office's settings for what the law leaves open (domain OfficePolicy; defaults in ADR 0007). The
 * formats are checked here; that school ends after it starts and each day is named once is the
 * domain's OFFICE-POLICY rule.
 */
export const officePolicySchema = z
  .object({
    childMaxHoursPerDay: z
      .number()
      .int('A whole number of hours.')
      .describe(
        "Advisory most hours a day for a child (pelayanan masyarakat), 1–8. A court order above it is flagged (CHILD-ADVISORY-HOURS), never refused: the court's order binds.",
      ),
    schoolHours: z
      .object({
        weekdays: z
          .array(z.number().int().min(1).max(7))
          .max(7)
          .describe('ISO weekdays schools teach: 1 = Monday … 7 = Sunday.'),
        start: time.describe('Office-local start of the school day.'),
        end: time.describe('Office-local end of the school day.'),
      })
      .describe(
        "A child's session on a school day inside these hours is flagged (CHILD-SCHOOL-HOURS, SPPA 73(8)).",
      ),
  })
  .meta({ id: 'OfficePolicy' });
