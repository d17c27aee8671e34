import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { weekStart, type CaseStatus, type SameDaySession, type SessionOutcome } from '../domain';
import { auditItem, fieldChanges } from './audit';
import { caseItem, statusCounter, toCase, type CaseRecord } from './case-store';
import { keys, withoutKeys } from './keys';
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
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One client's sessions on one local date, across all cases: the record the daily cap is checked on. */
export interface ClientDay {
  readonly version: number;
  readonly sessions: Readonly<Record<string, SameDaySession>>;
}

/** The state a crediting decision is made on, read in one BatchGet. */
export interface CreditingState {
  readonly case: CaseRecord;
  readonly day: ClientDay;
  readonly session?: SessionRecord;
}

/** Statuses in which work is being done and sessions may be recorded. */
export const RECORDING_STATUSES: ReadonlySet<CaseStatus> = new Set([
  'placed',
  'active',
  'warned',
  'repeated',
]);

/** The precondition that failed, so the caller can re-read and decide again, or answer. */
export class CreditConflict extends Error {
  constructor(readonly on: 'case' | 'day' | 'session') {
    super(`crediting conflict on ${on}`);
  }
}

/**
 * Sessions and the hours they credit. Recording or verifying a session is one transaction: the
 * session, the case totals, the client's day, the audit entry and the monthly counter.
 *
 * Concurrency without over-crediting: the case totals are changed with an atomic add whose condition
 * is `remainingMinutes >= credit`, and the client's day with a version condition. Either condition
 * failing means the decision was made on stale numbers: the caller re-reads and decides again.
 */
export class SessionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async readState(
    officeId: string,
    caseId: string,
    clientId: string | undefined,
    date: string,
    sessionKey?: string,
  ) {
    const caseKey = { pk: keys.casePartition(officeId, caseId), sk: keys.caseRoot as string };
    const requested: { pk: string; sk: string }[] = [caseKey];
    if (sessionKey) requested.push({ pk: keys.casePartition(officeId, caseId), sk: sessionKey });
    if (clientId) requested.push(keys.clientDay(officeId, clientId, date));
    const result = await this.db.send(
      new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: requested, ConsistentRead: true } } }),
    );
    const items = result.Responses?.[this.tableName] ?? [];
    const find = (key: { pk: string; sk: string }) => items.find((i) => i.pk === key.pk && i.sk === key.sk);
    const caseRaw = find(caseKey);
    const dayRaw = clientId ? find(keys.clientDay(officeId, clientId, date)) : undefined;
    const sessionRaw = sessionKey ? find({ pk: caseKey.pk, sk: sessionKey }) : undefined;
    return {
      case: caseRaw ? toCase(caseRaw) : undefined,
      day: {
        version: Number(dayRaw?.version ?? 0),
        sessions: (dayRaw?.sessions as Record<string, SameDaySession> | undefined) ?? {},
      },
      session: sessionRaw ? toSession(sessionRaw) : undefined,
    };
  }

  /**
   * Writes a new session (`before` undefined) or a corrected one, moving the case total and the
   * client's day by the difference in credit. `activate` moves a placed case to active with its
   * first session.
   */
  async write(
    officeId: string,
    state: CreditingState,
    after: SessionRecord,
    actor: Actor & { action: string },
    options: { activate: boolean; month: string },
  ): Promise<void> {
    const before = state.session;
    const delta = after.creditedMinutes - (before?.creditedMinutes ?? 0);
    const current = state.case;
    const items: TransactItem[] = [
      before
        ? {
            Put: {
              TableName: this.tableName,
              Item: sessionItem(officeId, after),
              ConditionExpression: 'version = :v',
              ExpressionAttributeValues: { ':v': before.version },
            },
          }
        : {
            Put: {
              TableName: this.tableName,
              Item: sessionItem(officeId, after),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
      this.caseTotals(current, delta, actor.at, options.activate),
      this.clientDay(officeId, after, state.day),
      {
        Put: {
          TableName: this.tableName,
          Item: auditItem({
            officeId,
            ...actor,
            subject: { type: 'case', id: after.caseId },
            changes: fieldChanges(
              before ? ({ session: before } as Record<string, unknown>) : undefined,
              { session: after } as Record<string, unknown>,
              { ignore: ['session.version', 'session.updatedAt', 'session.createdAt'] },
            ),
          }),
        },
      },
    ];
    if (options.activate) items.push(statusCounter(this.tableName, officeId, current.status, 'active'));
    if (delta !== 0) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: keys.monthStats(officeId, options.month),
          UpdateExpression: 'ADD creditedMinutes :delta',
          ExpressionAttributeValues: { ':delta': delta },
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
      if (error instanceof ConditionFailed)
        throw new CreditConflict(['session', 'case', 'day'][error.index] as 'case');
      throw error;
    }
  }

  /** Newest first. */
  async list(
    officeId: string,
    caseId: string,
    page: { limit: number; startKey?: Record<string, unknown> },
  ): Promise<{ items: SessionRecord[]; lastKey?: Record<string, unknown> }> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.casePartition(officeId, caseId), ':prefix': 'SESSION#' },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return { items: (result.Items ?? []).map(toSession), lastKey: result.LastEvaluatedKey };
  }

  /**
   * The case's totals move by `delta` atomically. A positive delta needs that much left: the
   * condition is what makes 50 concurrent sessions unable to over-credit.
   */
  private caseTotals(current: CaseRecord, delta: number, at: Date, activate: boolean): TransactItem {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = {
      ':delta': delta,
      ':negDelta': -delta,
      ':now': at.toISOString(),
    };
    const sets = [
      'creditedMinutes = creditedMinutes + :delta',
      'remainingMinutes = remainingMinutes + :negDelta',
      'updatedAt = :now',
    ];
    const conditions = ['remainingMinutes >= :delta'];
    if (activate) {
      const activated = caseItem({ ...current, status: 'active' });
      sets.push('#status = :active', 'gsi1pk = :gsi1pk', 'version = version + :one');
      Object.assign(values, {
        ':active': 'active',
        ':gsi1pk': activated.gsi1pk,
        ':one': 1,
        ':placed': 'placed',
      });
      conditions.push('#status = :placed');
    } else {
      const allowed = [...RECORDING_STATUSES];
      allowed.forEach((status, i) => (values[`:s${i}`] = status));
      conditions.push(`#status IN (${allowed.map((_, i) => `:s${i}`).join(', ')})`);
    }
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: keys.casePartition(current.officeId, current.id), sk: keys.caseRoot },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /** The client's day, replaced whole under a version condition (sessions that day are few). */
  private clientDay(officeId: string, session: SessionRecord, day: ClientDay): TransactItem {
    const sessions = {
      ...day.sessions,
      [session.id]: {
        id: session.id,
        startTime: session.startTime,
        endTime: session.endTime,
        creditedMinutes: session.creditedMinutes,
      },
    };
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.clientDay(officeId, session.clientId, session.date),
          type: 'client-day',
          sessions,
          creditedMinutes: Object.values(sessions).reduce((sum, s) => sum + s.creditedMinutes, 0),
          version: day.version + 1,
        },
        ConditionExpression: day.version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
        ...(day.version === 0 ? {} : { ExpressionAttributeValues: { ':v': day.version } }),
      },
    };
  }
}

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

function toSession(item: Record<string, unknown>): SessionRecord {
  return withoutKeys(item) as unknown as SessionRecord;
}
