import * as z from 'zod';

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string().describe('ISO-8601 UTC instant'),
    actor: z.string().describe('Username, or client:<id> for a machine client'),
    action: z.string().describe('e.g. case.create, case.transition, warning.create, referral.outcome'),
    reason: z.string().optional(),
    changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  })
  .meta({ id: 'AuditEntry' });

export const nikRevealSchema = z
  .object({
    id: z.string().describe('The audit entry'),
    at: z.string().describe('ISO-8601 UTC instant'),
    actor: z.string().describe('Username of whoever read the NIK'),
    reason: z.string().describe('Why, as they said it (?reason=)'),
    clientId: z.string(),
    clientName: z.string().describe("The client's name when the NIK was read"),
  })
  .meta({ id: 'NikReveal' });
