import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { itemId, takeRead, type ItemKey } from './read-ahead';

/** An item's key in a named table (the idempotency table beside the main one). */
export interface TableKey {
  readonly table: string;
  readonly key: ItemKey;
}

/** How often keys DynamoDB leaves unprocessed (throttling) are asked for again before giving up. */
const ATTEMPTS = 3;

/**
 * One BatchGetItem over one or more tables (keys deduplicated, at most 100), strongly consistent
 * unless told otherwise; the answer finds an item by its table and key. Keys the request's read-ahead
 * already holds (ADR 0011) are answered from it, and when it holds them all no call is made. Keys left
 * unprocessed are asked for again, a few times, so a throttled read never silently drops an item.
 */
export async function batchGet(
  db: DynamoDBDocumentClient,
  requested: readonly TableKey[],
  options: { consistent?: boolean } = {},
): Promise<(table: string, key: ItemKey) => Record<string, unknown> | undefined> {
  const unique = new Map(requested.map((r) => [itemId(r.table, r.key), r]));
  const items = new Map<string, Record<string, unknown>>();
  let pending = [...unique.values()].filter(({ table, key }) => {
    const kept = takeRead(table, key);
    if (kept?.item) items.set(itemId(table, key), kept.item);
    return !kept;
  });
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt === ATTEMPTS) throw new Error('DynamoDB left keys unprocessed; retry shortly');
    const byTable = new Map<string, ItemKey[]>();
    for (const { table, key } of pending) byTable.set(table, [...(byTable.get(table) ?? []), key]);
    const result = await db.send(
      new BatchGetCommand({
        RequestItems: Object.fromEntries(
          [...byTable].map(([table, keys]) => [
            table,
            { Keys: keys, ConsistentRead: options.consistent ?? true },
          ]),
        ),
      }),
    );
    for (const { table, key } of pending) {
      const match = (result.Responses?.[table] ?? []).find((item) =>
        Object.entries(key).every(([name, value]) => item[name] === value),
      );
      if (match) items.set(itemId(table, key), match);
    }
    pending = Object.entries(result.UnprocessedKeys ?? {}).flatMap(([table, unprocessed]) =>
      (unprocessed.Keys ?? []).map((key) => ({ table, key: key as ItemKey })),
    );
  }
  return (table, key) => items.get(itemId(table, key));
}

/** `batchGet` of one table, its items in the order of `keys` (missing ones left out). */
export async function batchGetIn(
  db: DynamoDBDocumentClient,
  table: string,
  keys: readonly ItemKey[],
  options: { consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  if (keys.length === 0) return [];
  const found = await batchGet(
    db,
    keys.map((key) => ({ table, key })),
    options,
  );
  return keys.map((key) => found(table, key)).filter((item) => item !== undefined);
}
