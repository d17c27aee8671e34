import { canWarn, validateWarning, warningIdFloor } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { CaseRecord } from '../../store/case-store';
import type { WarningRecord } from '../../store/warning-store';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { retryCaseChange } from '../cases/case-change';

export type { CaseRecord } from '../../store/case-store';
export type { WarningRecord } from '../../store/warning-store';

/** A warning (teguran) as the officer issues it. */
export interface NewWarning {
  readonly level: number;
  readonly reason: string;
  readonly sessionIds: readonly string[];
}

/**
 * Warns the client for unexcused absences or misconduct: an active case becomes warned, a warned case
 * stays warned, and the case and the office count one more open warning.
 *
 * Refuses: not-found (no such case the caller may see); invalid (LC-TRANSITION, WARN-LEVEL,
 * WARN-REASON, WARN-SESSIONS); conflict (the case kept changing).
 */
export async function issueWarning(
  ports: Pick<Ports, 'cases' | 'warnings' | 'now'>,
  grant: OfficeGrant,
  caseId: string,
  input: NewWarning,
): Promise<{ warning: WarningRecord; case: CaseRecord }> {
  return retryCaseChange(
    'The case kept changing while the warning was being recorded; try again.',
    async () => {
      const current = await loadVisibleCase(ports, grant, caseId);
      const warnable = canWarn(current.status);
      if (!warnable.ok)
        throw refuse.invalid(warnable.violations, `A ${current.status} case cannot be warned.`);
      const checked = validateWarning(input, await ports.warnings.sessionsOf(grant.office.id, current.id));
      if (!checked.ok) throw refuse.invalid(checked.violations);
      const now = ports.now();
      const warning: WarningRecord = {
        // Later than every warning a resolution named, so it is never taken for one of them.
        id: ports.warnings.newWarningId(now, warningIdFloor(current.warningResolutions)),
        caseId: current.id,
        level: checked.value.level,
        reason: input.reason,
        sessionIds: input.sessionIds,
        status: 'open',
        issuedBy: actorOf(grant, now).actor,
        issuedAt: now.toISOString(),
      };
      const saved = await ports.warnings.issue(
        current,
        { ...current, status: warnable.value, openWarnings: current.openWarnings + 1 },
        warning,
        { ...actorOf(grant, now), reason: input.reason },
      );
      return { warning, case: saved };
    },
  );
}
