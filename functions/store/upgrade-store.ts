/**
 * What the operator's backfill (`npm run ops -- backfill`, infra/ops/backfill.ts) reads and writes in the
 * main table: derived data that later features keep on the write that creates it (a client's `caseIds`
 * and `childAtOffence`, a closed case's `closedOn` and retention listing keys, an active placement's
 * `due` keys), added to items written before those features existed.
 *
 * Reads are Queries (a status listing page, a case partition), never a full-table read. Every write is one
 * UpdateItem conditioned on the state the decision was made from, so running it twice, or beside the
 * live writes that keep the same data, never duplicates or overwrites anything: a failed condition
 * resolves false and the caller reads again. No version bump and no audit entry, as for the planner's
 * summary (`CaseStore.writePlan`): the values are derived from what the records and their audit trails
 * already hold, and an audit entry would reach the stream as a change for partners and the re-planner.
 */
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseStatus } from '../domain';
import type { ClientRecord } from './client-store';
import { keys } from './keys';
import type { Page, PageRequest } from './paging';

/** A stored item with its key and index attributes, as the backfill decides on it. */
export type StoredItem = Record<string, unknown>;

/** Sparse `due` index keys. */
export interface DueKeys {
  readonly duepk: string;
  readonly duesk: string;
}

/** What to write on a client: its full `caseIds` (as read: `seen`), and the child mark to add if absent. */
export interface ClientCasesChange {
  readonly officeId: string;
  readonly clientId: string;
  /** The `caseIds` the decision was made on; undefined when the client had none. */
  readonly seen: readonly string[] | undefined;
  /** The new list, or undefined to leave it. */
  readonly caseIds?: readonly string[];
  readonly childAtOffence?: ClientRecord['childAtOffence'];
}

const PLACEMENT_PREFIX = 'PLACEMENT#';

export class UpgradeStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** One page of an office's cases in one status, as stored: gsi1 `O#<office>#CASES#<status>`. */
  async casesInStatus(officeId: string, status: CaseStatus, page: PageRequest): Promise<Page<StoredItem>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.casesInStatus(officeId, status) },
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return { items: result.Items ?? [], lastKey: result.LastEvaluatedKey };
  }

  /** Every placement of a case, as stored (with its `due` keys or without): Queries of its partition. */
  async placementsOf(officeId: string, caseId: string): Promise<StoredItem[]> {
    const found: StoredItem[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': keys.casePartition(officeId, caseId),
            ':prefix': PLACEMENT_PREFIX,
          },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      found.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return found;
  }

  /**
   * Sets a client's `caseIds` to `change.caseIds` if they are still what was read, and adds the child
   * mark if the client has none; never on an anonymised client. False when the client changed (a case
   * registered meanwhile appended to the list), is gone or anonymised: read again and decide again.
   */
  async setClientCases(change: ClientCasesChange): Promise<boolean> {
    const sets: string[] = [];
    const values: Record<string, unknown> = {};
    const conditions = ['attribute_exists(pk)', 'attribute_not_exists(anonymisedAt)'];
    if (change.caseIds) {
      sets.push('caseIds = :ids');
      values[':ids'] = change.caseIds;
      if (change.seen) {
        conditions.push('caseIds = :seen');
        values[':seen'] = change.seen;
      } else {
        conditions.push('attribute_not_exists(caseIds)');
      }
    }
    if (change.childAtOffence) {
      // Never overwritten: the first case that made the client a child at the offence stays named.
      sets.push('childAtOffence = if_not_exists(childAtOffence, :mark)');
      values[':mark'] = change.childAtOffence;
    }
    if (sets.length === 0) return true;
    return this.conditioned({
      Key: keys.client(change.officeId, change.clientId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeValues: values,
    });
  }

  /**
   * Gives a closed case its closure date (when it has none) and its retention listing keys. False when
   * the case is no longer closed, has another closure date, or its retention is complete.
   */
  async setClosure(officeId: string, caseId: string, closedOn: string, due: DueKeys): Promise<boolean> {
    return this.conditioned({
      Key: keys.caseRecord(officeId, caseId),
      UpdateExpression: 'SET closedOn = if_not_exists(closedOn, :on), duepk = :pk, duesk = :sk',
      ConditionExpression:
        '#status = :closed AND (attribute_not_exists(closedOn) OR closedOn = :on) ' +
        'AND attribute_not_exists(#retention.completedAt)',
      ExpressionAttributeNames: { '#status': 'status', '#retention': 'retention' },
      ExpressionAttributeValues: { ':on': closedOn, ':pk': due.duepk, ':sk': due.duesk, ':closed': 'closed' },
    });
  }

  /** Lists an active placement for the housekeeping job; false when it was ended or moved meanwhile. */
  async listActivePlacement(placement: StoredItem, due: DueKeys): Promise<boolean> {
    return this.conditioned({
      Key: { pk: String(placement.pk), sk: String(placement.sk) },
      UpdateExpression: 'SET duepk = :pk, duesk = :sk',
      ConditionExpression: '#status = :active AND #until = :until',
      ExpressionAttributeNames: { '#status': 'status', '#until': 'until' },
      ExpressionAttributeValues: {
        ':pk': due.duepk,
        ':sk': due.duesk,
        ':active': 'active',
        ':until': placement.until,
      },
    });
  }

  private async conditioned(
    update: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>,
  ): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({ TableName: this.tableName, ...update }));
      return true;
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      return false;
    }
  }
}
