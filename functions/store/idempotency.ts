import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getItem } from './read-ahead';
import type { TransactItem } from './transactions';

/**
 * `Idempotency-Key` records (ADR 0011), in the idempotency table, kept 30 days by DynamoDB's TTL so a
 * field device that syncs days later still gets its first answer (clarifications). The record is a
 * conditional put inside the request's own transaction (`transact` adds it), so a change can never be
 * committed without it, and the first request pays one call more, to store its answer, instead of two.
 */
const LIFETIME_SECONDS = 30 * 24 * 3600;

/**
 * A record past its `expiration` is as good as deleted. DynamoDB's TTL deletes expired items lazily
 * (typically within days), so without this a key would replay, or be refused as in progress, for a
 * length of time nobody chose; with it a key means the same thing 30 days later whether or not the
 * deletion ran. The conditional puts may overwrite an expired record for the same reason.
 */
const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);
const isExpired = (item: Record<string, unknown>, now: Date) =>
  typeof item.expiration === 'number' && item.expiration <= epochSeconds(now);
const NEW_OR_EXPIRED = {
  ConditionExpression: 'attribute_not_exists(id) OR #expiration <= :now',
  ExpressionAttributeNames: { '#expiration': 'expiration' },
};

/** The key of one request: the caller, the path and the header, with a hash of the body sent. */
export interface IdempotencyClaim {
  readonly id: string;
  readonly requestHash: string;
}

/** What a replay answers with. */
export interface StoredResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export type IdempotencyRecord =
  | { readonly state: 'committed'; readonly requestHash: string }
  | { readonly state: 'completed'; readonly requestHash: string; readonly response: StoredResponse };

/** Thrown by `transact` when the request's key was already committed by an earlier copy of it. */
export class AlreadyCommitted extends Error {
  constructor() {
    super('this Idempotency-Key was already committed');
    this.name = 'AlreadyCommitted';
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function claimOf(input: {
  subject: string;
  path: string;
  key: string;
  body: string;
}): IdempotencyClaim {
  return {
    id: `abdi#${sha256(`${input.subject}\u0000${input.path}\u0000${input.key}`)}`,
    requestHash: sha256(input.body),
  };
}

/** The request's claim, while it is not yet in a committed transaction. */
const scope = new AsyncLocalStorage<{ claim: IdempotencyClaim; table: string; committed: boolean }>();

/** Runs one request under its claim: its first transaction carries the record. */
export const withClaim = <T>(table: string, claim: IdempotencyClaim, run: () => Promise<T>): Promise<T> =>
  scope.run({ claim, table, committed: false }, run);

/** Whether the request's transaction has committed its record. */
export const claimCommitted = (): boolean => scope.getStore()?.committed === true;

/** The running request's claim, if it carries an Idempotency-Key. */
export const currentClaim = (): IdempotencyClaim | undefined => scope.getStore()?.claim;

/**
 * The record's conditional put, for the request's first transaction; undefined once committed or
 * outside a claimed request. `settle` marks it committed after the transaction succeeded.
 */
export function claimForTransaction(now: Date): { item: TransactItem; settle: () => void } | undefined {
  const current = scope.getStore();
  if (!current || current.committed) return undefined;
  return {
    item: {
      Put: {
        TableName: current.table,
        Item: recordItem(current.claim, now, { state: 'committed' }),
        ...NEW_OR_EXPIRED,
        ExpressionAttributeValues: { ':now': epochSeconds(now) },
      },
    },
    settle: () => (current.committed = true),
  };
}

function recordItem(claim: IdempotencyClaim, now: Date, fields: Record<string, unknown>) {
  return {
    id: claim.id,
    requestHash: claim.requestHash,
    expiration: epochSeconds(now) + LIFETIME_SECONDS,
    ...fields,
  };
}

export class IdempotencyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /** The key the guard reads ahead with the caller's grants, so a first request pays no call for it. */
  keyOf(claim: IdempotencyClaim) {
    return { table: this.tableName, key: { id: claim.id } };
  }

  /** The key's record; undefined when there is none, or only one past its expiry (`isExpired`). */
  async get(claim: IdempotencyClaim, now: Date = new Date()): Promise<IdempotencyRecord | undefined> {
    const item = await getItem(this.db, this.tableName, { id: claim.id }, { consistent: true });
    if (!item || isExpired(item, now)) return undefined;
    const requestHash = String(item.requestHash);
    return item.state === 'completed'
      ? { state: 'completed', requestHash, response: item.response as StoredResponse }
      : { state: 'committed', requestHash };
  }

  /** Stores the answer on the record its transaction committed. */
  async complete(claim: IdempotencyClaim, response: StoredResponse): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { id: claim.id },
        UpdateExpression: 'SET #state = :completed, #response = :response',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
        ExpressionAttributeValues: { ':completed': 'completed', ':response': response },
      }),
    );
  }

  /**
   * For a request whose write did not go through a transaction: the record with its answer, unless a
   * copy of the request recorded one first (then false).
   */
  async putCompleted(claim: IdempotencyClaim, response: StoredResponse, now: Date): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: recordItem(claim, now, { state: 'completed', response }),
          ...NEW_OR_EXPIRED,
          ExpressionAttributeValues: { ':now': epochSeconds(now) },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}

/** The idempotency records as the API uses them: one object per cold start. */
export function idempotencyPort(store: IdempotencyStore) {
  return {
    store,
    claimOf,
    /** Runs one request under its claim. */
    run: <T>(claim: IdempotencyClaim, run: () => Promise<T>) => withClaim(store.tableName, claim, run),
    /** Whether the running request's transaction committed its record. */
    committed: claimCommitted,
    /** The running request's claim, if any. */
    current: currentClaim,
    /** Where the record lives, for the guard's read-ahead. */
    readKey: (claim: IdempotencyClaim) => store.keyOf(claim),
  };
}

export type IdempotencyPort = ReturnType<typeof idempotencyPort>;
