import * as z from 'zod';
import { CASE_STATUSES, WARNING_LEVELS, WARNING_STATUSES } from '../../domain';
import { citedIds } from './common';

export const createWarningBody = z
  .object({
    level: z.literal(WARNING_LEVELS).describe('1–3, the officer’s judgement of seriousness'),
    reason: z.string().trim().min(1).max(2000),
    sessionIds: citedIds(
      'Sessions of this case with an unexcused absence or marked as misconduct; may be empty',
    ),
  })
  .strict();

/** The case as a warning, referral or outcome left it, so a client can update its view without a reload. */
export const caseStateSchema = z
  .object({
    id: z.string(),
    status: z.enum(CASE_STATUSES),
    version: z.number().int(),
    openWarnings: z.number().int(),
  })
  .meta({ id: 'CaseState' });

export const warningSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    level: z.number().int(),
    reason: z.string(),
    sessionIds: z.array(z.string()),
    status: z.enum(WARNING_STATUSES),
    issuedBy: z.string(),
    issuedAt: z.string(),
    resolvedAt: z.string().optional(),
    resolvedByReferralId: z.string().optional(),
    resolvedByCaseStatus: z.enum(CASE_STATUSES).optional(),
  })
  .meta({ id: 'Warning' });

export const createdWarningSchema = warningSchema.extend({ case: caseStateSchema });
