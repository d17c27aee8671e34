/**
 * Taking back what a spreadsheet import created (issue 22, IMPORT-UNDO): each row in one transaction,
 * every item conditioned on being as the import left it, with the row's outcome and a withdrawal entry
 * in the audit trail. The writes of an import are ./import-case-store.ts.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseStatus } from '../domain';
import type { ImportRowStatus } from '../domain/imports';
import { auditItem } from './audit';
import { toCase } from './case-store';
import { ClientStore, nikHash } from './client-store';
import { ImportStore, RowAlreadyDone, type ImportRowRecord } from './import-store';
import { keys } from './keys';
import { ConditionFailed, transact, type TransactItem } from './transactions';
import type { Actor } from './user-store';
import { WarningStore } from './warning-store';

/** A record an import created, as undo finds it again. */
export interface CreatedByImport {
  readonly clientId?: string;
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly creditedMinutes: number;
  readonly placement?: { readonly id: string; readonly siteId: string; readonly weekdays: readonly number[] };
  readonly assessmentId?: string;
  /** A placement the import recorded as already ended (a completed case): deleted, with no places. */
  readonly endedPlacementId?: string;
  readonly warningIds: readonly string[];
  readonly openWarnings: number;
}

/** A record an import created has changed since: its undo is refused (IMPORT-UNDO). */
export class ImportedRecordChanged extends Error {}

export class ImportUndoStore {
  private readonly clients: ClientStore;
  private readonly warnings: WarningStore;
  private readonly imports: ImportStore;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.clients = new ClientStore(db, tableName);
    this.warnings = new WarningStore(db, tableName);
    this.imports = new ImportStore(db, tableName);
  }

  /**
   * What an import created for a case, read back for its undo (one Query of the case's partition), or
   * undefined when the case is gone. `unchanged`: still as the import left it (version 1, never
   * updated: a session or any change moves `updatedAt`; the re-planner's plan does not).
   */
  async createdOf(
    officeId: string,
    caseId: string,
    clientCreated: boolean,
  ): Promise<(CreatedByImport & { readonly clientOf: string; readonly unchanged: boolean }) | undefined> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.casePartition(officeId, caseId) },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const root = items.find((i) => i.sk === keys.caseRoot);
    if (!root) return undefined;
    const record = toCase(root);
    const placement = items.find((i) => String(i.sk).startsWith('PLACEMENT#'));
    const others = items.filter(
      (i) => !['CASE', 'ASSESSMENT#', 'PLACEMENT#', 'WARNING#'].some((p) => String(i.sk).startsWith(p)),
    );
    return {
      caseId,
      clientOf: record.clientId,
      ...(clientCreated ? { clientId: record.clientId } : {}),
      status: record.status,
      creditedMinutes: record.creditedMinutes,
      ...(placement && placement.status === 'active'
        ? {
            placement: {
              id: String(placement.id),
              siteId: String(placement.siteId),
              weekdays: placement.weekdays as number[],
            },
          }
        : {}),
      ...(placement && placement.status !== 'active' ? { endedPlacementId: String(placement.id) } : {}),
      assessmentId: items.find((i) => String(i.sk).startsWith('ASSESSMENT#'))?.id as string | undefined,
      warningIds: items.filter((i) => String(i.sk).startsWith('WARNING#')).map((i) => String(i.id)),
      openWarnings: record.openWarnings,
      // Anything else in the partition (a session, evidence, a document) was added after the import.
      unchanged: record.version === 1 && record.updatedAt === record.createdAt && others.length === 0,
    };
  }

  /**
   * Takes back what an import created for one row, in one transaction, each item conditioned on being
   * as the import left it (the case at version 1 with the same credit; a client created by it still with
   * only this case). Throws `ConditionFailed` when one changed: the caller refuses the undo (IMPORT-UNDO).
   */
  async undo(
    officeId: string,
    importId: string,
    created: CreatedByImport & { readonly clientOf: string },
    outcome: ImportRowRecord,
    actor: Actor,
    expected: readonly ImportRowStatus[] = ['created'],
  ): Promise<void> {
    const caseKey = keys.caseRecord(officeId, created.caseId);
    const partition = keys.casePartition(officeId, created.caseId);
    const items: TransactItem[] = [
      this.imports.rowOutcomeItem(officeId, importId, outcome, expected),
      {
        Delete: {
          TableName: this.tableName,
          Key: caseKey,
          ConditionExpression: 'version = :one AND creditedMinutes = :credited AND #status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':credited': created.creditedMinutes,
            ':status': created.status,
          },
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: keys.officeStats(officeId),
          UpdateExpression: 'ADD #s :minus',
          ExpressionAttributeNames: { '#s': `status_${created.status}` },
          ExpressionAttributeValues: { ':minus': -1 },
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: auditItem({
            officeId,
            actor: actor.actor,
            at: actor.at,
            action: 'case.withdraw',
            subject: { type: 'case', id: created.caseId },
            reason: `import ${importId} undone`,
            changes: [{ field: 'status', before: created.status, after: null }],
            source: 'import',
          }),
        },
      },
    ];
    if (created.assessmentId) items.push(this.remove(partition, `ASSESSMENT#${created.assessmentId}`));
    if (created.endedPlacementId) items.push(this.remove(partition, `PLACEMENT#${created.endedPlacementId}`));
    for (const id of created.warningIds) items.push(this.remove(partition, `WARNING#${id}`));
    if (created.openWarnings > 0)
      items.push(this.warnings.countOpenWarnings(officeId, -created.openWarnings));
    if (created.placement) {
      const { id, siteId, weekdays } = created.placement;
      items.push(this.remove(partition, `PLACEMENT#${id}`, true), {
        Update: {
          TableName: this.tableName,
          Key: keys.site(officeId, siteId),
          UpdateExpression: `SET ${weekdays.map((d) => `#occ.#d${d} = #occ.#d${d} - :one`).join(', ')}`,
          ExpressionAttributeNames: {
            '#occ': 'occupancy',
            ...Object.fromEntries(weekdays.map((d) => [`#d${d}`, String(d)])),
          },
          ExpressionAttributeValues: { ':one': 1 },
        },
      });
    }
    items.push(...(await this.clientUndoItems(officeId, created)));
    await this.transactUndo(items);
  }

  /**
   * Takes back a partner or a site an import created, while still at version 1 (a site also with no
   * place taken), with the row's outcome.
   */
  async undoOfficeRecord(
    officeId: string,
    importId: string,
    ref: { readonly type: string; readonly id: string },
    outcome: ImportRowRecord,
    actor: Actor,
  ): Promise<void> {
    const key = ref.type === 'site' ? keys.site(officeId, ref.id) : keys.partner(officeId, ref.id);
    await this.transactUndo([
      this.imports.rowOutcomeItem(officeId, importId, outcome, ['created']),
      {
        Delete: {
          TableName: this.tableName,
          Key: key,
          ConditionExpression: 'version = :one',
          ExpressionAttributeValues: { ':one': 1 },
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: auditItem({
            officeId,
            actor: actor.actor,
            at: actor.at,
            action: `${ref.type}.withdraw`,
            subject: { type: ref.type, id: ref.id },
            reason: `import ${importId} undone`,
            changes: [],
          }),
        },
      },
    ]);
  }

  private async transactUndo(items: TransactItem[]): Promise<void> {
    try {
      await transact(this.db, items);
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      throw error.index === 0 ? new RowAlreadyDone() : new ImportedRecordChanged();
    }
  }

  /**
   * The client's side of an undo, read first: a client the import created goes with its NIK guard (only
   * while it has just this case and is unchanged); an existing client loses this case from its list.
   */
  private async clientUndoItems(officeId: string, created: CreatedByImport & { readonly clientOf: string }) {
    const client = await this.clients.get(officeId, created.clientOf);
    if (!client) return [];
    const seen = { ':seen': client.caseIds ?? [] };
    if (created.clientId) {
      return [
        {
          Delete: {
            TableName: this.tableName,
            Key: keys.client(officeId, client.id),
            ConditionExpression: 'version = :one AND caseIds = :seen',
            ExpressionAttributeValues: { ':one': 1, ...seen },
          },
        },
        { Delete: { TableName: this.tableName, Key: keys.nikGuard(officeId, nikHash(client.nik)) } },
      ] satisfies TransactItem[];
    }
    const index = (client.caseIds ?? []).indexOf(created.caseId);
    if (index < 0) return [];
    return [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.client(officeId, client.id),
          UpdateExpression: `REMOVE caseIds[${index}]`,
          ConditionExpression: 'caseIds = :seen',
          ExpressionAttributeValues: seen,
        },
      },
    ] satisfies TransactItem[];
  }

  private remove(pk: string, sk: string, active = false): TransactItem {
    return {
      Delete: {
        TableName: this.tableName,
        Key: { pk, sk },
        ...(active
          ? {
              ConditionExpression: '#status = :active',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':active': 'active' },
            }
          : {}),
      },
    };
  }
}
