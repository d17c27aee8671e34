import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AlreadyCommitted, claimForTransaction } from './idempotency';
import { WriteConflict } from './optimistic';

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;
export type TransactItem = TransactItems[number];

/** Thrown when a transaction's condition failed: `index` says which item's condition it was. */
export class ConditionFailed extends Error {
  constructor(readonly index: number) {
    super(`condition failed on transaction item ${index}`);
    this.name = 'ConditionFailed';
  }
}

/**
 * Writes items that belong together (a change, its counters, its audit entry) in one DynamoDB
 * transaction: all or nothing. A failed condition becomes `ConditionFailed` with the item's index,
 * so the caller can say *which* precondition (version, capacity, uniqueness) did not hold.
 *
 * A transaction DynamoDB cancelled because a concurrent one held an item becomes `WriteConflict`:
 * the caller reads, decides and writes again.
 *
 * `clientRequestToken` makes a retried call within 10 minutes idempotent at DynamoDB's end too.
 */
export async function transact(
  db: DynamoDBDocumentClient,
  items: readonly TransactItem[],
  clientRequestToken?: string,
): Promise<void> {
  // The request's Idempotency-Key record rides in its first transaction, last (ADR 0011).
  const claim = claimForTransaction(new Date());
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: claim ? [...items, claim.item] : [...items],
        ...(clientRequestToken ? { ClientRequestToken: clientRequestToken } : {}),
      }),
    );
    claim?.settle();
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      // A copy of this request committed first: whatever else failed, the answer is its answer.
      if (claim && reasons[items.length]?.Code === 'ConditionalCheckFailed') throw new AlreadyCommitted();
      const index = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (index >= 0) throw new ConditionFailed(index);
      if (isTransactionConflict(error)) throw new WriteConflict('transaction');
    }
    throw error;
  }
}

/**
 * Whether a transaction was cancelled because another transaction held one of its items (not because
 * a condition failed): the caller should re-read and try again.
 */
export function isTransactionConflict(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict')
  );
}
