import * as z from 'zod';
import {
  CASE_STATUSES,
  OUTCOME_DECIDERS,
  OUTCOME_SCOPES,
  REFERRAL_DECISIONS,
  REFERRAL_STATUSES,
} from '../../domain';
import { termsSchema } from './cases';
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

/**
 * The outcome and its terms. The domain (decideOutcome) says which terms each decision carries and
 * refuses with rule ids, so the numbers here are only typed.
 */
export const referralOutcomeBody = z
  .object({
    decision: z
      .enum(REFERRAL_DECISIONS)
      .describe(
        "What the jaksa/court decided (KUHP 85(7)): the decision's sanction or continue; a child's only repeat (SPPA 76(2)) or continue",
      ),
    scope: z
      .enum(OUTCOME_SCOPES)
      .optional()
      .describe(
        'All or part of the sentence or replaced penalty (default all: a left-out term is the whole)',
      ),
    hours: z.number().optional().describe('repeat: the hours to work again'),
    deadline: localDate.optional().describe('repeat, continue: the new deadline (default: the one in force)'),
    days: z.number().optional().describe('serve_prison: days of the replaced prison term (a month is 30)'),
    amountRupiah: z.number().optional().describe('pay_fine: rupiah of the replaced fine'),
    decidedOn: localDate,
    decidedBy: z
      .enum(OUTCOME_DECIDERS)
      .optional()
      .describe("Who decided; a child's repeat is the hakim pengawas's (SPPA 76(2))"),
    deciderName: z.string().trim().min(1).max(200).optional().describe('The name of who decided'),
    reference: z.string().trim().min(1).max(200).describe('Number of the penetapan or letter'),
  })
  .strict();

/** What an outcome or the end of a case resolved: the newest warning and how many were open. */
export const warningResolutionSchema = z
  .object({
    through: z.string(),
    count: z.number().int(),
    at: z.string(),
    referralId: z.string().optional(),
    endedAs: z.enum(CASE_STATUSES).optional(),
  })
  .meta({ id: 'WarningResolution' });

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
        decidedBy: z.enum(OUTCOME_DECIDERS).optional(),
        deciderName: z.string().optional(),
        scope: z.enum(OUTCOME_SCOPES).optional(),
        terms: termsSchema.optional(),
        resolvedWarnings: warningResolutionSchema.optional(),
        recordedBy: z.string(),
        recordedAt: z.string(),
      })
      .optional(),
  })
  .meta({ id: 'Referral' });

export const referralWithCaseSchema = referralSchema.extend({ case: caseStateSchema });
