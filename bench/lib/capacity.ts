import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

interface Consumed {
  TableName?: string;
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  Table?: { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<
    string,
    { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number }
  >;
}

const READS = new Set([
  'GetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'TransactGetItemsCommand',
]);

/**
 * Asks DynamoDB for the capacity each command consumed (`ReturnConsumedCapacity: INDEXES`) and adds it
 * up: read and write request units, tables and global indexes together. On-demand tables bill exactly
 * these units, so the benchmarks' cost model uses them instead of guessing item sizes.
 */
export class CapacityMeter {
  private read = 0;
  private write = 0;

  constructor(client: DynamoDBClient) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, unknown>;
        input.ReturnConsumedCapacity = 'INDEXES';
        const result = await next(args);
        const output = result.output as { ConsumedCapacity?: Consumed | Consumed[] };
        const entries = [output.ConsumedCapacity ?? []].flat();
        const isRead = READS.has(String(context.commandName));
        for (const entry of entries) {
          const units =
            (entry.Table?.CapacityUnits ?? 0) +
            Object.values(entry.GlobalSecondaryIndexes ?? {}).reduce(
              (sum, i) => sum + (i.CapacityUnits ?? 0),
              0,
            );
          const total = units || entry.CapacityUnits || 0;
          if (isRead) this.read += total;
          else this.write += total;
        }
        return result;
      },
      { step: 'initialize', name: 'abdiCapacityMeter' },
    );
  }

  reset(): void {
    this.read = 0;
    this.write = 0;
  }

  snapshot(): { readUnits: number; writeUnits: number } {
    return { readUnits: this.read, writeUnits: this.write };
  }
}
