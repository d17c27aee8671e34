import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReferralDecision, SessionForWarning, SessionOutcome, WarningLevel } from '../domain';
import { keys, withoutKeys } from './keys';
import type { TransactItem } from './transactions';

export interface WarningRecord {
  readonly id: string;
  readonly caseId: string;
  readonly level: WarningLevel;
  readonly reason: string;
  readonly sessionIds: readonly string[];
  /** `open` until the jaksa/court outcome of a referral resolves it. */
  readonly status: 'open' | 'resolved';
  readonly issuedBy: string;
  readonly issuedAt: string;
  readonly resolvedAt?: string;
  readonly resolvedByReferralId?: string;
}

export interface ReferralOutcome {
  readonly decision: ReferralDecision;
  readonly decidedOn: string;
  /** The jaksa's or court's document (penetapan, surat), as written on it. */
  readonly reference: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface ReferralRecord {
  /** `<caseId>-<ulid>`: see `referralIdPattern`. */
  readonly id: string;
  readonly caseId: string;
  readonly reason: string;
  readonly warningIds: readonly string[];
  readonly status: 'awaiting_outcome' | 'decided';
  readonly referredBy: string;
  readonly referredAt: string;
  readonly outcome?: ReferralOutcome;
}

/**
 * Referral ids embed the case id (`<caseId>-<ulid>`) so `POST /referrals/{referralId}/outcome` reaches
 * the case partition, where the referral lives, with no lookup item or index: the id is the address.
 */
export const referralIdPattern = /^([0-9A-Z]{26})-([0-9A-Z]{26})$/;

/** The case a referral id belongs to, or undefined for an id that is not one of ours. */
export const caseOfReferral = (referralId: string): string | undefined =>
  referralIdPattern.exec(referralId)?.[1];

/**
 * The office's open-warning counter. It is its own item, not an attribute of `keys.officeStats`, because
 * a warning or a referral outcome usually changes the case status too, and the status counter already
 * updates `officeStats` in the same transaction: DynamoDB refuses two operations on one item in one
 * transaction. Same partition, so the summary still reads all counters with one BatchGet.
 */
export const warningStats = (officeId: string) => ({ pk: `O#${officeId}#STATS`, sk: 'WARNINGS' });

const WARNING = 'WARNING#';
const REFERRAL = 'REFERRAL#';

/**
 * Warnings (teguran) and referrals to the jaksa. Both live in the case partition (`WARNING#<ulid>`,
 * `REFERRAL#<caseId>-<ulid>`), so a case's history is one partition and ids sort by time. Writes are
 * transaction items: the routes hand them to `CaseStore.save`, which adds the case, its counters and the
 * audit entry, so a warning never exists without the case change it caused, or the reverse.
 */
export class WarningStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Every session of the case, as far as a warning cares (id, outcome, misconduct flag). */
  async sessionsOf(officeId: string, caseId: string): Promise<SessionForWarning[]> {
    const items = await this.all(officeId, caseId, 'SESSION#', 'id, outcome, misconduct');
    return items.map((i) => ({
      id: String(i.id),
      outcome: i.outcome as SessionOutcome,
      ...(i.misconduct === true ? { misconduct: true } : {}),
    }));
  }

  /** Every warning of the case (ids and status only), for referrals and outcomes. */
  async warningStatesOf(
    officeId: string,
    caseId: string,
  ): Promise<{ id: string; status: WarningRecord['status'] }[]> {
    const items = await this.all(officeId, caseId, WARNING, 'id, #status');
    return items.map((i) => ({ id: String(i.id), status: i.status as WarningRecord['status'] }));
  }

  async listWarnings(
    officeId: string,
    caseId: string,
    page: { limit: number; startKey?: Record<string, unknown> },
  ): Promise<{ items: WarningRecord[]; lastKey?: Record<string, unknown> }> {
    const result = await this.page(officeId, caseId, WARNING, page);
    return { items: result.items.map((i) => strip<WarningRecord>(i)), lastKey: result.lastKey };
  }

  async listReferrals(
    officeId: string,
    caseId: string,
    page: { limit: number; startKey?: Record<string, unknown> },
  ): Promise<{ items: ReferralRecord[]; lastKey?: Record<string, unknown> }> {
    const result = await this.page(officeId, caseId, REFERRAL, page);
    return { items: result.items.map((i) => strip<ReferralRecord>(i)), lastKey: result.lastKey };
  }

  async getReferral(
    officeId: string,
    caseId: string,
    referralId: string,
  ): Promise<ReferralRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: keys.casePartition(officeId, caseId), sk: `${REFERRAL}${referralId}` },
        ConsistentRead: true,
      }),
    );
    return Item ? strip<ReferralRecord>(Item) : undefined;
  }

  /** Transaction item: a new warning. */
  putWarning(officeId: string, warning: WarningRecord): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          pk: keys.casePartition(officeId, warning.caseId),
          sk: `${WARNING}${warning.id}`,
          type: 'warning',
          ...warning,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** Transaction item: an open warning resolved by a referral's outcome. */
  resolveWarning(
    officeId: string,
    caseId: string,
    warningId: string,
    referralId: string,
    at: string,
  ): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: keys.casePartition(officeId, caseId), sk: `${WARNING}${warningId}` },
        UpdateExpression: 'SET #status = :resolved, resolvedAt = :at, resolvedByReferralId = :referral',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':resolved': 'resolved',
          ':open': 'open',
          ':at': at,
          ':referral': referralId,
        },
      },
    };
  }

  /** Transaction item: a new referral, awaiting the jaksa/court outcome. */
  /**
   * Resolves an open warning because its case ended (completed, converted or terminated): nothing
   * is left to act on, so it must stop counting as open in the office summary.
   */
  resolveWarningOnCaseEnd(
    officeId: string,
    caseId: string,
    warningId: string,
    endedAs: string,
    at: string,
  ): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: keys.casePartition(officeId, caseId), sk: `${WARNING}${warningId}` },
        UpdateExpression: 'SET #status = :resolved, resolvedAt = :at, resolvedByCaseStatus = :ended',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':resolved': 'resolved', ':open': 'open', ':at': at, ':ended': endedAs },
      },
    };
  }

  putReferral(officeId: string, referral: ReferralRecord): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          pk: keys.casePartition(officeId, referral.caseId),
          sk: `${REFERRAL}${referral.id}`,
          type: 'referral',
          ...referral,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** Transaction item: the recorded outcome; the condition makes a second outcome fail. */
  decideReferral(officeId: string, referral: ReferralRecord, outcome: ReferralOutcome): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: keys.casePartition(officeId, referral.caseId), sk: `${REFERRAL}${referral.id}` },
        UpdateExpression: 'SET #status = :decided, outcome = :outcome',
        ConditionExpression: '#status = :awaiting',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':decided': 'decided',
          ':awaiting': 'awaiting_outcome',
          ':outcome': outcome,
        },
      },
    };
  }

  /** Transaction item: moves the office's open-warning counter by `delta`. */
  countOpenWarnings(officeId: string, delta: number): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: warningStats(officeId),
        UpdateExpression: 'ADD openWarnings :delta',
        ExpressionAttributeValues: { ':delta': delta },
      },
    };
  }

  private async page(
    officeId: string,
    caseId: string,
    prefix: string,
    page: { limit: number; startKey?: Record<string, unknown> },
  ) {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.casePartition(officeId, caseId), ':prefix': prefix },
        // Ids are ULIDs, so sort keys order by time: newest first.
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return { items: result.Items ?? [], lastKey: result.LastEvaluatedKey };
  }

  /**
   * All items of one kind in the case partition. A case has at most a few hundred sessions and a handful
   * of warnings, so this is one page in practice; the loop only guards against the 1 MB page limit.
   */
  private async all(officeId: string, caseId: string, prefix: string, projection: string) {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.casePartition(officeId, caseId), ':prefix': prefix },
          ProjectionExpression: projection,
          ...(projection.includes('#status') ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

function strip<T>(item: Record<string, unknown>): T {
  return withoutKeys(item) as T;
}
