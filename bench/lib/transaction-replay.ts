import {
  GetItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../../functions/tables';

/**
 * A bare reference for a use case's transactions: the TransactWriteItems it sends, captured on the SDK
 * client as they go on the wire (marshalled), then sent again in a plain loop with the very same items
 * under keys of their own. The reference then carries the same number, kinds and sizes of items, the
 * same conditions and the same shared counters, and nothing of the code around them.
 */

type Item = Record<string, AttributeValue>;

export interface CapturedTransaction {
  readonly items: readonly TransactWriteItem[];
  /**
   * The stored state, just before the transaction, of each conditioned item that existed (by index):
   * what a replay must find in place for its conditions to hold as they held here.
   */
  readonly before: ReadonlyMap<number, Item>;
}

const RECORDER = 'abdiBenchTransactionRecorder';

/** Where a transaction item writes, and whether it carries a condition. */
function targetOf(item: TransactWriteItem, key: readonly string[]) {
  const write = item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck;
  if (!write) throw new Error('an empty transaction item');
  const source = item.Put ? item.Put.Item! : (write as { Key: Item }).Key;
  return {
    tableName: write.TableName!,
    key: Object.fromEntries(key.map((name) => [name, source[name]!])),
    conditioned: Boolean(write.ConditionExpression),
  };
}

/**
 * Captures every TransactWriteItems `client` sends until `stop()`, with the prior state of each
 * conditioned item (read with a consistent GetItem before the transaction goes out, so the capture
 * slows only the run it records).
 */
export function recordTransactions(client: DynamoDBClient, table: TableDefinition) {
  const captured: CapturedTransaction[] = [];
  const key = [table.partitionKey.name, ...(table.sortKey ? [table.sortKey.name] : [])];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand') {
        const items = structuredClone((args.input as TransactWriteItemsCommandInput).TransactItems ?? []);
        const before = new Map<number, Item>();
        for (const [index, item] of items.entries()) {
          const target = targetOf(item, key);
          // Another table's item (a request's idempotency claim) has other keys: not the table's to replay.
          if (!target.conditioned || Object.values(target.key).includes(undefined!)) continue;
          const found = await client.send(
            new GetItemCommand({ TableName: target.tableName, Key: target.key, ConsistentRead: true }),
          );
          if (found.Item) before.set(index, found.Item);
        }
        captured.push({ items, before });
      }
      return next(args);
    },
    { step: 'build', name: RECORDER },
  );
  return { captured, stop: () => void client.middlewareStack.remove(RECORDER) };
}

export interface Replay {
  /** Row `i`'s transaction: the captured items, each under keys of its own or shared, as captured. */
  transaction(i: number): TransactWriteItem[];
  /** What row `i`'s conditions expect to find (the prior state of its own conditioned items). */
  seeds(i: number): Item[];
  /** What every row's conditions expect to find in the items they share (a site, a counter). */
  readonly sharedSeeds: readonly Item[];
  readonly itemsPerTransaction: number;
  /** The transaction's size as marshalled JSON, about what goes on the wire. */
  readonly bytesPerTransaction: number;
}

/**
 * A replay of one row's transaction, from two consecutive rows' transactions (`first`, `second`): a key
 * attribute (the table's or an index's) that differs between them is the row's own and gets the row's
 * number; one they share (an office counter, a site's places) stays shared by every replayed row. All
 * partition keys get `prefix`, so the replay writes beside the real records, never over them or into
 * their listings.
 */
export function replayOf(
  first: CapturedTransaction,
  second: CapturedTransaction,
  table: TableDefinition,
  prefix: string,
): Replay {
  const partitions = [table.partitionKey.name, ...table.globalIndexes.map((i) => i.partitionKey.name)];
  const sorts = [
    ...(table.sortKey ? [table.sortKey.name] : []),
    ...table.globalIndexes.flatMap((i) => (i.sortKey ? [i.sortKey.name] : [])),
  ];
  const key = [table.partitionKey.name, ...(table.sortKey ? [table.sortKey.name] : [])];
  const shapeOf = (t: CapturedTransaction) => t.items.map((item) => Object.keys(item).join()).join('|');
  if (shapeOf(first) !== shapeOf(second)) {
    throw new Error('the two captured transactions differ in shape: not two rows of the same kind');
  }

  /** `attributes` with its key attributes moved to the replay's own key space for row `i`. */
  const rekey = (attributes: Item, other: Item | undefined, i: number): Item => {
    const out: Item = { ...attributes };
    for (const name of [...partitions, ...sorts]) {
      const value = attributes[name]?.S;
      if (value === undefined) continue;
      const own = other?.[name]?.S !== value;
      out[name] = { S: `${partitions.includes(name) ? prefix : ''}${value}${own ? `#${i}` : ''}` };
    }
    return out;
  };
  const keyOf = (item: TransactWriteItem) => targetOf(item, key).key;
  const shared = first.items.map(
    (item, j) => JSON.stringify(keyOf(item)) === JSON.stringify(keyOf(second.items[j]!)),
  );

  const transaction = (i: number): TransactWriteItem[] =>
    first.items.map((item, j) => {
      const other = second.items[j]!;
      if (item.Put) return { Put: { ...item.Put, Item: rekey(item.Put.Item!, other.Put!.Item!, i) } };
      const [kind, write] = Object.entries(item)[0] as [
        'Update' | 'Delete' | 'ConditionCheck',
        { Key: Item },
      ];
      const otherKey = (other[kind] as { Key: Item }).Key;
      return { [kind]: { ...write, Key: rekey(write.Key, otherKey, i) } } as TransactWriteItem;
    });

  /** The prior state of item `j`, rekeyed as the item itself is (its key compared with the other row's). */
  const seedOf = (j: number, i: number): Item | undefined => {
    const before = first.before.get(j);
    if (!before) return undefined;
    const rekeyed = rekey(before, second.before.get(j), i);
    return { ...rekeyed, ...rekey(keyOf(first.items[j]!), keyOf(second.items[j]!), i) };
  };
  const seeds = (own: boolean, i: number) =>
    first.items
      .map((_, j) => (shared[j] === own ? undefined : seedOf(j, i)))
      .filter((seed): seed is Item => seed !== undefined);
  return {
    transaction,
    seeds: (i) => seeds(true, i),
    sharedSeeds: seeds(false, 0),
    itemsPerTransaction: first.items.length,
    bytesPerTransaction: JSON.stringify(first.items).length,
  };
}
