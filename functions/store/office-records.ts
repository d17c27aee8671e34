import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetIn } from './batch-get';
import { auditItem, newId, type AuditEntry } from './audit';
import { keys } from './keys';
import type { Page } from './paging';
import { ConditionFailed, transact, type TransactItem } from './transactions';

/**
 * The pieces the versioned records of an office (partners, sites, memberships) write and list alike:
 * one item per record with a `version`, listed by name on a secondary index, every change with its
 * audit entry in the same transaction.
 */

/** A store of one kind of office record, in the one table. */
export abstract class OfficeRecordStore {
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  /** A new record id (a ULID of the instant): ids are the store's to make, never the caller's. */
  newId(at: Date): string {
    return newId(at);
  }

  /** `transact`, with a failed condition turned into the store's own named outcome. */
  protected async transactOr(
    items: readonly TransactItem[],
    onConditionFailed: (failed: ConditionFailed) => Error | Promise<Error>,
  ): Promise<void> {
    try {
      await transact(this.db, items);
    } catch (error) {
      if (error instanceof ConditionFailed) throw await onConditionFailed(error);
      throw error;
    }
  }
}

/** The condition of an item a caller added to a store's transaction failed (see `create`'s `extra`). */
export class ExtraRefused extends Error {}

/** A map attribute of a stored item, or an empty one. */
export const mapOf = (value: unknown) => (value ?? {}) as Record<string, unknown>;

/** The bookkeeping of a stored record: its version (the ETag) and its times. */
export const stampsOf = (item: Record<string, unknown>) => ({
  version: Number(item.version ?? 1),
  createdAt: String(item.createdAt ?? ''),
  updatedAt: String(item.updatedAt ?? ''),
});

/**
 * One Query on a secondary index for one partition, in sort-key order. `equal` filters the page by
 * attribute values, so a filtered page may hold fewer than `limit` items (even none) and still have a
 * `lastKey`: an office has dozens of these records, not thousands.
 */
export async function queryIndex(
  db: DynamoDBDocumentClient,
  tableName: string,
  query: {
    index: 'gsi1' | 'gsi2';
    pk: string;
    equal?: Readonly<Record<string, unknown>>;
    limit: number;
    startKey?: Record<string, unknown>;
  },
): Promise<Page<Record<string, unknown>>> {
  const filters = Object.entries(query.equal ?? {}).filter(([, value]) => value !== undefined);
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: query.index,
      KeyConditionExpression: `${query.index}pk = :pk`,
      ...(filters.length > 0
        ? {
            FilterExpression: filters.map((_, i) => `#f${i} = :f${i}`).join(' AND '),
            ExpressionAttributeNames: Object.fromEntries(filters.map(([name], i) => [`#f${i}`, name])),
          }
        : {}),
      ExpressionAttributeValues: {
        ':pk': query.pk,
        ...Object.fromEntries(filters.map(([, value], i) => [`:f${i}`, value])),
      },
      Limit: query.limit,
      ExclusiveStartKey: query.startKey,
    }),
  );
  return { items: result.Items ?? [], lastKey: result.LastEvaluatedKey };
}

/**
 * The profile items (`sk` PROFILE) of the given partitions (people's, machine clients'), by partition:
 * one BatchGet for a page of at most 100, no call for none.
 */
export async function profilesOf(
  db: DynamoDBDocumentClient,
  tableName: string,
  partitions: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  const unique = [...new Set(partitions)].map((pk) => ({ pk, sk: keys.profile }));
  const items = await batchGetIn(db, tableName, unique, { consistent: false });
  return new Map(items.map((item) => [String(item.pk), item]));
}

/** Transaction item: sets the item's `status` to `disabled` (a membership, a profile). */
export const disableItem = (tableName: string, key: { pk: string; sk: string }): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: key,
    UpdateExpression: 'SET #status = :disabled',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':disabled': 'disabled' },
  },
});

/** Transaction item: a change's audit entry, written with the change. */
export const auditPut = (tableName: string, entry: AuditEntry): TransactItem => ({
  Put: { TableName: tableName, Item: auditItem(entry) },
});

/** Transaction items: a new record (refused if its key is taken) and its audit entry. */
export const newRecordItems = (
  tableName: string,
  item: Record<string, unknown>,
  entry: AuditEntry,
): TransactItem[] => [
  { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
  auditPut(tableName, entry),
];

/**
 * Transaction item: SET the given attributes if the stored version is still `expected`, plus any
 * further `conditions` (with their own names and values). Only the named attributes are written, so
 * attributes another writer owns (a site's occupancy) are never overwritten.
 */
export function versionedUpdateItem(
  tableName: string,
  key: Record<string, string>,
  attributes: Readonly<Record<string, unknown>>,
  expected: number,
  conditions: { expressions: readonly string[]; names?: object; values?: object } = { expressions: [] },
): TransactItem {
  const set = setExpression(attributes);
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: set.expression,
      ConditionExpression: ['#version = :expected', ...conditions.expressions].join(' AND '),
      ExpressionAttributeNames: { ...set.names, '#version': 'version', ...conditions.names },
      ExpressionAttributeValues: { ...set.values, ':expected': expected, ...conditions.values },
    },
  };
}

/**
 * `SET #a0 = :a0, #a1 = :a1, …` for the given top-level attributes (undefined values skipped), with the
 * names and values to pass along. Placeholders use the `a` prefix so callers can add their own.
 * @example setExpression({ name: 'X', version: 2 }).expression === 'SET #a0 = :a0, #a1 = :a1'
 */
export function setExpression(attributes: Readonly<Record<string, unknown>>) {
  const entries = Object.entries(attributes).filter(([, value]) => value !== undefined);
  return {
    expression: `SET ${entries.map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
    names: Object.fromEntries(entries.map(([name], i) => [`#a${i}`, name])),
    values: Object.fromEntries(entries.map(([, value], i) => [`:a${i}`, value])),
  };
}
