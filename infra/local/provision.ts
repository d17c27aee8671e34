import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../../functions/tables';

/**
 * Creates the tables of functions/tables.ts in DynamoDB Local if they are missing: the same key
 * schema, indexes, TTL and stream as the CDK stack. Existing tables keep their data.
 */
export async function ensureTables(
  client: DynamoDBClient,
  definitions: readonly { name: string; definition: TableDefinition }[],
): Promise<void> {
  for (const { name, definition } of definitions) {
    const existing = await describe(client, name);
    if (existing) {
      // A data directory from before the table had its stream (webhooks, ADR 0013) gets it now.
      if (definition.stream && !existing.StreamSpecification?.StreamEnabled) {
        await client.send(
          new UpdateTableCommand({
            TableName: name,
            StreamSpecification: { StreamEnabled: true, StreamViewType: definition.stream },
          }),
        );
      }
      continue;
    }
    const attributes = new Map<string, AttributeDefinition>();
    const add = (key: { name: string; type: 'S' | 'N' } | undefined) => {
      if (key) attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
    };
    add(definition.partitionKey);
    add(definition.sortKey);
    definition.globalIndexes.forEach((index) => {
      add(index.partitionKey);
      add(index.sortKey);
    });
    const keySchema = (pk: { name: string }, sk?: { name: string }) => [
      { AttributeName: pk.name, KeyType: 'HASH' as const },
      ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
    ];
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes.values()],
        KeySchema: keySchema(definition.partitionKey, definition.sortKey),
        ...(definition.stream
          ? { StreamSpecification: { StreamEnabled: true, StreamViewType: definition.stream } }
          : {}),
        ...(definition.globalIndexes.length > 0
          ? {
              GlobalSecondaryIndexes: definition.globalIndexes.map((index) => ({
                IndexName: index.name,
                KeySchema: keySchema(index.partitionKey, index.sortKey),
                Projection: { ProjectionType: index.projection },
              })),
            }
          : {}),
      }),
    );
    if (definition.timeToLiveAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
        }),
      );
    }
  }
}

async function describe(client: DynamoDBClient, name: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}
