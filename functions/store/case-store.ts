import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { onTrackUntil, OPEN_STATUSES, termsOf, type CaseFlag, type CaseStatus } from '../domain';
import { auditItem, fieldChanges, newId } from './audit';
import { batchGetIn } from './batch-get';
import { retentionKeys } from './case-retention-keys';
import { addCaseToClient } from './client-store';
import { getItem } from './read-ahead';
import { keys, withoutKeys } from './keys';
import type { PageRequest } from './paging';
import { WriteConflict } from './optimistic';
import { ConditionFailed, transact, type TransactItem } from './transactions';
import type { Actor } from './user-store';

export type {
  CaseChange,
  CaseDecision,
  CaseInput,
  CaseListFilter,
  CasePlanSummary,
  CaseRecord,
  CaseSentence,
  NewCase,
  RecordChange,
} from './case-record';
import type {
  CaseListFilter,
  CasePlanSummary,
  CaseRecord,
  NewCase,
  CaseChange,
  RecordChange,
} from './case-record';

const OPEN = new Set<CaseStatus>(OPEN_STATUSES);

/**
 * Cases of one office. Each case is one item (`O#<office>#CASE#<id>` / `CASE`) whose index keys are
 * derived from its fields every time it is written, so listings by status, officer, site and deadline
 * and the summary's count-only indexes can never disagree with the case itself.
 */
export class CaseStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Registers a new case: the case, its status counter, its audit entry and the client's list of cases,
   * in one transaction. `childAtOffence` (the domain's `committedAsChild`) marks the client for good;
   * the mark is never overwritten, so the first such case stays the one it names.
   */
  async register(
    officeId: string,
    fields: NewCase,
    actor: Actor,
    client: { readonly childAtOffence: boolean },
  ): Promise<CaseRecord> {
    const at = actor.at.toISOString();
    const record: CaseRecord = {
      ...fields,
      id: newId(actor.at),
      officeId,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await transact(this.db, [
      {
        Put: {
          TableName: this.tableName,
          Item: caseItem(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      statusCounter(this.tableName, officeId, undefined, record.status),
      this.audit('case.create', undefined, record, actor),
      addCaseToClient(this.tableName, record, client.childAtOffence),
    ]);
    return record;
  }

  async get(officeId: string, caseId: string): Promise<CaseRecord | undefined> {
    const item = await getItem(this.db, this.tableName, keys.caseRecord(officeId, caseId), {
      consistent: true,
    });
    return item ? toCase(item) : undefined;
  }

  /** Cases by id (the reminders' cases of a day): one BatchGet per 100, eventually consistent. */
  async getMany(officeId: string, caseIds: readonly string[]): Promise<CaseRecord[]> {
    const ids = [...new Set(caseIds)];
    const found: CaseRecord[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      const keysOf = ids.slice(i, i + 100).map((id) => keys.caseRecord(officeId, id));
      found.push(...(await batchGetIn(this.db, this.tableName, keysOf, { consistent: false })).map(toCase));
    }
    return found;
  }

  /**
   * One Query on the most selective index for the filter; the remaining filters apply to that page.
   * With no filter it lists open cases by deadline, the view an office works from.
   */
  async list(
    officeId: string,
    filter: CaseListFilter,
    page: PageRequest,
  ): Promise<{ items: CaseRecord[]; lastKey?: Record<string, unknown> }> {
    const [index, partition, remaining] = chooseIndex(officeId, filter);
    const names: Record<string, string> = { '#pk': `${index}pk` };
    const values: Record<string, unknown> = { ':pk': partition };
    let keyCondition = '#pk = :pk';
    if (filter.dueBefore) {
      keyCondition += ' AND #sk < :due';
      names['#sk'] = `${index}sk`;
      values[':due'] = keys.throughDay(filter.dueBefore);
    }
    const filters: string[] = [];
    if (remaining.status) {
      filters.push('#status = :status');
      names['#status'] = 'status';
      values[':status'] = remaining.status;
    }
    if (remaining.officerUsername) {
      filters.push('officerUsername = :officer');
      values[':officer'] = remaining.officerUsername;
    }
    if (remaining.siteId) {
      filters.push('currentSiteId = :site');
      values[':site'] = remaining.siteId;
    }
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: keyCondition,
        ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return { items: (result.Items ?? []).map(toCase), lastKey: result.LastEvaluatedKey };
  }

  /** A correction of the case's own fields (If-Match checked by the caller against `current`). */
  async correct(current: CaseRecord, next: CaseRecord, actor: Actor): Promise<CaseRecord> {
    return this.save(current, next, { ...actor, action: 'case.update' });
  }

  /**
   * A move along the lifecycle to `next.status`, with its reason in the audit entry. (A move that ends
   * the case with open warnings is `WarningStore.endCase`, which resolves them in the same write.)
   */
  async transition(current: CaseRecord, next: CaseRecord, actor: Actor): Promise<CaseRecord> {
    return this.save(current, next, { ...actor, action: 'case.transition' });
  }

  /**
   * Replaces the case with `next` if its version is still `current.version`, with the status counters
   * and the audit entry in the same transaction; the records the change is about (a placement, a
   * warning, a referral) join it as `extra`. Throws `WriteConflict` when the case moved meanwhile.
   */
  async save(
    current: CaseRecord,
    next: CaseRecord,
    change: CaseChange,
    extra: readonly TransactItem[] = [],
  ): Promise<CaseRecord> {
    const saved: CaseRecord = { ...next, version: current.version + 1, updatedAt: change.at.toISOString() };
    try {
      await transact(this.db, [
        {
          Put: {
            TableName: this.tableName,
            Item: caseItem(saved),
            // Sessions add to the totals without a new version: a Put decided on older totals (a
            // payment's or an outcome's remaining hours) would undo their credit, so they are checked too.
            ConditionExpression: 'version = :expected AND creditedMinutes = :credited',
            ExpressionAttributeValues: { ':expected': current.version, ':credited': current.creditedMinutes },
          },
        },
        ...(current.status === saved.status
          ? []
          : [statusCounter(this.tableName, current.officeId, current.status, saved.status)]),
        this.audit(change.action, current, saved, change, change.record),
        ...extra,
      ]);
    } catch (error) {
      if (error instanceof ConditionFailed && error.index === 0) throw new WriteConflict('case');
      throw error;
    }
    return saved;
  }

  /**
   * Re-derives the "on track until" index key from the stored totals. Session writes add to the
   * totals atomically (so concurrent sessions never conflict on the case); this follow-up makes the
   * derived key exact, and only writes if no other write came in between.
   *
   * `expected` is the case as the writer expects it now (its own write applied to what it read): the
   * key is first written conditioned on exactly those totals and version, one UpdateItem with no read.
   * Only when another write came in between is the case read and the key derived from what is stored.
   *
   * Best effort, after the session is committed: if the store cannot be reached now, the key stays
   * behind (resolves `false`) and the case's next write re-derives it. Failing the request instead
   * answered 503 for a recorded session, and the caller's retry was refused as an overlap
   * (test/reliability/faults.test.ts).
   */
  async refreshTrackKey(officeId: string, caseId: string, expected?: CaseRecord): Promise<boolean> {
    try {
      if (!expected || !(await this.writeTrackKey(expected))) {
        const current = await this.get(officeId, caseId);
        if (current) await this.writeTrackKey(current);
      }
      return true;
    } catch {
      return false;
    }
  }

  /** Writes `record`'s track key if the stored case still has its totals and version; false if not. */
  private async writeTrackKey(record: CaseRecord): Promise<boolean> {
    const track = trackKeys(record);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: keys.casePartition(record.officeId, record.id), sk: keys.caseRoot },
          UpdateExpression: track ? 'SET trackpk = :pk, tracksk = :sk' : 'REMOVE trackpk, tracksk',
          ConditionExpression: 'creditedMinutes = :seen AND version = :version',
          ExpressionAttributeValues: {
            ':seen': record.creditedMinutes,
            ':version': record.version,
            ...(track ? { ':pk': track.trackpk, ':sk': track.tracksk } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      // Someone wrote since: their own refresh will read the newer totals.
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      return false;
    }
  }

  /**
   * Stores the planner's outcome on the case (issue 15): its summary and its flags, in one UpdateItem
   * conditioned on the version, totals and flags the plan was made from, so a re-plan of an older case
   * never overwrites a newer one (the newer change has its own audit entry, and is re-planned from it).
   * No version bump and no audit entry: the plan is derived from what the audit already records, and an
   * audit entry would come back through the stream as a change to re-plan, for ever. Resolves false when
   * the case moved meanwhile.
   */
  async writePlan(
    plannedFrom: Pick<CaseRecord, 'officeId' | 'id' | 'version' | 'creditedMinutes' | 'flags'>,
    plan: CasePlanSummary,
    flags: readonly CaseFlag[],
  ): Promise<boolean> {
    const values: Record<string, unknown> = {
      ':plan': plan,
      ':flags': flags,
      ':version': plannedFrom.version,
      ':credited': plannedFrom.creditedMinutes,
    };
    // Conditioned on the flags read too: a session raises a flag without a new version.
    const flagsUnchanged = plannedFrom.flags ? '#flags = :flagsBefore' : 'attribute_not_exists(#flags)';
    if (plannedFrom.flags) values[':flagsBefore'] = plannedFrom.flags;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: keys.casePartition(plannedFrom.officeId, plannedFrom.id), sk: keys.caseRoot },
          UpdateExpression: 'SET #plan = :plan, #flags = :flags',
          ConditionExpression: `version = :version AND creditedMinutes = :credited AND ${flagsUnchanged}`,
          ExpressionAttributeNames: { '#plan': 'plan', '#flags': 'flags' },
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      return false;
    }
  }

  /**
   * The one audit entry of a case change: the case's own field changes, plus those of the record the
   * change is about (a placement, a warning, a referral), so each write leaves exactly one entry.
   */
  private audit(
    action: string,
    before: CaseRecord | undefined,
    after: CaseRecord,
    actor: Actor,
    record?: RecordChange,
  ): TransactItem {
    const ignore = ['version', 'updatedAt', 'createdAt', 'officeId', 'id', 'caseId'];
    const wrap = (value: object | undefined) => (record && value ? { [record.name]: value } : undefined);
    return {
      Put: {
        TableName: this.tableName,
        Item: auditItem({
          officeId: after.officeId,
          actor: actor.actor,
          at: actor.at,
          reason: actor.reason,
          action,
          subject: { type: 'case', id: after.id },
          ...(record ? { record: { type: record.name, id: (record.after as { id: string }).id } } : {}),
          changes: [
            ...fieldChanges(
              before as Record<string, unknown> | undefined,
              after as unknown as Record<string, unknown>,
              { ignore },
            ),
            ...(record
              ? fieldChanges(wrap(record.before), wrap(record.after), {
                  // The record's own id stays: it ties the entry to the placement, warning or referral.
                  ignore: ignore.filter((field) => field !== 'id').map((field) => `${record.name}.${field}`),
                })
              : []),
          ],
        }),
      },
    };
  }
}

/** The stored item: the record plus every index key derived from it. */
export function caseItem(record: CaseRecord): Record<string, unknown> {
  const sortKey = keys.caseByDay(termsOf(record).deadline, record.id);
  const open = OPEN.has(record.status);
  return {
    pk: keys.casePartition(record.officeId, record.id),
    sk: keys.caseRoot,
    type: 'case',
    ...record,
    gsi1pk: keys.casesInStatus(record.officeId, record.status),
    gsi1sk: sortKey,
    gsi2pk: keys.officerCases(record.officeId, record.officerUsername),
    gsi2sk: sortKey,
    ...(record.currentSiteId
      ? { gsi3pk: keys.siteCases(record.officeId, record.currentSiteId), gsi3sk: sortKey }
      : {}),
    ...(open ? { duepk: keys.openCases(record.officeId), duesk: sortKey } : {}),
    ...retentionKeys(record),
    ...trackKeys(record),
  };
}

function trackKeys(record: CaseRecord): { trackpk: string; tracksk: string } | undefined {
  if (!OPEN.has(record.status)) return undefined;
  const until = onTrackUntil({
    hoursOrdered: termsOf(record).hours,
    creditedMinutes: record.creditedMinutes,
    startDate: record.sentence.startDate,
    deadline: termsOf(record).deadline,
    maxHoursPerDay: record.sentence.maxHoursPerDay,
    daysPerWeek: record.sentence.daysPerWeek,
  });
  return until
    ? { trackpk: keys.openCases(record.officeId), tracksk: keys.caseByDay(until, record.id) }
    : undefined;
}

/** Cases-by-status counters for the summary, moved in the same transaction as the status itself. */
export function statusCounter(
  tableName: string,
  officeId: string,
  from: CaseStatus | undefined,
  to: CaseStatus,
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.officeStats(officeId),
      UpdateExpression: from ? 'ADD #to :one, #from :minus' : 'ADD #to :one',
      ExpressionAttributeNames: { '#to': `status_${to}`, ...(from ? { '#from': `status_${from}` } : {}) },
      ExpressionAttributeValues: { ':one': 1, ...(from ? { ':minus': -1 } : {}) },
    },
  };
}

function chooseIndex(
  officeId: string,
  filter: CaseListFilter,
): [string, string, { status?: CaseStatus; officerUsername?: string; siteId?: string }] {
  const { status, officerUsername, siteId } = filter;
  if (siteId) return ['gsi3', keys.siteCases(officeId, siteId), { status, officerUsername }];
  if (officerUsername) return ['gsi2', keys.officerCases(officeId, officerUsername), { status }];
  if (status) return ['gsi1', keys.casesInStatus(officeId, status), {}];
  return ['due', keys.openCases(officeId), {}];
}

export function toCase(item: Record<string, unknown>): CaseRecord {
  return withoutKeys(item) as unknown as CaseRecord;
}
