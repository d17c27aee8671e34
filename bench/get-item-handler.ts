// The API cold start's fair reference (issue 12): the least a handler that answers from DynamoDB must
// load and do, one GetItem through the same SDK clients the API uses, bundled the way the API is.
// The item's key comes from the environment the benchmark sets.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

// Credentials as the API's own client has them (functions/store/dynamo-client.ts): fixed ones against a
// local endpoint, the default provider chain in the cloud. Without them the reference failed before its
// GetItem and looked faster than any handler that reads.
const endpoint = process.env.DYNAMODB_ENDPOINT;
const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: process.env.AWS_REGION,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  }),
);

export const handler = async () => {
  const { Item } = await db.send(
    new GetCommand({
      TableName: process.env.TABLE_NAME,
      Key: { pk: process.env.BENCH_GET_PK, sk: process.env.BENCH_GET_SK },
    }),
  );
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? null) };
};
