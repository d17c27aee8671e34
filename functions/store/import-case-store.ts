/**
 * The writes of an imported cases row (issue 22): everything the use cases would have written one after
 * the other (the client, the case, its assessment, its placement and the site's places, the warnings
 * issued on paper) and the row's outcome, in ONE transaction, so a row is all there or not at all, and a
 * job that runs a row twice finds it done (the outcome's condition) instead of writing it again.
 *
 * The items are the stores' own (ClientStore.item, caseItem, PlacementStore.createItems, …), so an
 * imported case is indistinguishable from one registered through the API, except for `imported`.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseStatus } from '../domain';
import type { ImportRowStatus } from '../domain/imports';
import type { AssessmentRecord } from './assessment-store';
import { auditItem, fieldChanges, newId } from './audit';
import { batchGetIn } from './batch-get';
import { caseItem, statusCounter, toCase, type CaseRecord } from './case-store';
import { ClientStore, nikHash, type ClientRecord } from './client-store';
import { ImportStore, RowAlreadyDone, type ImportRowRecord } from './import-store';
import { keys } from './keys';
import { WriteConflict } from './optimistic';
import { PlacementStore, type PlacementRecord } from './placement-store';
import { ConditionFailed, transact, type TransactItem } from './transactions';
import type { Actor } from './user-store';
import { WarningStore, type WarningRecord } from './warning-store';

/** What one cases row writes. `client` is new, or the id of the office's client with that NIK. */
export interface ImportedCaseRow {
  readonly client:
    { readonly created: ClientRecord } | { readonly existingId: string; readonly caseIds: readonly string[] };
  readonly record: CaseRecord;
  readonly assessment?: AssessmentRecord;
  readonly placement?: PlacementRecord;
  readonly warnings: readonly WarningRecord[];
  /** Where the client is first named in a case as a child (the client's `childAtOffence` mark). */
  readonly childAtOffence: boolean;
}

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

export { RowAlreadyDone };

/** A record an import created has changed since: its undo is refused (IMPORT-UNDO). */
export class ImportedRecordChanged extends Error {}

export class ImportCaseStore {
  private readonly clients: ClientStore;
  private readonly placements: PlacementStore;
  private readonly warnings: WarningStore;
  private readonly imports: ImportStore;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.clients = new ClientStore(db, tableName);
    this.placements = new PlacementStore(db, tableName);
    this.warnings = new WarningStore(db, tableName);
    this.imports = new ImportStore(db, tableName);
  }

  /** Ids as the stores make them: a client's or a case's (a ULID), a case record's, a warning's. */
  idsAt(at: Date) {
    return {
      newId: () => newId(at),
      recordId: (caseId: string) => this.placements.newId(caseId, at),
      warningId: (issuedAt: Date) => this.warnings.newWarningId(issuedAt),
    };
  }

  /** The office's clients by NIK, for the NIKs given: one BatchGet of the NIK guards per 100. */
  async clientIdsByNik(officeId: string, niks: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(niks)];
    const byHash = new Map(unique.map((nik) => [nikHash(nik), nik]));
    const found = new Map<string, string>();
    for (let i = 0; i < unique.length; i += 100) {
      const guards = unique.slice(i, i + 100).map((nik) => keys.nikGuard(officeId, nikHash(nik)));
      for (const item of await batchGetIn(this.db, this.tableName, guards, { consistent: true })) {
        const hash = String(item.pk).split('#NIK#')[1]!;
        const nik = byHash.get(hash);
        if (nik) found.set(nik, String(item.clientId));
      }
    }
    return found;
  }

  /** Those clients (their case lists) and all their cases: two BatchGets per 100. */
  async casesOfClients(
    officeId: string,
    clientIds: readonly string[],
  ): Promise<{ clients: Map<string, ClientRecord>; cases: Map<string, CaseRecord[]> }> {
    const clients = new Map<string, ClientRecord>();
    const ids = [...new Set(clientIds)];
    for (let i = 0; i < ids.length; i += 100) {
      const items = await batchGetIn(
        this.db,
        this.tableName,
        ids.slice(i, i + 100).map((id) => keys.client(officeId, id)),
        { consistent: true },
      );
      for (const item of items) clients.set(String(item.id), item as unknown as ClientRecord);
    }
    const caseIds = [...clients.values()].flatMap((c) => c.caseIds ?? []);
    const cases = new Map<string, CaseRecord[]>();
    for (let i = 0; i < caseIds.length; i += 100) {
      const items = await batchGetIn(
        this.db,
        this.tableName,
        caseIds.slice(i, i + 100).map((id) => keys.caseRecord(officeId, id)),
        { consistent: true },
      );
      for (const record of items.map(toCase)) {
        cases.set(record.clientId, [...(cases.get(record.clientId) ?? []), record]);
      }
    }
    return { clients, cases };
  }

  /**
   * Writes the row and its outcome in one transaction. Throws `RowAlreadyDone` when the row's outcome is
   * no longer ready or warning (a run before this one committed it), `WriteConflict` on `client` when
   * the NIK was registered or the client's cases changed meanwhile (read again and decide again), and
   * `WriteConflict` on `site` when the site is gone or inactive.
   */
  async commit(
    officeId: string,
    importId: string,
    row: ImportedCaseRow,
    outcome: ImportRowRecord,
    actor: Actor & { readonly importId: string },
  ): Promise<void> {
    const { record } = row;
    const items: TransactItem[] = [
      this.imports.rowOutcomeItem(officeId, importId, outcome, ['ready', 'warning']),
      ...this.clientItems(row, actor),
      {
        Put: {
          TableName: this.tableName,
          Item: caseItem(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      statusCounter(this.tableName, officeId, undefined, record.status),
      this.caseAudit(record, actor),
    ];
    if (row.assessment) {
      items.push(this.put(record, `ASSESSMENT#${row.assessment.id}`, 'assessment', row.assessment));
    }
    if (row.placement) {
      const [placement, site] = this.placements.createItems(row.placement);
      // The site's places are counted, not checked against its capacity: the client already works there on
      // paper, and the dry run warned when the site is over (PL-CAPACITY as a warning).
      const update = site!.Update!;
      items.push(placement!, {
        Update: {
          ...update,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(
            Object.entries(update.ExpressionAttributeNames ?? {}).filter(
              ([name]) => !['#active', '#capacity'].includes(name),
            ),
          ),
          ExpressionAttributeValues: { ':one': 1 },
        },
      });
    }
    for (const warning of row.warnings)
      items.push(this.put(record, `WARNING#${warning.id}`, 'warning', warning));
    if (record.openWarnings > 0) items.push(this.warnings.countOpenWarnings(officeId, record.openWarnings));
    try {
      await transact(this.db, items);
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      if (error.index === 0) throw new RowAlreadyDone();
      const item = items[error.index]!;
      const key = item.Update?.Key ?? item.Put?.Item;
      throw new WriteConflict(String(key?.pk ?? '').includes('#SITE#') ? 'site' : 'client');
    }
  }

  private clientItems(row: ImportedCaseRow, actor: Actor & { readonly importId: string }): TransactItem[] {
    const { record } = row;
    if ('created' in row.client) {
      const client: ClientRecord = {
        ...row.client.created,
        caseIds: [record.id],
        ...(row.childAtOffence
          ? {
              childAtOffence: {
                caseId: record.id,
                ...(record.decision.offenceDate ? { offenceDate: record.decision.offenceDate } : {}),
              },
            }
          : {}),
      };
      return [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.nikGuard(record.officeId, nikHash(client.nik)), clientId: client.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: this.clients.item(client),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: auditItem({
              officeId: record.officeId,
              actor: actor.actor,
              at: actor.at,
              action: 'client.create',
              subject: { type: 'client', id: client.id },
              reason: `import ${actor.importId}`,
              // The NIK and the name stay out of the trail's values: the client's record holds them.
              changes: fieldChanges(undefined, {
                sex: client.sex,
                birthDate: client.birthDate,
                lawfulBasis: client.lawfulBasis,
              }),
            }),
          },
        },
      ];
    }
    const mark = row.childAtOffence ? ', childAtOffence = if_not_exists(childAtOffence, :mark)' : '';
    return [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.client(record.officeId, row.client.existingId),
          UpdateExpression: `SET caseIds = list_append(if_not_exists(caseIds, :none), :case)${mark}`,
          // Decided on the client's cases as read: a case registered meanwhile makes the row decide again.
          ConditionExpression:
            row.client.caseIds.length > 0
              ? 'caseIds = :seen'
              : 'attribute_exists(pk) AND attribute_not_exists(caseIds)',
          ExpressionAttributeValues: {
            ':none': [],
            ':case': [record.id],
            ...(row.client.caseIds.length > 0 ? { ':seen': row.client.caseIds } : {}),
            ...(row.childAtOffence ? { ':mark': { caseId: record.id } } : {}),
          },
        },
      },
    ];
  }

  private caseAudit(record: CaseRecord, actor: Actor & { readonly importId: string }): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...auditItem({
            officeId: record.officeId,
            actor: actor.actor,
            at: actor.at,
            action: 'case.create',
            subject: { type: 'case', id: record.id },
            reason: `import ${actor.importId}`,
            changes: fieldChanges(undefined, record as unknown as Record<string, unknown>, {
              ignore: ['version', 'officeId', 'createdAt', 'updatedAt', 'id', 'clientName'],
            }),
          }),
          source: 'import',
        },
      },
    };
  }

  private put(record: CaseRecord, sk: string, type: string, value: object): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { pk: keys.casePartition(record.officeId, record.id), sk, type, ...value },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
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
