import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { newId } from './audit';
import { keys } from './keys';
import type { TransactItem } from './transactions';

export type PlacementStatus = 'active' | 'ended';

/** A client's schedule at one work site: ISO weekdays, office-local hours and dates (both ends included). */
export interface PlacementRecord {
  readonly id: string;
  readonly officeId: string;
  readonly caseId: string;
  readonly siteId: string;
  /** ISO weekdays, ascending and distinct: 1 = Monday … 7 = Sunday. */
  readonly weekdays: readonly number[];
  readonly startTime: string;
  readonly endTime: string;
  readonly from: string;
  readonly until: string;
  readonly status: PlacementStatus;
  readonly createdAt: string;
  readonly endedAt?: string;
}

/**
 * Placement ids are `<caseId>-<ULID>`. The contract ends a placement with `DELETE /placements/{id}`,
 * which names no case; carrying the case id inside the placement id makes the case partition (where the
 * placement lives) derivable from the id alone, so ending one needs no extra lookup item and no
 * eventually consistent GSI read, and the end can join the case's version-checked transaction.
 */
export const PLACEMENT_ID = /^([0-9A-Z]{26})-([0-9A-Z]{26})$/;

export const placementIdFor = (caseId: string, at: Date) => `${caseId}-${newId(at)}`;

/** The case a placement id belongs to, or undefined for a malformed id. */
export const caseIdOfPlacement = (placementId: string): string | undefined =>
  PLACEMENT_ID.exec(placementId)?.[1];

const PREFIX = 'PLACEMENT#';

/**
 * The placements of a case, stored in the case's own partition:
 *
 * ```
 * pk O#<office>#CASE#<caseId>   sk PLACEMENT#<caseId>-<ulid>
 * type 'placement', id, officeId, caseId, siteId, weekdays, startTime, endTime, from, until,
 * status ('active' | 'ended'), createdAt, endedAt?
 * ```
 *
 * A placement never changes alone: it is written with the case (version check, audit) and the site's
 * per-weekday occupancy in one transaction, so this store only builds the transaction items and
 * reads. The route passes the items to `CaseStore.save` as its `extra`.
 */
export class PlacementStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * All placements of a case, newest first: one strongly consistent Query on the case partition (a case
   * has a handful). With `page`, one page of them and the key to continue from.
   */
  async list(
    officeId: string,
    caseId: string,
    page: { limit?: number; startKey?: Record<string, unknown> } = {},
  ): Promise<{ items: PlacementRecord[]; lastKey?: Record<string, unknown> }> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.casePartition(officeId, caseId), ':prefix': PREFIX },
        ScanIndexForward: false,
        ConsistentRead: true,
        ...(page.limit ? { Limit: page.limit } : {}),
        ExclusiveStartKey: page.startKey,
      }),
    );
    return { items: (result.Items ?? []).map(toPlacement), lastKey: result.LastEvaluatedKey };
  }

  /**
   * Transaction items that create `placement`: the placement item, and ONE Update of the site item that
   * adds 1 to each of its weekdays' occupancy on condition that every one of them is still below
   * capacity and the site is active. (A transaction may touch an item only once, hence one Update for
   * all weekdays.) Concurrent placements therefore can never fill a site beyond capacity: the losers'
   * conditions fail.
   */
  createItems(placement: PlacementRecord): TransactItem[] {
    const days = weekdayNames(placement.weekdays);
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: placementItem(placement),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: keys.site(placement.officeId, placement.siteId),
          UpdateExpression: `SET ${days.map((d) => `#occ.${d} = #occ.${d} + :one`).join(', ')}`,
          ConditionExpression: [
            'attribute_exists(pk)',
            '#active = :true',
            ...days.map((d) => `#occ.${d} < #capacity`),
          ].join(' AND '),
          ExpressionAttributeNames: {
            '#occ': 'occupancy',
            '#active': 'active',
            '#capacity': 'capacity',
            ...dayPlaceholders(placement.weekdays),
          },
          ExpressionAttributeValues: { ':one': 1, ':true': true },
        },
      },
    ];
  }

  /**
   * Transaction items that end `current` as `ended`: the placement (only if it is still active) and
   * ONE Update of the site that gives its weekdays' places back, never below zero.
   */
  endItems(current: PlacementRecord, ended: PlacementRecord): TransactItem[] {
    const days = weekdayNames(current.weekdays);
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: placementItem(ended),
          ConditionExpression: '#status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':active': 'active' },
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: keys.site(current.officeId, current.siteId),
          UpdateExpression: `SET ${days.map((d) => `#occ.${d} = #occ.${d} - :one`).join(', ')}`,
          ConditionExpression: days.map((d) => `#occ.${d} > :zero`).join(' AND '),
          ExpressionAttributeNames: { '#occ': 'occupancy', ...dayPlaceholders(current.weekdays) },
          ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
        },
      },
    ];
  }
}

const weekdayNames = (weekdays: readonly number[]) => weekdays.map((d) => `#d${d}`);

const dayPlaceholders = (weekdays: readonly number[]) =>
  Object.fromEntries(weekdays.map((d) => [`#d${d}`, String(d)]));

function placementItem(placement: PlacementRecord): Record<string, unknown> {
  return {
    pk: keys.casePartition(placement.officeId, placement.caseId),
    sk: `${PREFIX}${placement.id}`,
    type: 'placement',
    ...placement,
  };
}

function toPlacement(item: Record<string, unknown>): PlacementRecord {
  return {
    id: String(item.id),
    officeId: String(item.officeId),
    caseId: String(item.caseId),
    siteId: String(item.siteId),
    weekdays: ((item.weekdays as number[] | undefined) ?? []).map(Number),
    startTime: String(item.startTime),
    endTime: String(item.endTime),
    from: String(item.from),
    until: String(item.until),
    status: item.status === 'ended' ? 'ended' : 'active',
    createdAt: String(item.createdAt),
    ...(typeof item.endedAt === 'string' ? { endedAt: item.endedAt } : {}),
  };
}
