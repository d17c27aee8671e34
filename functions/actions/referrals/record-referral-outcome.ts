import {
  canDecideReferral,
  decideOutcome,
  localDateOf,
  officeToday,
  statusAfterReferralOutcome,
  termsOf,
  validateOutcomeDate,
  type CaseForOutcome,
  type OfficeTimeZone,
  type OutcomeTermsInput,
} from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { CaseRecord } from '../../store/case-store';
import type { ReferralOutcome, ReferralRecord } from '../../store/warning-store';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { closeOpenWarnings } from '../warnings/resolution';
import { retryCaseChange } from '../cases/case-change';

export type { CaseRecord } from '../../store/case-store';
export type { ReferralRecord } from '../../store/warning-store';

/** What the jaksa/court decided, as written on its document, with the terms it set. */
export interface OutcomeInput extends OutcomeTermsInput {
  readonly reference: string;
  /** The name of who decided (the jaksa, the hakim pengawas, the court's panel). */
  readonly deciderName?: string;
}

/** The case as the outcome's rules see it: the sanction, the whole of each penalty, the terms in force. */
const caseForOutcome = (record: CaseRecord): CaseForOutcome => ({
  sentenceKind: record.sentence.kind,
  sentenceHours: record.sentence.hours,
  sanction: record.decision.nonComplianceSanction,
  terms: termsOf(record),
  creditedMinutes: record.creditedMinutes,
  prisonMonths: record.decision.imposed?.prisonMonths,
  fineRupiah: record.conversion?.fineRupiah ?? record.decision.imposed?.fineRupiah,
});

/**
 * Records what the jaksa/court decided on a referral (KUHP 85(7), SPPA 76(2)); the software never
 * decides it. The case takes the status and the terms the outcome sets (a repeat: the hours credited so
 * far plus those to repeat, by the new deadline; continue: the new deadline; a conversion: the days or
 * rupiah), its clock runs again, and the outcome names the open warnings it resolves (WARN-RESOLUTION),
 * however many there are.
 *
 * Refuses: not-found (no such referral the caller may see); conflict (REFERRAL-ONE-OUTCOME: already
 * decided; the referral kept changing); invalid (LC-TRANSITION, REFERRAL-OUTCOME-DATE, OUTCOME-ALLOWED,
 * OUTCOME-DECIDED-BY, OUTCOME-TERMS).
 */
export async function recordReferralOutcome(
  ports: Pick<Ports, 'cases' | 'warnings' | 'now'>,
  grant: OfficeGrant,
  referralId: string,
  input: OutcomeInput,
): Promise<{ referral: ReferralRecord; case: CaseRecord }> {
  const officeId = grant.office.id;
  const caseId = ports.warnings.caseOf(referralId);
  const notFound = () => refuse.notFound('No such referral in this office.');
  if (!caseId) throw notFound();
  const detail = 'The outcome of this referral was recorded by someone else at the same moment; reload it.';
  return retryCaseChange(detail, async () => {
    const current = await loadVisibleCase(ports, grant, caseId);
    const referral = await ports.warnings.getReferral(officeId, caseId, referralId);
    if (!referral) throw notFound();
    const open = canDecideReferral(referral);
    if (!open.ok) throw refuse.conflict('The outcome of this referral is already recorded.', open.violations);
    const next = statusAfterReferralOutcome(current.status, input.decision);
    if (!next.ok)
      throw refuse.invalid(next.violations, 'This outcome cannot be recorded on the case as it is.');
    const now = ports.now();
    const referredOn = localDateOf(referral.referredAt, grant.office.timeZone as OfficeTimeZone);
    const dated = validateOutcomeDate(input.decidedOn, referredOn, officeToday(grant.office, now));
    if (!dated.ok) throw refuse.invalid(dated.violations, 'The request has invalid fields.');
    const decided = decideOutcome(input, caseForOutcome(current));
    if (!decided.ok) throw refuse.invalid(decided.violations, 'The decision cannot have ordered this.');
    const at = now.toISOString();
    const closed = await closeOpenWarnings(ports, current, { at, referralId: referral.id });
    const actor = actorOf(grant, now);
    const { reference, decision, decidedOn, decidedBy, deciderName } = input;
    const outcome: ReferralOutcome = {
      decision,
      decidedOn,
      reference,
      ...(decidedBy ? { decidedBy } : {}),
      ...(deciderName ? { deciderName } : {}),
      ...(decided.value.scope ? { scope: decided.value.scope } : {}),
      terms: decided.value.terms,
      ...(closed.resolution ? { resolvedWarnings: closed.resolution } : {}),
      recordedBy: actor.actor,
      recordedAt: at,
    };
    const saved = await ports.warnings.decide(
      current,
      {
        ...current,
        status: next.value,
        terms: decided.value.terms,
        remainingMinutes: decided.value.remainingMinutes,
        ...closed.fields,
      },
      referral,
      outcome,
      { ...actor, reason: `${decision} (${reference}, ${decidedOn})` },
    );
    return { referral: { ...referral, status: 'decided', outcome }, case: saved };
  });
}
