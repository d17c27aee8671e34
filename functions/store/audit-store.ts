import type { PageRequest } from './paging';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditPartition, type FieldChange } from './audit';

/** One entry of a subject's audit trail, as read back. */
export interface AuditRecord {
  readonly id: string;
  /** ISO-8601 UTC instant. */
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly reason?: string;
  readonly changes: readonly FieldChange[];
}

/**
 * Reads audit trails. Entries are written by the stores that make the changes, in the same transaction
 * (see audit.ts); this store only reads one subject's partition, newest first.
 */
export class AuditStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** One Query on `O#<office>#AUDIT#<type>#<id>`, sort keys `AUDIT#<iso>#<ulid>` descending. */
  async trail(
    officeId: string,
    subject: { type: string; id: string },
    page: PageRequest,
  ): Promise<{ items: AuditRecord[]; lastKey?: Record<string, unknown> }> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': auditPartition(officeId, subject), ':prefix': 'AUDIT#' },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => ({
        id: String(item.id),
        at: String(item.at),
        actor: String(item.actor),
        action: String(item.action),
        ...(item.reason ? { reason: String(item.reason) } : {}),
        changes: (item.changes as FieldChange[] | undefined) ?? [],
      })),
      lastKey: result.LastEvaluatedKey,
    };
  }
}
