/**
 * What the retention job (issue 17, ADR 0020) reads and writes in the main table: the office's sparse
 * listing of closed cases, the raw client item (an anonymised client is gone for everyone else), the
 * partitions a step empties, and the job's marks and deletion records.
 *
 * Deletions go in TransactWriteItems of at most 99 items (no BatchWriteItem: the job's role has item
 * actions only, each Delete authorised as DeleteItem on its own partition). Every step ends with one
 * transaction that writes its mark on the case and its deletion record together, so a step is either
 * done and logged, or neither, and a rerun (or a run resumed after a crash) repeats nothing.
 */
import { DeleteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RetentionAction, RetentionRecordType } from '../domain';
import { newId } from './audit';
import { batchGetIn } from './batch-get';
import { getItem } from './read-ahead';
import { keys } from './keys';
import type { Page, PageRequest } from './paging';
import { ConditionFailed, transact, type TransactItem } from './transactions';
import { toCase, type CaseRecord } from './case-store';

/** One deletion record: what a step did to one case, with no personal data. */
export interface RetentionLogRecord {
  readonly id: string;
  /** When the step was done (instant). */
  readonly at: string;
  readonly caseId: string;
  /** The step (`evidence`, `clientAccessLogs`, …) and the record type whose period it applied. */
  readonly step: string;
  readonly recordType: RetentionRecordType;
  readonly action: RetentionAction;
  /** Table items deleted (or, for an anonymisation, rewritten). */
  readonly items: number;
  /** Bucket object versions (and delete markers) deleted. */
  readonly objects: number;
  readonly dueOn: string;
  /** The period in force: days after the closure its clock counts from. */
  readonly periodDays: number;
}

/** An item's primary key. */
export interface ItemKeyOf {
  readonly pk: string;
  readonly sk: string;
}

/** Items deleted per transaction, leaving room for the step's mark and record in the last one. */
const CHUNK = 99;

export class RetentionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * A page of the office's closed cases closed on or before `through`, oldest first: one Query. With
   * `workDueOn`, only the cases with work for the job on that date: not yet opened (their locks to
   * extend), or whose next step is due by then or waits on no date (`nextDueOn`).
   */
  async closedCases(
    officeId: string,
    through: string,
    page: PageRequest,
    workDueOn?: string,
  ): Promise<Page<CaseRecord>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'due',
        KeyConditionExpression: 'duepk = :pk AND duesk < :through',
        ...(workDueOn
          ? {
              FilterExpression:
                'attribute_not_exists(#r) OR attribute_not_exists(#r.#next) OR #r.#next <= :on',
              ExpressionAttributeNames: { '#r': 'retention', '#next': 'nextDueOn' },
            }
          : {}),
        ExpressionAttributeValues: {
          ':pk': keys.retentionCases(officeId),
          ':through': keys.throughDay(through),
          ...(workDueOn ? { ':on': workDueOn } : {}),
        },
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return { items: (result.Items ?? []).map(toCase), lastKey: result.LastEvaluatedKey };
  }

  /** The client item as stored, also once anonymised (`ClientStore.get` treats that as gone). */
  client(officeId: string, clientId: string): Promise<Record<string, unknown> | undefined> {
    return getItem(this.db, this.tableName, keys.client(officeId, clientId), { consistent: true });
  }

  /** Clients as stored, by id (the dry run's page): one BatchGet per 100. */
  clients(officeId: string, clientIds: readonly string[]): Promise<Record<string, unknown>[]> {
    const ids = [...new Set(clientIds)].map((id) => keys.client(officeId, id));
    return batchGetIn(this.db, this.tableName, ids, { consistent: false });
  }

  /** The keys (and the few named attributes) of every item of a partition whose sort key has `prefix`. */
  async itemsOf(
    pk: string,
    options: { prefix?: string; attributes?: readonly string[] } = {},
  ): Promise<(ItemKeyOf & Record<string, unknown>)[]> {
    const names: Record<string, string> = { '#pk': 'pk', '#sk': 'sk' };
    (options.attributes ?? []).forEach((name, i) => (names[`#a${i}`] = name));
    const found: (ItemKeyOf & Record<string, unknown>)[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: options.prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':pk': pk, ...(options.prefix ? { ':prefix': options.prefix } : {}) },
          ProjectionExpression: Object.keys(names).join(', '),
          ExclusiveStartKey: startKey,
        }),
      );
      found.push(...((result.Items ?? []) as (ItemKeyOf & Record<string, unknown>)[]));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return found;
  }

  /**
   * Deletes the items, all but the last chunk first, then the last chunk together with `finish` (the
   * step's mark and deletion record): a crash in between leaves the step undone, and the rerun finds
   * only what is still there.
   */
  async deleteThenFinish(items: readonly ItemKeyOf[], finish: readonly TransactItem[]): Promise<void> {
    await this.writeThenFinish(
      items.map((item) => this.deleteOf(item)),
      finish,
    );
  }

  /** As `deleteThenFinish`, for any item writes (deletes, updates) that need no order among them. */
  async writeThenFinish(writes: readonly TransactItem[], finish: readonly TransactItem[]): Promise<void> {
    const rest = [...writes];
    const room = CHUNK + 1 - finish.length;
    while (rest.length > room) await transact(this.db, rest.splice(0, CHUNK));
    await transact(this.db, [...finish, ...rest]);
  }

  /** One item, deleted on its own (an evidence item after its objects are gone). */
  async deleteItem(key: ItemKeyOf): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: key.pk, sk: key.sk } }));
  }

  /**
   * Opens the case's retention record on the first run that sees it closed, with the date its evidence
   * is locked until. Resolves false when another run did it first.
   */
  async open(record: CaseRecord, evidenceLockedUntil: string): Promise<boolean> {
    try {
      await transact(this.db, [
        {
          Update: {
            TableName: this.tableName,
            Key: keys.caseRecord(record.officeId, record.id),
            UpdateExpression: 'SET #r = :r',
            ConditionExpression: 'attribute_not_exists(#r) AND #status = :closed',
            ExpressionAttributeNames: { '#r': 'retention', '#status': 'status' },
            ExpressionAttributeValues: { ':r': { done: {}, evidenceLockedUntil }, ':closed': 'closed' },
          },
        },
      ]);
      return true;
    } catch (error) {
      if (error instanceof ConditionFailed) return false;
      throw error;
    }
  }

  /**
   * When the job next has work for the case (`nextDueOn`), or that it must look every night (absent).
   * Conditioned on the retention record existing; a case corrected meanwhile simply loses the date and
   * is looked at again the next night.
   */
  async scheduleNext(
    record: Pick<CaseRecord, 'officeId' | 'id'>,
    nextDueOn: string | undefined,
  ): Promise<void> {
    try {
      await transact(this.db, [
        {
          Update: {
            TableName: this.tableName,
            Key: keys.caseRecord(record.officeId, record.id),
            UpdateExpression: nextDueOn ? 'SET #r.#next = :next' : 'REMOVE #r.#next',
            ConditionExpression: 'attribute_exists(#r)',
            ExpressionAttributeNames: { '#r': 'retention', '#next': 'nextDueOn' },
            ...(nextDueOn ? { ExpressionAttributeValues: { ':next': nextDueOn } } : {}),
          },
        },
      ]);
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
    }
  }

  /**
   * The mark of one step on the case, conditioned on its not being there (a concurrent run's write
   * cancels this one) and, with `also`, more of the case's retention record (e.g. evidence ids).
   */
  markDone(
    record: Pick<CaseRecord, 'officeId' | 'id'>,
    step: string,
    at: string,
    also: { evidenceIds?: readonly string[]; completed?: boolean } = {},
  ): TransactItem {
    const sets = ['#r.#done.#step = :at'];
    const values: Record<string, unknown> = { ':at': at };
    const names: Record<string, string> = { '#r': 'retention', '#done': 'done', '#step': step };
    if (also.evidenceIds) {
      sets.push('#r.#ids = :ids');
      names['#ids'] = 'evidenceIds';
      values[':ids'] = also.evidenceIds;
    }
    if (also.completed) {
      sets.push('#r.#completed = :at');
      names['#completed'] = 'completedAt';
    }
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.caseRecord(record.officeId, record.id),
        // The last step takes the case out of the retention listing: nothing is left to do.
        UpdateExpression: `SET ${sets.join(', ')}${also.completed ? ' REMOVE duepk, duesk' : ''}`,
        ConditionExpression: 'attribute_exists(#r.#done) AND attribute_not_exists(#r.#done.#step)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /** The deletion record of one step, filed newest-last under the office's retention log. */
  logItem(officeId: string, entry: Omit<RetentionLogRecord, 'id'>): TransactItem {
    const id = newId(new Date(entry.at));
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          pk: keys.retentionLog(officeId),
          sk: `${entry.at}#${id}`,
          type: 'retention-log',
          id,
          ...entry,
        },
      },
    };
  }

  /** A raw write of a whole item (an anonymised case or client), in the step's finishing transaction. */
  putItem(item: Record<string, unknown>, unlessDone?: string): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: item,
        // A rewrite of the case item stands for the step's mark: only if no run marked it meanwhile.
        ...(unlessDone
          ? {
              ConditionExpression: 'attribute_not_exists(#r.#done.#step)',
              ExpressionAttributeNames: { '#r': 'retention', '#done': 'done', '#step': unlessDone },
            }
          : {}),
      },
    };
  }

  /** A raw update of one item, in the step's finishing transaction. */
  updateItem(key: ItemKeyOf, update: string, names?: Record<string, string>): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: key.pk, sk: key.sk },
        UpdateExpression: update,
        ConditionExpression: 'attribute_exists(pk)',
        ...(names ? { ExpressionAttributeNames: names } : {}),
      },
    };
  }

  /** A raw delete of one item, in the step's finishing transaction. */
  deleteOf(key: ItemKeyOf): TransactItem {
    return { Delete: { TableName: this.tableName, Key: { pk: key.pk, sk: key.sk } } };
  }

  /** Moves a deleted case out of the office's closed-case counter, in the same transaction. */
  closedCounterDown(officeId: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.officeStats(officeId),
        UpdateExpression: 'ADD #closed :minus',
        ExpressionAttributeNames: { '#closed': 'status_closed' },
        ExpressionAttributeValues: { ':minus': -1 },
      },
    };
  }

  /** The office's deletion records, newest first: one Query per page. */
  async log(officeId: string, page: PageRequest): Promise<Page<RetentionLogRecord>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.retentionLog(officeId) },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => {
        const { pk: _pk, sk: _sk, type: _type, ...record } = item;
        return record as RetentionLogRecord;
      }),
      lastKey: result.LastEvaluatedKey,
    };
  }
}
