import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** One write DynamoDB accepted: the command and the items it put, updated or deleted, by table. */
export interface AcceptedWrite {
  readonly command: string;
  readonly items: readonly {
    readonly table: string;
    readonly kind: 'put' | 'update' | 'delete';
    readonly item?: Record<string, unknown>;
  }[];
}

type AttributeMap = Record<string, { S?: string; N?: string } | undefined>;

/** The string and number attributes at the top of an item (keys, `type`, `action`): all the log needs. */
function unmarshall(item: AttributeMap | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item ?? {})) {
    if (value?.S !== undefined) out[name] = value.S;
    else if (value?.N !== undefined) out[name] = Number(value.N);
  }
  return out;
}

interface TransactEntry {
  Put?: { TableName?: string; Item?: AttributeMap };
  Update?: { TableName?: string };
  Delete?: { TableName?: string };
  ConditionCheck?: { TableName?: string };
}

/**
 * Records every write command that DynamoDB *accepted* (the command returned without an error), with
 * the items it touched. A refused request must leave nothing here but its idempotency bookkeeping; a successful write must show exactly one audit item. Failed commands (a condition
 * that did not hold, a cancelled transaction) wrote nothing and are not recorded.
 */
export class WriteLog {
  private accepted: AcceptedWrite[] = [];

  constructor(client: DynamoDBClient) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        const items = itemsOf(String(context.commandName), args.input as Record<string, unknown>);
        if (items) this.accepted.push({ command: String(context.commandName), items });
        return result;
      },
      // At the build step the document client has marshalled the input into attribute values.
      { step: 'build', name: 'abdiWriteLog' },
    );
  }

  reset(): void {
    this.accepted = [];
  }

  writes(): readonly AcceptedWrite[] {
    return this.accepted;
  }

  /** Items written to tables other than `except` (the idempotency table), as `table: kind pk/sk`. */
  writesExcept(except: string): string[] {
    return this.accepted.flatMap((write) =>
      write.items
        .filter((item) => item.table !== except)
        .map((item) => `${write.command} ${item.kind} ${item.table} ${String(item.item?.pk ?? '')}`),
    );
  }

  /** Audit items written (items of type `audit`), by action. */
  auditActions(): string[] {
    return this.accepted.flatMap((write) =>
      write.items.filter((item) => item.item?.type === 'audit').map((item) => String(item.item?.action)),
    );
  }

  /** Net idempotency records left behind: puts minus deletes on that table. */
  netRecords(table: string): number {
    let net = 0;
    for (const write of this.accepted) {
      for (const item of write.items) {
        if (item.table !== table) continue;
        if (item.kind === 'put') net += 1;
        if (item.kind === 'delete') net -= 1;
      }
    }
    return net;
  }
}

function itemsOf(command: string, input: Record<string, unknown>): AcceptedWrite['items'] | undefined {
  const table = String(input.TableName ?? '');
  switch (command) {
    case 'PutItemCommand':
      return [{ table, kind: 'put', item: unmarshall(input.Item as AttributeMap) }];
    case 'UpdateItemCommand':
      return [{ table, kind: 'update', item: unmarshall(input.Key as AttributeMap) }];
    case 'DeleteItemCommand':
      return [{ table, kind: 'delete', item: unmarshall(input.Key as AttributeMap) }];
    case 'BatchWriteItemCommand':
      return Object.entries(
        input.RequestItems as Record<
          string,
          { PutRequest?: { Item: AttributeMap }; DeleteRequest?: { Key: AttributeMap } }[]
        >,
      ).flatMap(([name, requests]) =>
        requests.map((request) =>
          request.PutRequest
            ? { table: name, kind: 'put' as const, item: unmarshall(request.PutRequest.Item) }
            : { table: name, kind: 'delete' as const, item: unmarshall(request.DeleteRequest!.Key) },
        ),
      );
    case 'TransactWriteItemsCommand':
      return (input.TransactItems as TransactEntry[]).flatMap((entry): AcceptedWrite['items'] => {
        if (entry.Put)
          return [
            { table: String(entry.Put.TableName), kind: 'put' as const, item: unmarshall(entry.Put.Item!) },
          ];
        if (entry.Update) return [{ table: String(entry.Update.TableName), kind: 'update' as const }];
        if (entry.Delete) return [{ table: String(entry.Delete.TableName), kind: 'delete' as const }];
        return [];
      });
    default:
      return undefined;
  }
}
