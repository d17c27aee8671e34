import type { Page, PageRequest } from './paging';
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { auditPartition, type FieldChange } from './audit';
import { keys } from './keys';

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

/** One unmasked read of a NIK, as the office's list of reveals shows it. */
export interface NikRevealRecord {
  readonly id: string;
  /** ISO-8601 UTC instant. */
  readonly at: string;
  readonly actor: string;
  readonly reason: string;
  readonly clientId: string;
  /** The client's name when the NIK was read. */
  readonly clientName: string;
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
  trail(
    officeId: string,
    subject: { type: string; id: string },
    page: PageRequest,
  ): Promise<Page<AuditRecord>> {
    return this.newestFirst(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': auditPartition(officeId, subject), ':prefix': 'AUDIT#' },
      },
      page,
      (item) => ({
        id: String(item.id),
        at: String(item.at),
        actor: String(item.actor),
        action: String(item.action),
        ...(item.reason ? { reason: String(item.reason) } : {}),
        changes: (item.changes as FieldChange[] | undefined) ?? [],
      }),
    );
  }

  /**
   * The office's NIK reveals, newest first: one Query on gsi2 `O#<office>#NIK-REVEALS`, where each
   * reveal's audit entry is filed when it is written (`ClientStore.recordNikReveal`).
   */
  nikReveals(officeId: string, page: PageRequest): Promise<Page<NikRevealRecord>> {
    const { gsi2pk } = keys.nikReveal(officeId, '', '');
    return this.newestFirst(
      {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi2pk },
      },
      page,
      (item) => ({
        id: String(item.id),
        at: String(item.at),
        actor: String(item.actor),
        reason: String(item.reason ?? ''),
        clientId: String(item.subjectId),
        clientName: String(item.clientName ?? ''),
      }),
    );
  }

  /** One page of a Query, sort keys (audit entries' instants) descending. */
  private async newestFirst<T>(
    query: Pick<QueryCommandInput, 'IndexName' | 'KeyConditionExpression' | 'ExpressionAttributeValues'>,
    page: PageRequest,
    read: (item: Record<string, unknown>) => T,
  ): Promise<Page<T>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...query,
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return { items: (result.Items ?? []).map(read), lastKey: result.LastEvaluatedKey };
  }
}
