import { batchGet } from './batch-get';
import { getItem } from './read-ahead';
import {
  isoWeekOf,
  weekStart,
  type CaseFlag,
  type CaseStatus,
  type OfflineMark,
  type PartnerForPlacement,
  type SessionOutcome,
  type WorkInWeek,
} from '../domain';
import { auditItem, fieldChanges } from './audit';
import { CasePartitionStore } from './case-partition';
import { fulfilSlot, toSlotToFulfil, type SlotToFulfil } from './slot-fulfilment';
import { clientDayPut, minutesOfDayWorked, toClientDay, type ClientDay } from './client-day';

export type { ClientDay } from './client-day';
import { statusCounter, toCase, type CaseRecord } from './case-store';
import { caseTotalsItem } from './case-totals';
import { keys, withoutKeys } from './keys';
import type { Page, PageRequest } from './paging';
import { mapOf } from './office-records';
import { WriteConflict } from './optimistic';
import { ConditionFailed, transact, type TransactItem } from './transactions';
import type { Actor } from './user-store';

/** A recorded work session. Times are office-local `HH:mm` on an office-local date. */
export interface SessionRecord {
  readonly id: string;
  readonly caseId: string;
  readonly clientId: string;
  readonly siteId: string;
  readonly date: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly outcome: SessionOutcome;
  readonly activity?: string;
  readonly notes?: string;
  /** Set by the officer when the client misbehaved; a warning may cite such a session. */
  readonly misconduct: boolean;
  readonly durationMinutes: number;
  /** Minutes counted towards the ordered hours; 0 until verified. */
  readonly creditedMinutes: number;
  readonly clipped: boolean;
  readonly clippedBy: readonly string[];
  /** Sessions a site supervisor records wait for the officer (PK) to verify them before they count. */
  readonly verified: boolean;
  readonly recordedBy: string;
  readonly verifiedBy?: string;
  /** What the session raises for the PK, e.g. a child's session in school hours (CHILD-SCHOOL-HOURS). */
  readonly flags?: readonly CaseFlag[];
  /** Recorded on a device without signal and sent later (OFFLINE-RECORD, ADR 0024). */
  readonly offline?: OfflineMark;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The state a crediting decision is made on, read in one BatchGet. */
export interface CreditingState {
  readonly case: CaseRecord;
  readonly day: ClientDay;
  /** The case's other sessions in the ISO week of the session's date (CR-DAYS-PER-WEEK). */
  readonly caseWeek: readonly WorkInWeek[];
  /** The partner of the session's site, when one was asked for and is on record (CR-SESSION-PARTNER). */
  readonly partner?: PartnerForPlacement;
  readonly session?: SessionRecord;
  /** The case's scheduled slot on the session's date, if any: a new session fulfils it (ADR 0014). */
  readonly slot?: SlotToFulfil;
}

/** The case a new session is recorded on, and the partner of the site it names (if the site exists). */
export interface RecordingTarget {
  readonly case?: CaseRecord;
  readonly partnerId?: string;
}

/** One session of a client's day as a plan counts it: its case (undefined for an id not of ours), time worked. */
export interface WorkOnDay {
  readonly date: string;
  readonly caseId: string | undefined;
  readonly workedMinutes: number;
}

/** The state a correction is decided on: the session as stored, with its case and the client's day. */
export type CorrectionState = CreditingState & { readonly session: SessionRecord };

/** What a session write changes besides the session: who and why, and the case's status after it. */
export interface SessionChange extends Actor {
  /** The audit action, e.g. `session.create`, `session.verify`. */
  readonly action: string;
  /** The case's status after the session; the write is conditioned on the status it was decided on. */
  readonly status: CaseStatus;
  /** The office-local month of the write, for the monthly hours counter. */
  readonly month: string;
  /** The case's flags after the session, when the session raised a new one (written conditioned on the flags read). */
  readonly caseFlags?: readonly CaseFlag[];
}

/**
 * Sessions and the hours they credit. Session ids are `<caseId>-<ULID>` (`newId`), so a correction
 * finds the case from the id alone. Recording or correcting a session is one transaction: the
 * session, the case totals, the client's day, the audit entry and the monthly and weekly counters.
 *
 * Concurrency without over-crediting: the case totals are changed with an atomic add whose condition
 * is `remainingMinutes >= credit` (and the case's status the one decided on), and the client's day
 * with a version condition. A failed condition means the decision was made on stale numbers: the
 * write throws `WriteConflict` and the use case reads and decides again.
 */
export class SessionStore extends CasePartitionStore {
  /**
   * The case a new session names and the partner id of the site it names, in one BatchGet: who the
   * client is (their days are keyed by it) and whose agreement the session relies on. The decision
   * itself is made on `forNewSession`, which reads the case again with the partner.
   */
  async forRecording(officeId: string, caseId: string, siteId: string): Promise<RecordingTarget> {
    const caseKey = { pk: keys.casePartition(officeId, caseId), sk: keys.caseRoot as string };
    const siteKey = keys.site(officeId, siteId);
    const found = await this.batchGet([caseKey, siteKey]);
    const caseRaw = found(caseKey);
    const siteRaw = found(siteKey);
    return {
      ...(caseRaw ? { case: toCase(caseRaw) } : {}),
      ...(typeof siteRaw?.partnerId === 'string' ? { partnerId: siteRaw.partnerId } : {}),
    };
  }

  /**
   * The state a new session of the case on `date` is decided on (with the partner `partnerId` of its
   * site, when given); undefined when there is no case.
   */
  async forNewSession(
    officeId: string,
    caseId: string,
    clientId: string,
    date: string,
    partnerId?: string,
  ): Promise<CreditingState | undefined> {
    const { session: _none, ...state } = await this.read(officeId, caseId, { clientId, date, partnerId });
    return state.case && { ...state, case: state.case };
  }

  /**
   * The state a correction of `sessionId` is decided on: the session, its case and the client's day
   * of the session's date; undefined when there is no such session.
   */
  async forCorrection(officeId: string, sessionId: string): Promise<CorrectionState | undefined> {
    const caseId = this.caseOf(sessionId);
    if (!caseId) return undefined;
    // The client's day is keyed by the session's date, known only once the session is read (which
    // the guard's read-ahead has usually done already).
    const first = await getItem(
      this.db,
      this.tableName,
      {
        pk: keys.casePartition(officeId, caseId),
        sk: sessionSortKey(sessionId),
      },
      { consistent: true },
    );
    if (!first) return undefined;
    const { clientId, date } = toSession(first);
    const state = await this.read(officeId, caseId, { clientId, date, sessionId });
    return state.session && state.case && { ...state, case: state.case, session: state.session };
  }

  /** Records a new session decided on `state`; throws `WriteConflict` when `state` is no longer current. */
  async record(officeId: string, state: CreditingState, session: SessionRecord, change: SessionChange) {
    await this.write(officeId, { ...state, session: undefined }, session, change);
  }

  /**
   * Replaces `state.session` with its corrected or verified version; throws `WriteConflict` when
   * `state` is no longer current (the session's version, the case totals or the client's day moved).
   */
  async correct(officeId: string, state: CorrectionState, session: SessionRecord, change: SessionChange) {
    await this.write(officeId, state, session, change);
  }

  /** Newest first. */
  async list(officeId: string, caseId: string, page: PageRequest): Promise<Page<SessionRecord>> {
    const result = await this.queryCase(officeId, caseId, 'SESSION#', page);
    return { items: result.items.map(toSession), lastKey: result.lastKey };
  }

  /**
   * The client's work on each of `dates`, across all their cases, from their day items: one entry per
   * session with its case and the minutes it worked (verified or not, as CR-DAYS-PER-WEEK counts them),
   * in one eventually consistent BatchGet (a plan is a proposal, not a decision). At most 100 dates.
   */
  async workOnDays(officeId: string, clientId: string, dates: readonly string[]): Promise<WorkOnDay[]> {
    if (dates.length > 100) throw new RangeError(`At most 100 days per read, not ${dates.length}`);
    const dayKeys = dates.map((date) => keys.clientDay(officeId, clientId, date));
    const found = await batchGet(
      this.db,
      dayKeys.map((key) => ({ table: this.tableName, key })),
      { consistent: false },
    );
    return dates.flatMap((date, i) =>
      Object.values(toClientDay(found(this.tableName, dayKeys[i]!)).sessions).map((s) => ({
        date,
        caseId: s.id === undefined ? undefined : this.caseOf(s.id),
        workedMinutes: minutesOfDayWorked(s),
      })),
    );
  }

  /**
   * The case, and optionally the session, the client's days of the ISO week of `date` (the session's
   * day among them) and a partner, in one strongly consistent BatchGet (at most ten keys).
   */
  private async read(
    officeId: string,
    caseId: string,
    options: { clientId?: string; date?: string; sessionId?: string; partnerId?: string },
  ) {
    const { clientId, date, sessionId, partnerId } = options;
    const caseKey = { pk: keys.casePartition(officeId, caseId), sk: keys.caseRoot as string };
    const sessionKey = sessionId ? { pk: caseKey.pk, sk: sessionSortKey(sessionId) } : undefined;
    const partnerKey = partnerId ? keys.partner(officeId, partnerId) : undefined;
    const week = clientId && date ? isoWeekOf(date) : [];
    const dayKeys = week.map((day) => keys.clientDay(officeId, clientId!, day));
    // The slot of the day rides in the same BatchGet: fulfilling it costs no call of its own.
    const slotKey = date && !sessionId ? keys.slot(officeId, caseId, date) : undefined;
    const found = await this.batchGet([caseKey, sessionKey, partnerKey, slotKey, ...dayKeys]);
    const slotRaw = found(slotKey);
    const caseRaw = found(caseKey);
    const sessionRaw = found(sessionKey);
    const partnerRaw = found(partnerKey);
    const days = week.map((day, i) => ({ date: day, ...toClientDay(found(dayKeys[i])) }));
    return {
      case: caseRaw ? toCase(caseRaw) : undefined,
      day: days.find((d) => d.date === date) ?? toClientDay(undefined),
      caseWeek: days.flatMap((d) =>
        Object.values(d.sessions)
          .filter((s) => s.id !== sessionId && s.id !== undefined && this.caseOf(s.id) === caseId)
          .map((s) => ({ date: d.date, workedMinutes: minutesOfDayWorked(s) })),
      ),
      ...(partnerRaw ? { partner: toPartnerTerms(partnerRaw) } : {}),
      session: sessionRaw ? toSession(sessionRaw) : undefined,
      ...(slotRaw ? { slot: toSlotToFulfil(slotRaw) } : {}),
    };
  }

  /**
   * One strongly consistent BatchGet of `requested` (undefined keys skipped; those the request's
   * read-ahead holds cost nothing); the answer finds an item by its key.
   */
  private async batchGet(requested: readonly ({ pk: string; sk: string } | undefined)[]) {
    const wanted = requested.filter((key) => key !== undefined);
    const found = await batchGet(
      this.db,
      wanted.map((key) => ({ table: this.tableName, key })),
    );
    return (key: { pk: string; sk: string } | undefined) => key && found(this.tableName, key);
  }

  /**
   * Writes a new session (`state.session` undefined) or a corrected one, moving the case total and the
   * client's day by the difference in credit, and the case to `change.status`. When the credit moved,
   * re-derives the case's "on track until" key afterwards (best effort, see `CaseStore.refreshTrackKey`).
   */
  private async write(
    officeId: string,
    state: CreditingState,
    after: SessionRecord,
    change: SessionChange,
  ): Promise<void> {
    const before = state.session;
    const delta = after.creditedMinutes - (before?.creditedMinutes ?? 0);
    const current = state.case;
    const { status, month, caseFlags, ...actor } = change;
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: sessionItem(officeId, after),
          ...(before
            ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': before.version } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      caseTotalsItem(this.tableName, current, delta, actor.at, status, caseFlags),
      clientDayPut(this.tableName, officeId, after, state.day),
      {
        Put: {
          TableName: this.tableName,
          Item: auditItem({
            officeId,
            ...actor,
            subject: { type: 'case', id: after.caseId },
            record: { type: 'session', id: after.id },
            changes: [
              ...fieldChanges(
                before ? ({ session: before } as Record<string, unknown>) : undefined,
                { session: after } as Record<string, unknown>,
                { ignore: ['session.version', 'session.updatedAt', 'session.createdAt'] },
              ),
              // The case's own move (a placed case's first session makes it active) is part of the change.
              ...(status !== current.status
                ? [{ field: 'status', before: current.status, after: status }]
                : []),
            ],
          }),
        },
      },
    ];
    if (status !== current.status)
      items.push(statusCounter(this.tableName, officeId, current.status, status));
    // Attendance fulfils the day's scheduled slot (a slot is not a session: ADR 0014).
    const fulfils = !before && state.slot?.status === 'scheduled' ? state.slot : undefined;
    const slotIndex = fulfils ? items.length : -1;
    if (fulfils) items.push(fulfilSlot(this.tableName, officeId, after, fulfils));
    // The month of the recording: hours credited and (a new session, once) sessions recorded in it.
    if (delta !== 0 || !before) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: keys.monthStats(officeId, month),
          UpdateExpression: before
            ? 'ADD creditedMinutes :delta'
            : 'ADD creditedMinutes :delta, sessions :one',
          ExpressionAttributeValues: { ':delta': delta, ...(before ? {} : { ':one': 1 }) },
        },
      });
    }
    // The week of the work itself (not of the recording): the dashboard's hours-per-week chart.
    if (delta !== 0 || !before) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: keys.weekStats(officeId, weekStart(after.date)),
          UpdateExpression: before
            ? 'ADD creditedMinutes :delta'
            : 'ADD creditedMinutes :delta, sessions :one',
          ExpressionAttributeValues: { ':delta': delta, ...(before ? {} : { ':one': 1 }) },
        },
      });
    }
    try {
      await transact(this.db, items);
    } catch (error) {
      if (error instanceof ConditionFailed) {
        throw new WriteConflict(error.index === slotIndex ? 'slot' : (CONDITIONED[error.index] ?? 'session'));
      }
      throw error;
    }
    if (delta !== 0) {
      const moved = status !== current.status;
      await this.cases.refreshTrackKey(officeId, after.caseId, {
        ...current,
        status,
        creditedMinutes: current.creditedMinutes + delta,
        remainingMinutes: current.remainingMinutes - delta,
        version: moved ? current.version + 1 : current.version,
      });
    }
  }
}

/** The conditioned items of a session write, by their index in the transaction. */
const CONDITIONED = ['session', 'case', 'day'];

/**
 * Sort key: the id alone, so a session is one GetItem away from its id. The id ends in a ULID, so a
 * backwards Query lists sessions newest-recorded first.
 */
export const sessionSortKey = (sessionId: string) => `SESSION#${sessionId}`;

function sessionItem(officeId: string, session: SessionRecord): Record<string, unknown> {
  return {
    pk: keys.casePartition(officeId, session.caseId),
    sk: sessionSortKey(session.id),
    type: 'session',
    ...session,
  };
}

/** What the session rules read of a partner item (CR-SESSION-PARTNER); the partner store owns the rest. */
function toPartnerTerms(item: Record<string, unknown>): PartnerForPlacement {
  const agreement = mapOf(item.agreement);
  return {
    nonCommercial: item.nonCommercial === true,
    agreement: {
      validFrom: String(agreement.validFrom ?? ''),
      ...(typeof agreement.validUntil === 'string' ? { validUntil: agreement.validUntil } : {}),
    },
  };
}

function toSession(item: Record<string, unknown>): SessionRecord {
  return withoutKeys(item) as unknown as SessionRecord;
}
