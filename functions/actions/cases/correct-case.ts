import { canCorrectSentence, remainingMinutes } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { CaseInput } from '../../store/case-store';
import { retryOnConflict } from '../../store/optimistic';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { checkCaseAgainstLaw, correctedFlags, recordedVerdict } from './case-law';
import { viewCase, type CaseView } from './queries';
import { loadVisibleCase } from './visible-case';

/** What a correction may change; the client of a case never changes. */
export type CaseCorrection = Partial<Omit<CaseInput, 'clientId'>>;

/**
 * Corrects a case the caller read at `expectedVersion`. The decision and sentence change only before
 * placement (LC-SENTENCE-EDITABLE: refuses conflict), and so do the origin, diversion and conversion; a
 * changed officer, order, sentence or consent is checked against the law again (refuses invalid) and
 * the case's flags are recomputed. Refuses stale when the case moved since it was read.
 */
export async function correctCase(
  ports: Pick<Ports, 'cases' | 'clients' | 'users' | 'now'>,
  grant: OfficeGrant,
  input: { readonly caseId: string; readonly expectedVersion: number; readonly changes: CaseCorrection },
): Promise<CaseView> {
  const { changes } = input;
  // A lost race re-reads: the version check then refuses stale, unless only DynamoDB's own locking lost.
  return retryOnConflict(
    async () => {
      const current = await loadVisibleCase(ports, grant, input.caseId);
      if (current.version !== input.expectedVersion) throw refuse.stale();
      // The origin, diversion and conversion are part of the court order, editable when the decision is.
      const { origin, diversion, conversion } = changes;
      const order = changes.decision ?? origin ?? diversion ?? conversion;
      const editable = canCorrectSentence(current.status, { decision: order, sentence: changes.sentence });
      if (!editable.ok) {
        throw refuse.conflict(
          'The decision and sentence can be corrected only before the case is placed.',
          editable.violations,
        );
      }
      const merged = { ...current, ...changes };
      // A changed order, sentence, consent or officer is checked again and registration's flags recomputed.
      const recheck = changes.officerUsername || order || changes.sentence || changes.consent;
      const verdict = recheck ? await checkCaseAgainstLaw(ports, grant, merged, current) : undefined;
      const next = {
        ...merged,
        ...(verdict ? recordedVerdict(merged, verdict.registration, correctedFlags(current, verdict)) : {}),
        remainingMinutes: changes.sentence
          ? remainingMinutes(changes.sentence.hours, current.creditedMinutes)
          : current.remainingMinutes,
      };
      const now = ports.now();
      return viewCase(await ports.cases.correct(current, next, actorOf(grant, now)), grant.office, now);
    },
    { onExhausted: () => refuse.stale() },
  );
}
