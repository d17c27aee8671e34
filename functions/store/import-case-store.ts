/**
 * The writes of an imported cases row (issue 22): everything the use cases would have written one after
 * the other (the client, the case, its assessment, its placement and the site's places, the warnings
 * issued on paper) and the row's outcome, in ONE transaction, so a row is all there or not at all, and a
 * job that runs a row twice finds it done (the outcome's condition) instead of writing it again.
 *
 * The items are the stores' own (ClientStore.item, caseItem, PlacementStore.createItems, …), so an
 * imported case is indistinguishable from one registered through the API, except for `imported`.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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

export { RowAlreadyDone };

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
      // An ended placement (a case imported completed) holds no place: only its record is written.
      if (row.placement.status !== 'active') items.push(placement!);
      else
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
        Item: auditItem({
          officeId: record.officeId,
          actor: actor.actor,
          at: actor.at,
          action: 'case.create',
          subject: { type: 'case', id: record.id },
          reason: `import ${actor.importId}`,
          changes: fieldChanges(undefined, record as unknown as Record<string, unknown>, {
            ignore: ['version', 'officeId', 'createdAt', 'updatedAt', 'id', 'clientName'],
          }),
          source: 'import',
        }),
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
}
