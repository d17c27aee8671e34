import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Counts the DynamoDB commands a client sends, by command name (GetItemCommand, QueryCommand, …).
 * Attached by the call-count test and the benchmarks to prove that each request makes a small, fixed
 * number of calls and never scan the table; it is not used by the Lambda itself.
 */
export class DynamoCallCounter {
  private counts = new Map<string, number>();

  constructor(client: DynamoDBClient) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const name = String(context.commandName ?? 'Unknown');
        this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
        return next(args);
      },
      { step: 'initialize', name: 'abdiCallCounter' },
    );
  }

  reset(): void {
    this.counts.clear();
  }

  /** Calls since the last reset, by command name. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort());
  }

  total(): number {
    return [...this.counts.values()].reduce((sum, n) => sum + n, 0);
  }
}
