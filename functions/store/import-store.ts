/**
 * Spreadsheet imports (issue 22): the import, its rows' report, and the office's saved header mappings.
 *
 * ```
 * pk O#<office>#IMPORTS           sk IMPORT#<importId>      the import (type 'import'), newest last
 * pk O#<office>#IMPORTS           sk MAPPING#<kind>         the office's header mapping for a kind
 * pk O#<office>#IMPORT#<importId> sk ROW#<0000002>          one row's outcome (type 'import-row')
 * ```
 *
 * The history is one Query of the office's IMPORTS partition; the report one Query of the import's own.
 * A row waiting to be committed keeps the values the dry run read (personal data), with a 30-day TTL so
 * an abandoned dry run does not keep them; the commit rewrites it with its outcome and without them, in
 * the same transaction as the records it creates, so a row is never half written nor written twice.
 */
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { IMPORT_LIMITS, type ImportKind, type ImportRowStatus, type ImportValue } from '../domain/imports';
import { auditItem, newId } from './audit';
import type { ImportCounts, ImportProgress, ImportRecord, ImportRowRecord, RowFilter } from './import-record';
import { withoutKeys } from './keys';
import { WriteConflict } from './optimistic';
import type { Page, PageRequest } from './paging';
import { getItem } from './read-ahead';
import { ConditionFailed, transact, type TransactItem } from './transactions';
import type { Actor } from './user-store';

export * from './import-record';

const partition = (officeId: string) => `O#${officeId}#IMPORTS`;
const rowsPartition = (officeId: string, importId: string) => `O#${officeId}#IMPORT#${importId}`;
const rowSortKey = (row: number) => `ROW#${String(row).padStart(7, '0')}`;
export const importKey = (officeId: string, importId: string) => ({
  pk: partition(officeId),
  sk: `IMPORT#${importId}`,
});
const mappingKey = (officeId: string, kind: ImportKind) => ({
  pk: partition(officeId),
  sk: `MAPPING#${kind}`,
});
const DAY_SECONDS = 86_400;

/** `?problems=`: rows with errors, with warnings, or with either. */
const PROBLEM_FILTERS: Readonly<Record<NonNullable<RowFilter['problems']>, string>> = {
  errors: 'size(errors) > :zero',
  warnings: 'size(warnings) > :zero',
  any: '(size(errors) > :zero OR size(warnings) > :zero)',
};

/** A row's outcome was already settled by an earlier run of the job. */
export class RowAlreadyDone extends Error {}

export class ImportStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** A new import's id: a ULID of the instant, so the history sorts by time. */
  newId(at: Date): string {
    return newId(at);
  }

  async create(record: ImportRecord, actor: Actor): Promise<void> {
    await transact(this.db, [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...importKey(record.officeId, record.id), type: 'import', ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      this.audit(record, 'import.create', actor),
    ]);
  }

  /** The audit entry of a person's act on an import: what file, never its contents. */
  private audit(record: ImportRecord, action: string, actor: Actor): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: auditItem({
          officeId: record.officeId,
          actor: actor.actor,
          at: actor.at,
          action,
          subject: { type: 'import', id: record.id },
          changes: [
            { field: 'status', before: null, after: record.status },
            ...(action === 'import.create'
              ? [
                  { field: 'kind', before: null, after: record.kind },
                  { field: 'sha256', before: null, after: record.sha256 },
                ]
              : []),
          ],
        }),
      },
    };
  }

  async get(officeId: string, importId: string): Promise<ImportRecord | undefined> {
    const item = await getItem(this.db, this.tableName, importKey(officeId, importId), { consistent: true });
    return item ? (withoutKeys(item) as unknown as ImportRecord) : undefined;
  }

  /** The office's imports, newest first, optionally of one kind. */
  async list(officeId: string, kind: ImportKind | undefined, page: PageRequest): Promise<Page<ImportRecord>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ...(kind ? { FilterExpression: 'kind = :kind' } : {}),
        ExpressionAttributeValues: {
          ':pk': partition(officeId),
          ':prefix': 'IMPORT#',
          ...(kind ? { ':kind': kind } : {}),
        },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => withoutKeys(item) as unknown as ImportRecord),
      lastKey: result.LastEvaluatedKey,
    };
  }

  /**
   * Writes `next` over the import if it is still at `current.version`: every change of status, progress
   * and summary goes through here, so two runs of the job (a retried message) cannot both move it.
   * Throws `WriteConflict` when it moved meanwhile. `asked`: a person's act (a mapping, a commit, an
   * undo), which leaves its audit entry in the same transaction; the job's own moves leave none (the
   * records they write leave theirs).
   */
  async save(
    current: ImportRecord,
    next: ImportRecord,
    extra: readonly TransactItem[] = [],
    asked?: { readonly action: string; readonly actor: Actor },
  ): Promise<ImportRecord> {
    const saved = { ...next, version: current.version + 1 };
    try {
      await transact(this.db, [
        this.saveItem(current, saved),
        ...extra,
        ...(asked ? [this.audit(saved, asked.action, asked.actor)] : []),
      ]);
    } catch (error) {
      if (error instanceof ConditionFailed && error.index === 0) throw new WriteConflict('import');
      throw error;
    }
    return saved;
  }

  /** The transaction item of {@link save}, for a write that carries the import's change with its own. */
  saveItem(current: ImportRecord, saved: ImportRecord): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...importKey(saved.officeId, saved.id), type: 'import', ...saved },
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': current.version },
      },
    };
  }

  /** The office's saved header mapping for `kind` (file header → column key). */
  async mapping(officeId: string, kind: ImportKind): Promise<Readonly<Record<string, string | null>>> {
    const item = await getItem(this.db, this.tableName, mappingKey(officeId, kind), { consistent: false });
    return (item?.columns as Record<string, string | null> | undefined) ?? {};
  }

  /** Transaction item: the office's mapping for `kind`, kept for its next import. */
  mappingItem(
    officeId: string,
    kind: ImportKind,
    columns: Readonly<Record<string, string | null>>,
  ): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...mappingKey(officeId, kind), type: 'import-mapping', columns },
      },
    };
  }

  /**
   * The dry run's rows, 100 to a transaction (the house grants no BatchWriteItem: every write is a
   * transaction or a single item). Rows waiting to be committed keep their values for 30 days at most.
   * The same row written again (a dry run run again) replaces itself: nothing is duplicated.
   */
  async putRows(
    officeId: string,
    importId: string,
    rows: readonly ImportRowRecord[],
    at: Date,
  ): Promise<void> {
    const expiresAt = Math.floor(at.getTime() / 1000) + IMPORT_LIMITS.fileRetentionDays * DAY_SECONDS;
    for (let i = 0; i < rows.length; i += 100) {
      await transact(
        this.db,
        rows.slice(i, i + 100).map((row) => ({
          Put: {
            TableName: this.tableName,
            Item: this.rowItem(officeId, importId, row, row.values ? expiresAt : undefined),
          },
        })),
      );
    }
  }

  /**
   * Transaction item: the row's outcome replacing what the dry run wrote, conditioned on the row still
   * having `expected` status, so a row is committed (or undone) once however often the job runs it.
   */
  rowOutcomeItem(
    officeId: string,
    importId: string,
    row: ImportRowRecord,
    expected: readonly ImportRowStatus[],
  ): TransactItem {
    const values = Object.fromEntries(expected.map((status, i) => [`:s${i}`, status]));
    return {
      Put: {
        TableName: this.tableName,
        Item: this.rowItem(officeId, importId, { ...row, values: undefined }),
        ConditionExpression: `#status IN (${Object.keys(values).join(', ')})`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      },
    };
  }

  /**
   * Settles a row without records (found existing, or failed at commit), once: refused with
   * `RowAlreadyDone` when an earlier run settled it.
   */
  async settleRow(
    officeId: string,
    importId: string,
    row: ImportRowRecord,
    expected: readonly ImportRowStatus[],
  ): Promise<void> {
    try {
      await transact(this.db, [this.rowOutcomeItem(officeId, importId, row, expected)]);
    } catch (error) {
      if (error instanceof ConditionFailed) throw new RowAlreadyDone();
      throw error;
    }
  }

  /** The rows counted by status, from the rows themselves (after a job that may have stopped midway). */
  async countRows(officeId: string, importId: string, counts: ImportCounts): Promise<ImportCounts> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rows)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pk': rowsPartition(officeId, importId), ':rows': 'ROW#' },
          ProjectionExpression: '#status',
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        counts[item.status as ImportRowStatus] += 1;
        counts.rows += 1;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return counts;
  }

  /** One page of the report in row order, filtered after the page is read (a page may come back short). */
  async listRows(
    officeId: string,
    importId: string,
    filter: RowFilter,
    page: PageRequest,
    options: { afterRow?: number; withValues?: boolean } = {},
  ): Promise<Page<ImportRowRecord>> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':pk': rowsPartition(officeId, importId) };
    const filters: string[] = [];
    if (filter.status) {
      names['#status'] = 'status';
      values[':status'] = filter.status;
      filters.push('#status = :status');
    }
    if (filter.problems) {
      values[':zero'] = 0;
      filters.push(PROBLEM_FILTERS[filter.problems]);
    }
    if (filter.key) {
      values[':key'] = filter.key;
      filters.push('contains(problemKeys, :key)');
    }
    values[':from'] = rowSortKey(options.afterRow ?? 0);
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk > :from',
        ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        ConsistentRead: true,
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => toRow(item, options.withValues ?? false)),
      lastKey: result.LastEvaluatedKey,
    };
  }

  /** Progress of a running job, conditioned on the run it belongs to (a superseded run stops). */
  async checkpoint(
    officeId: string,
    importId: string,
    run: number,
    update: { checkpoint: number; progress: ImportProgress; summary: ImportCounts },
  ): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: importKey(officeId, importId),
          UpdateExpression: 'SET checkpoint = :checkpoint, progress = :progress, summary = :summary',
          ConditionExpression: '#run = :run',
          ExpressionAttributeNames: { '#run': 'run' },
          ExpressionAttributeValues: {
            ':checkpoint': update.checkpoint,
            ':progress': update.progress,
            ':summary': update.summary,
            ':run': run,
          },
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') throw new WriteConflict('import');
      throw error;
    }
  }

  private rowItem(officeId: string, importId: string, row: ImportRowRecord, expiresAt?: number) {
    const problemKeys = [...new Set([...row.errors, ...row.warnings].flatMap((p) => (p.key ? [p.key] : [])))];
    return {
      pk: rowsPartition(officeId, importId),
      sk: rowSortKey(row.row),
      type: 'import-row',
      ...Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)),
      // `contains` needs a list with something in it to filter by column.
      problemKeys: problemKeys.length > 0 ? problemKeys : ['-'],
      ...(expiresAt ? { expiresAt } : {}),
    };
  }
}

function toRow(item: Record<string, unknown>, withValues: boolean): ImportRowRecord {
  const { problemKeys: _keys, expiresAt: _expires, values, ...row } = withoutKeys(item);
  return {
    ...(row as unknown as ImportRowRecord),
    ...(withValues && values ? { values: values as Record<string, ImportValue> } : {}),
  };
}
