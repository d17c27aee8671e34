import type * as z from 'zod';
import {
  canTransition,
  localDateOf,
  statusAfterReferralOutcome,
  validateReferral,
  type OfficeTimeZone,
  type RuleViolation,
} from '../../domain';
import { principalId } from '../../identity/principal';
import { newId } from '../../store/audit';
import { caseOfReferral, type ReferralOutcome, type ReferralRecord } from '../../store/warning-store';
import { retryOnCaseRace } from '../case-races';
import { access } from '../access';
import { violationsProblem } from '../domain-errors';
import type { GuardResult } from '../guard';
import { problems } from '../problem';
import { defineRoute } from '../route';
import { caseIdParams } from '../schemas/cases';
import { pageOf, pageQuery } from '../schemas/paging';
import {
  createReferralBody,
  referralIdParams,
  referralOutcomeBody,
  referralSchema,
  referralWithCaseSchema,
} from '../schemas/referrals';
import { loadVisibleCase } from './cases';
import { officeToday } from '../office-context';
import { caseState } from './warnings';

type InOffice = Extract<GuardResult, { kind: 'office' }>;
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

/**
 * Items an outcome's transaction holds besides the open warnings it resolves: the case, its status
 * counter, the audit entry, the referral and the office's warning counter. DynamoDB allows 100.
 */
const OUTCOME_FIXED_ITEMS = 5;
const MAX_TRANSACTION_ITEMS = 100;

export const createReferral = defineRoute<CaseParams, unknown, z.infer<typeof createReferralBody>, InOffice>({
  operationId: 'createReferral',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases/{caseId}/referrals',
  summary:
    'Refer the case to the jaksa for non-compliance, citing its open warnings; the case becomes referred',
  tags: ['referrals'],
  access: access.office(REFERRERS),
  params: caseIdParams,
  body: createReferralBody,
  responses: { 201: { description: 'The referral, awaiting the outcome', schema: referralWithCaseSchema } },
  async handle({ access: grant, params, body, deps }) {
    const officeId = grant.office.id;
    const { referral, saved } = await retryOnCaseRace(async () => {
      const current = await loadVisibleCase(deps, grant, params.caseId);
      const warnings = await deps.warnings.warningStatesOf(officeId, current.id);
      const open = warnings.filter((w) => w.status === 'open').map((w) => w.id);
      const resolved = new Set(warnings.filter((w) => w.status === 'resolved').map((w) => w.id));
      const violations: RuleViolation[] = [];
      const lifecycle = canTransition(current.status, 'referred');
      if (!lifecycle.ok) violations.push(...lifecycle.violations);
      const cited = validateReferral(body, open);
      if (!cited.ok) {
        // A warning an earlier outcome resolved is this case's, but cannot be cited again: say so.
        violations.push(
          ...cited.violations.map((v) => {
            const index = /^warningIds\.(\d+)$/.exec(v.path)?.[1];
            return index !== undefined && resolved.has(body.warningIds[Number(index)]!)
              ? { ...v, message: 'This warning was resolved by an earlier referral outcome.' }
              : v;
          }),
        );
      }
      if (violations.length > 0 || !cited.ok)
        throw violationsProblem(violations, 'This case cannot be referred.');
      const now = deps.now();
      const referral: ReferralRecord = {
        // The id carries the case id so the outcome route finds the case from the id alone.
        id: `${current.id}-${newId(now)}`,
        caseId: current.id,
        reason: body.reason,
        warningIds: cited.value.warningIds,
        status: 'awaiting_outcome',
        referredBy: principalId(grant.principal),
        referredAt: now.toISOString(),
      };
      const saved = await deps.cases.save(
        current,
        { ...current, status: 'referred' },
        {
          actor: principalId(grant.principal),
          at: now,
          action: 'referral.create',
          reason: body.reason,
          record: { name: 'referral', after: referral },
        },
        [deps.warnings.putReferral(officeId, referral)],
      );
      return { referral, saved };
    }, 'The case kept changing while the referral was being recorded; try again.');
    return { status: 201, body: { ...referral, case: caseState(saved) } };
  },
});

export const listReferrals = defineRoute<CaseParams, z.infer<typeof pageQuery>, unknown, InOffice>({
  operationId: 'listReferrals',
  method: 'GET',
  path: '/v1/offices/{officeId}/cases/{caseId}/referrals',
  summary: 'Referrals of a case to the jaksa, newest first, with their outcomes',
  tags: ['referrals'],
  access: access.office(REFERRAL_READERS, 'cases:read'),
  params: caseIdParams,
  query: pageQuery,
  responses: { 200: { description: 'A page of referrals', schema: pageOf(referralSchema) } },
  async handle({ access: grant, params, query, deps }) {
    const found = await loadVisibleCase(deps, grant, params.caseId);
    const scope = { officeId: grant.office.id, list: `referrals:${found.id}` };
    const page = await deps.warnings.listReferrals(grant.office.id, found.id, {
      limit: query.limit,
      startKey: await deps.cursors.decode(scope, query.cursor),
    });
    return {
      status: 200,
      body: { items: page.items, nextCursor: await deps.cursors.encode(scope, page.lastKey) },
    };
  },
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
  body: referralOutcomeBody,
  responses: {
    200: { description: 'The decided referral, and the case after it', schema: referralWithCaseSchema },
  },
  async handle({ access: grant, params, body, deps }) {
    const officeId = grant.office.id;
    const caseId = caseOfReferral(params.referralId);
    if (!caseId) throw problems.notFound('No such referral in this office.');
    const { referral, saved } = await retryOnCaseRace(async () => {
      const current = await loadVisibleCase(deps, grant, caseId);
      const referral = await deps.warnings.getReferral(officeId, caseId, params.referralId);
      if (!referral) throw problems.notFound('No such referral in this office.');
      if (referral.status === 'decided') {
        throw problems.conflict('The outcome of this referral is already recorded.', [
          { path: 'decision', message: `Recorded: ${referral.outcome?.decision ?? 'unknown'}.` },
        ]);
      }
      const next = statusAfterReferralOutcome(current.status, body.decision);
      if (!next.ok)
        throw violationsProblem(next.violations, 'This outcome cannot be recorded on the case as it is.');
      const now = deps.now();
      const referredOn = localDateOf(referral.referredAt, grant.office.timeZone as OfficeTimeZone);
      if (body.decidedOn > officeToday(grant.office, now) || body.decidedOn < referredOn) {
        throw problems.invalidInput([
          {
            path: 'decidedOn',
            message: `The decision date lies between the referral (${referredOn}) and today.`,
          },
        ]);
      }
      const open = (await deps.warnings.warningStatesOf(officeId, caseId)).filter((w) => w.status === 'open');
      if (open.length > MAX_TRANSACTION_ITEMS - OUTCOME_FIXED_ITEMS) {
        throw problems.conflict(
          'This case has too many open warnings to resolve in one step; contact support.',
        );
      }
      const outcome: ReferralOutcome = {
        ...body,
        recordedBy: principalId(grant.principal),
        recordedAt: now.toISOString(),
      };
      const at = now.toISOString();
      const saved = await deps.cases.save(
        current,
        { ...current, status: next.value, openWarnings: 0 },
        {
          actor: principalId(grant.principal),
          at: now,
          action: 'referral.outcome',
          reason: `${body.decision} (${body.reference}, ${body.decidedOn})`,
          record: { name: 'referral', before: { id: referral.id }, after: { id: referral.id, outcome } },
        },
        [
          deps.warnings.decideReferral(officeId, referral, outcome),
          ...open.map((w) => deps.warnings.resolveWarning(officeId, caseId, w.id, referral.id, at)),
          // The office counter moves by the case's own counter, so it stays the sum over cases.
          ...(current.openWarnings !== 0
            ? [deps.warnings.countOpenWarnings(officeId, -current.openWarnings)]
            : []),
        ],
      );
      const decided: ReferralRecord = { ...referral, status: 'decided', outcome };
      return { referral: decided, saved };
    }, 'The outcome of this referral was recorded by someone else at the same moment; reload it.');
    return { status: 200, body: { ...referral, case: caseState(saved) } };
  },
});
