import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { hoursToMinutes, onTrackUntil, OPEN_STATUSES, type CaseStatus } from '../domain';
import { auditItem, fieldChanges, newId } from './audit';
import { keys, withoutKeys } from './keys';
import { ConditionFailed, transact, type TransactItem } from './transactions';
import type { Actor } from './user-store';

export interface CaseDecision {
  readonly number: string;
  readonly court: string;
  readonly date: string;
  readonly offenceArticles: readonly string[];
  readonly threatenedMaxMonths: number;
  readonly imposed: { readonly prisonMonths?: number; readonly fineRupiah?: number };
  readonly nonComplianceSanction: 'repeat' | 'serve_prison' | 'pay_fine';
}

export interface CaseSentence {
  readonly kind: 'kerja_sosial' | 'pelayanan_masyarakat';
  readonly hours: number;
  readonly maxHoursPerDay: number;
  readonly daysPerWeek?: number;
  readonly startDate: string;
  readonly deadline: string;
}

/** The fields a person enters; everything else on a case is derived or maintained by the store. */
export interface CaseInput {
  readonly clientId: string;
  readonly officerUsername: string;
  readonly prosecutor: { readonly name: string; readonly office: string };
  readonly decision: CaseDecision;
  readonly sentence: CaseSentence;
  readonly consent: { readonly given: boolean; readonly recordedOn: string };
  readonly notes?: string;
}

export interface CaseRecord extends CaseInput {
  readonly id: string;
  readonly officeId: string;
  /** Denormalised for lists and supervisors, who never read the client record itself. */
  readonly clientName: string;
  readonly status: CaseStatus;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Whole minutes; the domain works in minutes so totals never drift. */
  readonly creditedMinutes: number;
  readonly remainingMinutes: number;
  /** The work site of the latest placement, which also decides what a supervisor sees. */
  readonly currentSiteId?: string;
  readonly openWarnings: number;
}

export interface CaseListFilter {
  readonly status?: CaseStatus;
  readonly officerUsername?: string;
  readonly siteId?: string;
  /** Deadline on or before this date. */
  readonly dueBefore?: string;
}

export class StaleCase extends Error {}

/** A record written together with its case (placement, warning, referral), for the audit entry. */
export interface RecordChange {
  /** Prefix of its fields in the entry, e.g. `placement` → `placement.siteId`. */
  readonly name: string;
  readonly before?: object;
  readonly after: object;
}

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

  async create(
    officeId: string,
    input: CaseInput & { clientName: string },
    actor: Actor,
  ): Promise<CaseRecord> {
    const at = actor.at.toISOString();
    const record: CaseRecord = {
      ...input,
      id: newId(actor.at),
      officeId,
      status: 'received',
      version: 1,
      createdAt: at,
      updatedAt: at,
      creditedMinutes: 0,
      remainingMinutes: hoursToMinutes(input.sentence.hours),
      openWarnings: 0,
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
      this.audit(officeId, 'case.create', record.id, undefined, record, actor),
    ]);
    return record;
  }

  async get(officeId: string, caseId: string): Promise<CaseRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: keys.casePartition(officeId, caseId), sk: keys.caseRoot },
        ConsistentRead: true,
      }),
    );
    return Item ? toCase(Item) : undefined;
  }

  /**
   * One Query on the most selective index for the filter; the remaining filters apply to that page.
   * With no filter it lists open cases by deadline, the view an office works from.
   */
  async list(
    officeId: string,
    filter: CaseListFilter,
    page: { limit: number; startKey?: Record<string, unknown> },
  ): Promise<{ items: CaseRecord[]; lastKey?: Record<string, unknown> }> {
    const [index, partition, remaining] = chooseIndex(officeId, filter);
    const names: Record<string, string> = { '#pk': `${index}pk` };
    const values: Record<string, unknown> = { ':pk': partition };
    let keyCondition = '#pk = :pk';
    if (filter.dueBefore) {
      keyCondition += ' AND #sk < :due';
      names['#sk'] = `${index}sk`;
      // Sort keys are `<deadline>#<id>`: everything due on the day itself sorts below `<day>$`.
      values[':due'] = `${filter.dueBefore}$`;
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

  /**
   * Replaces the case with `next` if its version is still `expected`, with the status counters and
   * the audit entry in the same transaction. `extra` items (a placement, a warning) join it.
   */
  async save(
    current: CaseRecord,
    next: CaseRecord,
    actor: Actor & { action: string; record?: RecordChange },
    extra: readonly TransactItem[] = [],
  ): Promise<CaseRecord> {
    const saved: CaseRecord = { ...next, version: current.version + 1, updatedAt: actor.at.toISOString() };
    try {
      await transact(this.db, [
        {
          Put: {
            TableName: this.tableName,
            Item: caseItem(saved),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': current.version },
          },
        },
        ...(current.status === saved.status
          ? []
          : [statusCounter(this.tableName, current.officeId, current.status, saved.status)]),
        this.audit(current.officeId, actor.action, current.id, current, saved, actor, actor.record),
        ...extra,
      ]);
    } catch (error) {
      if (error instanceof ConditionFailed && error.index === 0) throw new StaleCase();
      throw error;
    }
    return saved;
  }

  /**
   * Re-derives the "on track until" index key from the stored totals. Session writes add to the
   * totals atomically (so concurrent sessions never conflict on the case); this follow-up makes the
   * derived key exact, and only writes if no other write came in between.
   *
   * Best effort, after the session is committed: if the store cannot be reached now, the key stays
   * behind (resolves `false`) and the case's next write re-derives it. Failing the request instead
   * answered 503 for a recorded session, and the caller's retry was refused as an overlap
   * (test/reliability/faults.test.ts).
   */
  async refreshTrackKey(officeId: string, caseId: string): Promise<boolean> {
    try {
      await this.rederiveTrackKey(officeId, caseId);
      return true;
    } catch {
      return false;
    }
  }

  private async rederiveTrackKey(officeId: string, caseId: string): Promise<void> {
    const current = await this.get(officeId, caseId);
    if (!current) return;
    const track = trackKeys(current);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: keys.casePartition(officeId, caseId), sk: keys.caseRoot },
          UpdateExpression: track ? 'SET trackpk = :pk, tracksk = :sk' : 'REMOVE trackpk, tracksk',
          ConditionExpression: 'creditedMinutes = :seen',
          ExpressionAttributeValues: {
            ':seen': current.creditedMinutes,
            ...(track ? { ':pk': track.trackpk, ':sk': track.tracksk } : {}),
          },
        }),
      );
    } catch (error) {
      // Someone wrote since: their own refresh will read the newer totals.
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  /**
   * The one audit entry of a case change: the case's own field changes, plus those of the record the
   * change is about (a placement, a warning, a referral), so each write leaves exactly one entry.
   */
  audit(
    officeId: string,
    action: string,
    caseId: string,
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
          officeId,
          ...actor,
          action,
          subject: { type: 'case', id: caseId },
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
  const sortKey = `${record.sentence.deadline}#${record.id}`;
  const open = OPEN.has(record.status);
  return {
    pk: keys.casePartition(record.officeId, record.id),
    sk: keys.caseRoot,
    type: 'case',
    ...record,
    gsi1pk: `O#${record.officeId}#CASES#${record.status}`,
    gsi1sk: sortKey,
    gsi2pk: `O#${record.officeId}#OFFICER#${record.officerUsername}`,
    gsi2sk: sortKey,
    ...(record.currentSiteId
      ? { gsi3pk: `O#${record.officeId}#SITE#${record.currentSiteId}#CASES`, gsi3sk: sortKey }
      : {}),
    ...(open ? { duepk: `O#${record.officeId}#OPEN`, duesk: sortKey } : {}),
    ...trackKeys(record),
  };
}

function trackKeys(record: CaseRecord): { trackpk: string; tracksk: string } | undefined {
  if (!OPEN.has(record.status)) return undefined;
  const until = onTrackUntil({
    hoursOrdered: record.sentence.hours,
    creditedMinutes: record.creditedMinutes,
    startDate: record.sentence.startDate,
    deadline: record.sentence.deadline,
    maxHoursPerDay: record.sentence.maxHoursPerDay,
    daysPerWeek: record.sentence.daysPerWeek,
  });
  return until ? { trackpk: `O#${record.officeId}#OPEN`, tracksk: `${until}#${record.id}` } : undefined;
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
  if (siteId) return ['gsi3', `O#${officeId}#SITE#${siteId}#CASES`, { status, officerUsername }];
  if (officerUsername) return ['gsi2', `O#${officeId}#OFFICER#${officerUsername}`, { status }];
  if (status) return ['gsi1', `O#${officeId}#CASES#${status}`, {}];
  return ['due', `O#${officeId}#OPEN`, {}];
}

export function toCase(item: Record<string, unknown>): CaseRecord {
  return withoutKeys(item) as unknown as CaseRecord;
}
