import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PlacementStatus } from '../domain';
import type { CaseRecord } from './case-store';
import { CasePartitionStore } from './case-partition';
import { keys } from './keys';
import type { Page } from './paging';
import type { TransactItem } from './transactions';
import type { Actor } from './user-store';

export type { PlacementStatus } from '../domain';

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

const PREFIX = 'PLACEMENT#';

/**
 * The placements of a case, stored in the case's own partition:
 *
 * ```
 * pk O#<office>#CASE#<caseId>   sk PLACEMENT#<caseId>-<ulid>
 * type 'placement', id, officeId, caseId, siteId, weekdays, startTime, endTime, from, until,
 * status ('active' | 'ended'), createdAt, endedAt?
 * duepk O#<office>#PLACEMENTS#ACTIVE   duesk <until>#<placementId>     (active placements only)
 * ```
 *
 * Placement ids are `<caseId>-<ULID>` (`newId`): the contract ends a placement with
 * `DELETE /placements/{id}`, which names no case, and the id alone leads to the case partition.
 *
 * A placement never changes alone: it is written with the case (version check, audit) and the site's
 * per-weekday occupancy in one transaction (`place`, `end`).
 */
export class PlacementStore extends CasePartitionStore {
  /**
   * Places the case: `current` becomes `next` (its status and current site), the placement is created
   * and the site keeps one place on each of its weekdays, with the audit entry, in one transaction.
   * Throws `WriteConflict` on `case` when the case moved since `current` was read, and on `site` when
   * the site is no longer active or has no free place on one of the weekdays (PL-SITE-ACTIVE,
   * PL-CAPACITY, enforced here as conditions: concurrent placements can never overfill a site).
   */
  async place(
    current: CaseRecord,
    next: CaseRecord,
    placement: PlacementRecord,
    actor: Actor,
  ): Promise<void> {
    const change = { ...actor, action: 'placement.create', record: { name: 'placement', after: placement } };
    await this.saveWithCase(current, next, change, this.createItems(placement), 'site');
  }

  /**
   * Ends `placement` as `ended` and gives its places back to the site, with the case (`next`: its
   * current site) and the audit entry, in one transaction. Throws `WriteConflict` when the case moved
   * or the placement was ended meanwhile.
   */
  async end(
    current: CaseRecord,
    next: CaseRecord,
    placement: PlacementRecord,
    ended: PlacementRecord,
    actor: Actor,
  ): Promise<void> {
    const change = {
      ...actor,
      action: 'placement.end',
      record: { name: 'placement', before: placement, after: ended },
    };
    await this.saveWithCase(current, next, change, this.endItems(placement, ended), 'placement');
  }

  /**
   * All placements of a case, newest first: one strongly consistent Query on the case partition (a case
   * has a handful). With `page`, one page of them and the key to continue from.
   */
  async list(
    officeId: string,
    caseId: string,
    page: { limit?: number; startKey?: Record<string, unknown> } = {},
  ): Promise<Page<PlacementRecord>> {
    const result = await this.queryCase(officeId, caseId, PREFIX, { ...page, consistent: true });
    return { items: result.items.map(toPlacement), lastKey: result.lastKey };
  }

  /**
   * One page of the office's active placements whose last day (`until`) is before `today`: the nightly
   * housekeeping job's work list, one Query of the sparse `due` listing, oldest first. An index
   * read is eventually consistent: the job reads each case's placements again before ending one.
   */
  async pastUntil(
    officeId: string,
    today: string,
    page: { limit?: number; startKey?: Record<string, unknown> } = {},
  ): Promise<Page<PlacementRecord>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'due',
        // Sort keys are `<until>#<id>`: every one below `<today>` has a last day before today.
        KeyConditionExpression: 'duepk = :pk AND duesk < :today',
        ExpressionAttributeValues: { ':pk': keys.activePlacements(officeId), ':today': today },
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
  private endItems(current: PlacementRecord, ended: PlacementRecord): TransactItem[] {
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
    // Listed while active, so the housekeeping job finds it once its last day has passed; the ended
    // placement's Put leaves these out, which takes it off the listing in the same transaction.
    ...(placement.status === 'active'
      ? {
          duepk: keys.activePlacements(placement.officeId),
          duesk: keys.placementByUntil(placement.until, placement.id),
        }
      : {}),
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
