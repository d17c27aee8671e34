import {
  canRecordSessions,
  creditSession,
  daysPerWeekViolations,
  officeLocalNow,
  outcomeFlags,
  statusAfterSession,
  type SessionOutcome,
} from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import { principalId } from '../../identity/principal';
import type { SessionRecord } from '../../store/session-store';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { caseForCrediting, childSessionFlag, creditAgainOnConflict, sessionChange } from './crediting';

export type { SessionRecord } from '../../store/session-store';

/** What a PK may change on a recorded session: verify it, or correct its times, outcome and notes. */
export interface SessionCorrection {
  readonly verified?: true;
  readonly startTime?: string;
  readonly endTime?: string;
  readonly outcome?: SessionOutcome;
  readonly activity?: string;
  readonly notes?: string;
  readonly misconduct?: boolean;
}

/**
 * Verifies or corrects a session the caller read at `expectedVersion`; the credit is decided again
 * (a verified session counts from now on), and the case total moves by the difference. Its site and
 * date cannot change, so its placement and partner stand as checked when it was recorded; an absence
 * corrected into work must still fit the decision's days per week.
 *
 * Refuses: not-found (no such session the caller may see); stale (the session is no longer at
 * `expectedVersion`); conflict (CR-CASE-STATUS); invalid (crediting's rules, CR-DAYS-PER-WEEK); busy.
 */
export async function correctSession(
  ports: Pick<Ports, 'cases' | 'sessions' | 'now' | 'businessEvents'>,
  grant: OfficeGrant,
  input: {
    readonly sessionId: string;
    readonly expectedVersion: number;
    readonly changes: SessionCorrection;
  },
): Promise<SessionRecord> {
  const { sessionId, expectedVersion, changes } = input;
  await loadVisibleCase(ports, grant, ports.sessions.caseOf(sessionId) ?? '');
  const officeId = grant.office.id;
  const now = ports.now();
  const { today, nowTime } = officeLocalNow(grant.office, now);
  const verifying = changes.verified === true && Object.keys(changes).length === 1;

  const corrected = await creditAgainOnConflict(async () => {
    const state = await ports.sessions.forCorrection(officeId, sessionId);
    if (!state) throw refuse.notFound('No such session in this office.');
    // Compared after every read: a session another write moved meanwhile is not the one the caller saw.
    if (state.session.version !== expectedVersion) throw refuse.stale();
    const status = state.case.status;
    const recording = canRecordSessions(status);
    if (!recording.ok)
      throw refuse.conflict(`Sessions cannot be corrected on a ${status} case.`, recording.violations);
    const before = state.session;
    const merged = { ...before, ...changes, verified: before.verified || changes.verified === true };
    const { [before.id]: _self, ...others } = state.day.sessions;
    const decision = creditSession({
      session: merged,
      case: caseForCrediting(state.case, state.case.creditedMinutes - before.creditedMinutes),
      sameDaySessions: Object.values(others),
      today,
      nowTime: merged.date < today ? '23:59' : nowTime,
    });
    // An attended session already made its day one of work; only an absence turned into work adds one.
    const days = outcomeFlags(before.outcome).credits
      ? []
      : daysPerWeekViolations(merged, state.case.sentence.daysPerWeek, state.caseWeek);
    if (!decision.ok || days.length > 0) {
      throw refuse.invalid(
        [...(decision.ok ? [] : decision.violations), ...days],
        'This correction cannot be recorded.',
      );
    }
    // A correction of the date or times re-reads the school hours in force now.
    const { flags: _before, ...facts } = merged;
    const flag = childSessionFlag(state.case, merged, grant.office);
    const session: SessionRecord = {
      ...facts,
      ...(flag ? { flags: [flag] } : {}),
      durationMinutes: decision.value.durationMinutes,
      creditedMinutes: merged.verified ? decision.value.creditedMinutes : 0,
      clipped: decision.value.clipped,
      clippedBy: decision.value.clippedBy,
      ...(merged.verified && !before.verified ? { verifiedBy: principalId(grant.principal) } : {}),
      version: before.version + 1,
      updatedAt: now.toISOString(),
    };
    const action = verifying ? 'session.verify' : 'session.update';
    await ports.sessions.correct(
      officeId,
      state,
      session,
      sessionChange(grant, now, action, statusAfterSession(status), {
        case: state.case,
        flag,
      }),
    );
    return { session, delta: session.creditedMinutes - before.creditedMinutes };
  });
  // Counted once, after the transaction committed (not per attempt).
  ports.businessEvents.sessionCorrected(corrected.delta);
  return corrected.session;
}
