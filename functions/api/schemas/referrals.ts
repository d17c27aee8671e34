import * as z from 'zod';
import { REFERRAL_DECISIONS, REFERRAL_STATUSES } from '../../domain';
import { citedIds, localDate, officeId } from './common';
import { caseRecordId } from './sessions';
import { caseStateSchema } from './warnings';

export const createReferralBody = z
  .object({
    reason: z.string().trim().min(1).max(4000),
    warningIds: citedIds('Open warnings of this case; at least one'),
  })
  .strict();

/** A referral id is `<caseId>-<ulid>`: the route finds the case from the id alone (see caseRecordId). */
export const referralIdParams = z.object({
  officeId,
  referralId: z.string().regex(caseRecordId, 'Not a referral id.'),
});

export const referralOutcomeBody = z
  .object({
    decision: z
      .enum(REFERRAL_DECISIONS)
      .describe('What the jaksa/court decided (KUHP 85(7)); recorded, never decided here'),
    decidedOn: localDate,
    reference: z.string().trim().min(1).max(200).describe('Number of the penetapan or letter'),
  })
  .strict();

export const referralSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    reason: z.string(),
    warningIds: z.array(z.string()),
    status: z.enum(REFERRAL_STATUSES),
    referredBy: z.string(),
    referredAt: z.string(),
    outcome: z
      .object({
        decision: z.enum(REFERRAL_DECISIONS),
        decidedOn: z.string(),
        reference: z.string(),
        recordedBy: z.string(),
        recordedAt: z.string(),
      })
      .optional(),
  })
  .meta({ id: 'Referral' });

export const referralWithCaseSchema = referralSchema.extend({ case: caseStateSchema });
