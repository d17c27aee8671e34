import {
  canRecordSessions,
  creditSession,
  officeLocalNow,
  offlineMark,
  sessionRealityViolations,
  statusAfterSession,
  validateSessionSite,
  type DeviceFix,
  type OfficeTimeZone,
  type SessionOutcome,
} from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import { principalId } from '../../identity/principal';
import type { SessionRecord } from '../../store/session-store';
import { canSeeCase } from '../cases/visible-case';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { caseForCrediting, childSessionFlag, creditAgainOnConflict, sessionChange } from './crediting';

export type { SessionRecord } from '../../store/session-store';

/** A work session as the recorder reports it. Times are office-local `HH:mm` on an office-local date. */
export interface NewSession {
  readonly date: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly siteId: string;
  readonly outcome: SessionOutcome;
  readonly activity?: string;
  readonly notes?: string;
  readonly misconduct?: boolean;
  /** Set when the app recorded it without signal (OFFLINE-RECORD): the device's instant and position. */
  readonly offline?: { readonly recordedAt: string; readonly location?: DeviceFix };
}

/**
 * Records a work session of a case. A PK's (or an admin's) session counts at once; a site supervisor's
 * waits, uncredited, for the PK to verify it. The first session of a placed case starts its work.
 * Whoever records it, the session is checked against the case's placements, the site's partner and the
 * decision's days per week (session-reality.ts), and the day's cap counts the time the person worked.
 *
 * Reads: the case with the named site, and the case's placements (at once); then, per attempt, the case,
 * the client's days of that week and the site's partner in one BatchGet; writes one transaction.
 *
 * Refuses: not-found (no such case the caller may see); conflict (CR-CASE-STATUS: the case takes no
 * sessions); invalid (crediting's CR-WINDOW, CR-NOT-FUTURE, CR-OVERLAP, TIME-RANGE, then CR-OWN-SITE,
 * CR-SESSION-SITE, CR-SESSION-PARTNER, CR-DAYS-PER-WEEK); busy (concurrent sessions of the client kept
 * winning).
 */
export async function recordSession(
  ports: Pick<Ports, 'sessions' | 'placements' | 'now' | 'businessEvents'>,
  grant: OfficeGrant,
  caseId: string,
  input: NewSession,
): Promise<SessionRecord> {
  const officeId = grant.office.id;
  const [target, placements] = await Promise.all([
    creditAgainOnConflict(() => ports.sessions.forRecording(officeId, caseId, input.siteId)),
    ports.placements.list(officeId, caseId),
  ]);
  const visible = target.case;
  if (!visible || !canSeeCase(grant, visible)) throw refuse.notFound('No such case in this office.');
  const now = ports.now();
  const { today, nowTime } = officeLocalNow(grant.office, now);
  const verified = grant.siteIds === undefined;
  const recordedBy = principalId(grant.principal);
  const id = ports.sessions.newId(visible.id, now);
  // Flagged, never refused (ADR 0024). The zone was checked by officeLocalNow just above.
  const offline =
    input.offline &&
    offlineMark(input.offline, {
      receivedAt: now,
      zone: grant.office.timeZone as OfficeTimeZone,
      session: input,
    });

  const recorded = await creditAgainOnConflict(async () => {
    const state = await ports.sessions.forNewSession(
      officeId,
      visible.id,
      visible.clientId,
      input.date,
      target.partnerId,
    );
    if (!state) throw refuse.notFound('No such case in this office.');
    const status = state.case.status;
    const recording = canRecordSessions(status);
    if (!recording.ok)
      throw refuse.conflict(`Sessions cannot be recorded on a ${status} case.`, recording.violations);
    const decision = creditSession({
      session: input,
      case: caseForCrediting(state.case, state.case.creditedMinutes),
      sameDaySessions: Object.values(state.day.sessions),
      today,
      nowTime,
    });
    const site = validateSessionSite({ siteId: input.siteId, ownSiteIds: grant.siteIds });
    const reality = sessionRealityViolations({
      session: input,
      placements: placements.items,
      partner: state.partner,
      daysPerWeek: state.case.sentence.daysPerWeek,
      otherWork: state.caseWeek,
    });
    if (!decision.ok || !site.ok || reality.length > 0) {
      throw refuse.invalid(
        [...(decision.ok ? [] : decision.violations), ...(site.ok ? [] : site.violations), ...reality],
        'This session cannot be recorded.',
      );
    }
    const flag = childSessionFlag(state.case, input, grant.office);
    const session: SessionRecord = {
      id,
      caseId: visible.id,
      clientId: visible.clientId,
      siteId: input.siteId,
      date: input.date,
      startTime: input.startTime,
      endTime: input.endTime,
      outcome: input.outcome,
      ...(input.activity ? { activity: input.activity } : {}),
      ...(input.notes ? { notes: input.notes } : {}),
      misconduct: input.misconduct ?? false,
      ...(flag ? { flags: [flag] } : {}),
      ...(offline ? { offline } : {}),
      durationMinutes: decision.value.durationMinutes,
      creditedMinutes: verified ? decision.value.creditedMinutes : 0,
      clipped: decision.value.clipped,
      clippedBy: decision.value.clippedBy,
      verified,
      recordedBy,
      ...(verified ? { verifiedBy: recordedBy } : {}),
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    await ports.sessions.record(
      officeId,
      state,
      session,
      sessionChange(grant, now, 'session.create', statusAfterSession(status), {
        case: state.case,
        flag,
      }),
    );
    return session;
  });
  // Counted once, after the transaction committed (not per attempt).
  ports.businessEvents.sessionRecorded(recorded.creditedMinutes);
  return recorded;
}
