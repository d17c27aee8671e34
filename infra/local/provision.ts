import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../../functions/tables';

/**
 * Creates the tables of functions/tables.ts in DynamoDB Local if they are missing: the same key
 * schema, indexes and TTL as the CDK stack. Existing tables are left as they are (data persists).
 */
export async function ensureTables(
  client: DynamoDBClient,
  definitions: readonly { name: string; definition: TableDefinition }[],
): Promise<void> {
  for (const { name, definition } of definitions) {
    if (await tableExists(client, name)) continue;
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

async function tableExists(client: DynamoDBClient, name: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}
