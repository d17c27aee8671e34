import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoCall, ItemAction } from '../../infra/constructs/table-access';

type Value = { S?: string } | string | undefined;
type Input = Record<string, unknown>;

const text = (value: Value): string =>
  typeof value === 'string' ? value : value && 'S' in value ? String(value.S) : '';

/**
 * A DynamoDB client that records every call as IAM authorises it: one entry per action, on the table
 * or an index, with its partition key (each item of a transaction or a batch on its own). The tests
 * hold the recorded calls against the access lists of infra/constructs/table-access.ts.
 */
export function recordingDynamoClient(endpoint: string): { client: DynamoDBClient; calls: DynamoCall[] } {
  const client = new DynamoDBClient({
    region: 'ap-southeast-3',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const calls: DynamoCall[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(...callsOf(String(context.commandName ?? ''), args.input as Input));
      return next(args);
    },
    { step: 'serialize', priority: 'high', name: 'abdiIamRecorder' },
  );
  return { client, calls };
}

function callsOf(command: string, input: Input): DynamoCall[] {
  const item = (action: ItemAction, key: Record<string, Value> | undefined): DynamoCall => ({
    action,
    partitionKey: text(key?.pk ?? key?.id),
  });
  switch (command) {
    case 'GetItemCommand':
      return [item('dynamodb:GetItem', input.Key as Record<string, Value>)];
    case 'PutItemCommand':
      return [item('dynamodb:PutItem', input.Item as Record<string, Value>)];
    case 'UpdateItemCommand':
      return [item('dynamodb:UpdateItem', input.Key as Record<string, Value>)];
    case 'DeleteItemCommand':
      return [item('dynamodb:DeleteItem', input.Key as Record<string, Value>)];
    case 'BatchGetItemCommand':
      return Object.values(input.RequestItems as Record<string, { Keys: Record<string, Value>[] }>)
        .flatMap((request) => request.Keys)
        .map((key) => item('dynamodb:BatchGetItem', key));
    case 'TransactWriteItemsCommand':
      return (input.TransactItems as Record<string, Input>[]).map((entry) => {
        const [kind, body] = Object.entries(entry)[0]!;
        const action = (
          kind === 'ConditionCheck' ? 'dynamodb:ConditionCheckItem' : `dynamodb:${kind}Item`
        ) as ItemAction;
        return item(action, (body.Key ?? body.Item) as Record<string, Value>);
      });
    case 'QueryCommand': {
      const index = input.IndexName as string | undefined;
      const partitionAttribute = index ? `${index}pk` : 'pk';
      const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
      const values = (input.ExpressionAttributeValues ?? {}) as Record<string, Value>;
      const match = [...String(input.KeyConditionExpression).matchAll(/([#\w]+)\s*=\s*(:\w+)/g)].find(
        ([, name]) => (names[name!] ?? name) === partitionAttribute,
      );
      return [
        {
          action: 'dynamodb:Query',
          ...(index ? { index } : {}),
          partitionKey: match ? text(values[match[2]!]) : '',
        },
      ];
    }
    default:
      // Anything else (a Scan, a table operation) is recorded so that no access list can allow it.
      return [{ action: `dynamodb:${command.replace(/Command$/, '')}` as ItemAction, partitionKey: '' }];
  }
}
