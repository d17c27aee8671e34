import { assessCase, officeToday, Rule, type AssessmentInput, type AssessmentSummary } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { AssessmentRecord } from '../../store/assessment-store';
import type { CaseRecord } from '../../store/case-store';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { retryCaseChange } from '../cases/case-change';

export type { AssessmentRecord } from '../../store/assessment-store';
export type { CaseRecord } from '../../store/case-store';

/**
 * Records the PK's assessment (Litmas) of a case: a received case becomes assessed in the same write
 * (with its audit entry); on a later status it is a re-assessment and the status stays. The case shows
 * the latest assessment's summary, and consent refused or not asked is flagged (KS-CONSENT), never
 * refused.
 *
 * Refuses: not-found (no such case the caller may see); conflict (LC-TRANSITION: the case has ended;
 * or it kept changing); invalid (AS-LITMAS: the Litmas or the consent dated after today).
 */
export async function recordAssessment(
  ports: Pick<Ports, 'cases' | 'assessments' | 'now'>,
  grant: OfficeGrant,
  caseId: string,
  input: AssessmentInput,
): Promise<{ assessment: AssessmentRecord; case: CaseRecord }> {
  return retryCaseChange(
    'The case kept changing while the assessment was being recorded; try again.',
    async () => {
      const current = await loadVisibleCase(ports, grant, caseId);
      const now = ports.now();
      const decided = assessCase(current.status, current.flags ?? [], input, officeToday(grant.office, now));
      if (!decided.ok) {
        if (decided.violations.some((v) => v.rule === Rule.LC_TRANSITION)) {
          throw refuse.conflict(`A ${current.status} case takes no assessment.`, decided.violations);
        }
        throw refuse.invalid(decided.violations);
      }
      const actor = actorOf(grant, now);
      const assessment: AssessmentRecord = {
        ...input,
        id: ports.assessments.newId(current.id, now),
        caseId: current.id,
        flags: decided.value.raised,
        recordedBy: actor.actor,
        recordedAt: now.toISOString(),
      };
      const summary: AssessmentSummary = {
        id: assessment.id,
        litmas: input.litmas,
        recommendation: input.recommendation,
        consent: input.consent,
        ...(input.avoidPartnerKinds?.length ? { avoidPartnerKinds: input.avoidPartnerKinds } : {}),
        recordedAt: assessment.recordedAt,
      };
      const next = {
        ...current,
        status: decided.value.status,
        flags: decided.value.flags,
        assessment: summary,
      };
      const saved = await ports.assessments.record(current, next, assessment, {
        ...actor,
        reason: `Litmas ${input.litmas.number}`,
      });
      return { assessment, case: saved };
    },
  );
}
