import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { newId } from './audit';
import { CaseStore, type CaseChange, type CaseRecord } from './case-store';
import { keys } from './keys';
import type { Page } from './paging';
import { WriteConflict } from './optimistic';
import { ConditionFailed, type TransactItem } from './transactions';

/**
 * Ids of the records kept in a case's partition and addressed without their case (sessions,
 * placements, referrals) are `<caseId>-<ULID>`: the id alone leads to the partition, with no lookup
 * item and no eventually consistent index read, so the write can join the case's transaction.
 */
const CASE_RECORD_ID = /^([0-9A-Z]{26})-([0-9A-Z]{26})$/;

/** The case a record id belongs to, or undefined for an id that is not one of ours. */
export const caseOfRecord = (recordId: string): string | undefined => CASE_RECORD_ID.exec(recordId)?.[1];

/**
 * What the stores of a case's own records (sessions, placements, warnings and referrals) share: their
 * ids, and writing a record together with the case change it causes.
 */
export abstract class CasePartitionStore {
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
    protected readonly cases = new CaseStore(db, tableName),
  ) {}

  /** A new record's id: the case id, then a ULID (so ids sort by time within the case). */
  newId(caseId: string, at: Date): string {
    return `${caseId}-${newId(at)}`;
  }

  /** The case a record id belongs to, or undefined for an id that is not one of ours. */
  caseOf(recordId: string): string | undefined {
    return caseOfRecord(recordId);
  }

  /**
   * One page of the case's records of one kind (sort keys `<prefix><id>`), newest first: ids end in a
   * ULID, so sort keys order by time. `consistent` for the reads a decision is made on; `projection`
   * names the attributes to read (`#status` stands for `status`).
   */
  protected async queryCase(
    officeId: string,
    caseId: string,
    prefix: string,
    options: {
      limit?: number;
      startKey?: Record<string, unknown>;
      consistent?: boolean;
      projection?: string;
    } = {},
  ): Promise<Page<Record<string, unknown>>> {
    const { limit, startKey, consistent, projection } = options;
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.casePartition(officeId, caseId), ':prefix': prefix },
        ScanIndexForward: false,
        ...(consistent ? { ConsistentRead: true } : {}),
        ...(limit ? { Limit: limit } : {}),
        ...(projection ? { ProjectionExpression: projection } : {}),
        ...(projection?.includes('#status') ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: result.Items ?? [], lastKey: result.LastEvaluatedKey };
  }

  /**
   * Transaction item: a new record of the case's (`type`, a `caseId`, written under `<sk>`), refused if
   * one is already there.
   */
  protected putNew(
    officeId: string,
    sk: string,
    type: string,
    record: { readonly caseId: string },
  ): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { pk: keys.casePartition(officeId, record.caseId), sk, type, ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /**
   * Saves the case (version-checked, with its counters and audit entry) together with `items`. The
   * case's own condition is already a `WriteConflict`; a failed condition of `items` means the record
   * moved meanwhile: a `WriteConflict` on `on`.
   */
  protected async saveWithCase(
    current: CaseRecord,
    next: CaseRecord,
    change: CaseChange,
    items: readonly TransactItem[],
    on: string,
  ): Promise<CaseRecord> {
    try {
      return await this.cases.save(current, next, change, items);
    } catch (error) {
      if (error instanceof ConditionFailed) throw new WriteConflict(on);
      throw error;
    }
  }
}
