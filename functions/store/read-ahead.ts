import { AsyncLocalStorage } from 'node:async_hooks';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Read-ahead for one request (ADR 0011). The access guard reads the caller's grants and the records
 * the route will read in one strongly consistent BatchGetItem and keeps what it found here; a store's
 * `getItem` then answers the route's first read of each of those keys without a call. Each kept item
 * answers once (a read repeated after a write conflict goes to DynamoDB again), and the first write to
 * a table forgets everything kept of it (`forgetOnWrite`), so nothing read after a write is stale.
 *
 * Scoped with AsyncLocalStorage to the request the API pipeline runs (`withReadAhead`); outside one
 * (the workers, the tests' direct store calls) nothing is kept and every read is a call.
 */
const scope = new AsyncLocalStorage<Map<string, Record<string, unknown> | null>>();

/** A table's primary key of one item: `{ pk, sk }` in the main table, `{ id }` in the idempotency table. */
export type ItemKey = Readonly<Record<string, string>>;

/** One item's identity across tables, whatever order its key's attributes were written in. */
export const itemId = (table: string, key: ItemKey) =>
  `${table}\u0000${Object.keys(key)
    .sort()
    .map((name) => `${name}=${key[name]}`)
    .join('\u0000')}`;

/** Runs one request with its own read-ahead. */
export const withReadAhead = <T>(run: () => Promise<T>): Promise<T> => scope.run(new Map(), run);

/** Keeps what a strongly consistent batch read found for `key` (null: no such item). */
export function keepRead(table: string, key: ItemKey, item: Record<string, unknown> | undefined): void {
  scope.getStore()?.set(itemId(table, key), item ?? null);
}

/** The kept read of `key`, once; undefined when nothing was kept. */
export function takeRead(
  table: string,
  key: ItemKey,
): { item: Record<string, unknown> | undefined } | undefined {
  const kept = scope.getStore();
  const id = itemId(table, key);
  if (!kept?.has(id)) return undefined;
  const item = kept.get(id);
  kept.delete(id);
  return { item: item ?? undefined };
}

/**
 * One item by its key: from the request's read-ahead when the guard already read it (strongly
 * consistent, so as good as a `ConsistentRead` GetItem), else one GetItem.
 */
export async function getItem(
  db: DynamoDBDocumentClient,
  table: string,
  key: ItemKey,
  options: { consistent?: boolean } = {},
): Promise<Record<string, unknown> | undefined> {
  const kept = takeRead(table, key);
  if (kept) return kept.item;
  const { Item } = await db.send(
    new GetCommand({ TableName: table, Key: key, ...(options.consistent ? { ConsistentRead: true } : {}) }),
  );
  return Item;
}

/** Commands that only read: every other command to a table forgets what was read ahead of it. */
const READ_COMMANDS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand']);

/** The tables a write command touches, from its input. */
function tablesWritten(input: Record<string, unknown>): string[] {
  if (typeof input.TableName === 'string') return [input.TableName];
  const items = (input.TransactItems ?? []) as Record<string, { TableName?: string } | undefined>[];
  const fromTransaction = items.flatMap((item) => Object.values(item).map((op) => op?.TableName ?? ''));
  const fromBatch = Object.keys((input.RequestItems ?? {}) as object);
  return [...fromTransaction, ...fromBatch].filter(Boolean);
}

/**
 * Makes every write through `client` forget the current request's read-ahead of the tables it writes,
 * so a read after a write (a use case reading a record again once it changed it) always goes to
 * DynamoDB. Writes to other tables (the idempotency table) leave it alone.
 */
export function forgetOnWrite(client: Pick<DynamoDBDocumentClient, 'middlewareStack'>): void {
  // Document clients over one low-level client share its middleware stack (lib-dynamodb's `from`), and
  // a second client (the import worker's stores beside the API's) must not add it twice: the SDK throws.
  if (client.middlewareStack.identify().some((entry) => entry.startsWith('abdiForgetReadAheadOnWrite '))) {
    return;
  }
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const kept = scope.getStore();
      if (kept && kept.size > 0 && !READ_COMMANDS.has(String(context.commandName))) {
        for (const table of tablesWritten(args.input as Record<string, unknown>)) {
          const prefix = `${table}\u0000`;
          for (const id of [...kept.keys()]) if (id.startsWith(prefix)) kept.delete(id);
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'abdiForgetReadAheadOnWrite' },
  );
}
