import type * as z from 'zod';
import { recordReferralOutcome as recordOutcome } from '../../actions/referrals/record-referral-outcome';
import { referCase } from '../../actions/referrals/refer-case';
import { referralsOfCase } from '../../actions/warnings/queries';
import type { InOffice } from '../../identity/grant';
import { access } from '../access';
import { defineRoute } from '../route';
import { caseListRoute, readAheadCase } from '../route-kit';
import { caseIdParams } from '../schemas/cases';
import {
  createReferralBody,
  referralIdParams,
  referralOutcomeBody,
  referralSchema,
  referralWithCaseSchema,
} from '../schemas/referrals';
import { withCaseState } from './warnings';

type CaseParams = z.infer<typeof caseIdParams>;

/** Referring a case to the jaksa is the PK's act (or an administrator's), never a system's. */
const REFERRERS = ['admin', 'officer'] as const;
/**
 * The outcome is what the jaksa/court decided: the prosecutor records it, or the PK from the letter, or
 * the Kejaksaan's system with `cases:write`. The software never decides it.
 */
const OUTCOME_RECORDERS = ['admin', 'officer', 'prosecutor', 'integration'] as const;
/** Referrals concern the prosecution, not the work: site supervisors do not read them. */
const REFERRAL_READERS = ['admin', 'officer', 'prosecutor', 'regional', 'integration'] as const;

export const createReferral = defineRoute<CaseParams, unknown, z.infer<typeof createReferralBody>, InOffice>({
  operationId: 'createReferral',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases/{caseId}/referrals',
  summary:
    'Refer the case to the jaksa for non-compliance, citing its open warnings; the case becomes referred',
  tags: ['referrals'],
  access: access.office(REFERRERS),
  params: caseIdParams,
  readAhead: readAheadCase,
  body: createReferralBody,
  responses: { 201: { description: 'The referral, awaiting the outcome', schema: referralWithCaseSchema } },
  async handle({ access: grant, params, body, deps }) {
    const referred = await referCase(deps, grant, params.caseId, body);
    return withCaseState(201, referred.referral, referred.case);
  },
});

export const listReferrals = caseListRoute('referrals', {
  operationId: 'listReferrals',
  summary: 'Referrals of a case to the jaksa, newest first, with their outcomes',
  access: access.office(REFERRAL_READERS, 'cases:read'),
  item: referralSchema,
  read: referralsOfCase,
});

export const recordReferralOutcome = defineRoute<
  z.infer<typeof referralIdParams>,
  unknown,
  z.infer<typeof referralOutcomeBody>,
  InOffice
>({
  operationId: 'recordReferralOutcome',
  method: 'POST',
  path: '/v1/offices/{officeId}/referrals/{referralId}/outcome',
  summary: 'Record what the jaksa/court decided on a referral (KUHP 85(7)); the case status follows it',
  tags: ['referrals'],
  access: access.office(OUTCOME_RECORDERS, 'cases:write'),
  params: referralIdParams,
  readAhead: (p, officeId, keys) => [
    keys.caseOfRecord(officeId, p.referralId),
    keys.referral(officeId, p.referralId),
  ],
  body: referralOutcomeBody,
  responses: {
    200: { description: 'The decided referral, and the case after it', schema: referralWithCaseSchema },
  },
  async handle({ access: grant, params, body, deps }) {
    const decided = await recordOutcome(deps, grant, params.referralId, body);
    return withCaseState(200, decided.referral, decided.case);
  },
});
