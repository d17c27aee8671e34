/**
 * Offline records the API refused when the field app sent them (issue 20, ADR 0024), kept for the PK so
 * nothing recorded in the field is dropped without a trace.
 *
 * ```
 * pk O#<office>#CASE#<caseId>   sk OFFREF#<id>    the refusal, in its case's partition (type 'offline-refusal')
 * gsi1pk O#<office>#OFFREFS                       gsi1sk <rank>#<status>#<inverted receipt>#<id>
 * gsi2pk O#<office>#OFFREFS#BY#<recordedBy>       gsi2sk the same (a supervisor's own)
 * ```
 *
 * Ids are `<caseId>-<ULID>`, so a refusal is one GetItem from its id, and it lives and dies with its case:
 * the retention schedule's `case` step removes everything in the partition. The sort key puts open
 * refusals first and the newest first within a status; its status prefix makes `?status=` a key
 * condition, not a filter.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OfflineRecordKind, OfflineRefusalStatus, SessionOutcome } from '../domain';
import { auditItem, type AuditEntry } from './audit';
import { CasePartitionStore, caseOfRecord } from './case-partition';
import { keys, withoutKeys } from './keys';
import { WriteConflict } from './optimistic';
import type { Page, PageRequest } from './paging';
import { getItem } from './read-ahead';
import { ConditionFailed, transact } from './transactions';
import type { Actor } from './user-store';

/** What the app had recorded: a session's fields or a photo's, as it held them in its outbox. */
export interface RefusedRecord {
  readonly date?: string;
  readonly startTime?: string;
  readonly endTime?: string;
  readonly outcome?: SessionOutcome;
  readonly activity?: string;
  /** Personal data (it may name people): never logged, never audited. */
  readonly notes?: string;
  readonly fileName?: string;
  readonly sha256?: string;
  readonly capturedAt?: string;
}

/** The API's answer that refused it, as the app received it (problem+json, summarised). */
export interface RefusalAnswer {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  /** The fields the answer named (`errors[].path`). */
  readonly fields?: readonly string[];
  /** The rule ids the answer named (`errors[].rule`), for the dashboard to put in words. */
  readonly rules?: readonly string[];
}

export interface OfflineRefusalRecord {
  readonly id: string;
  readonly officeId: string;
  readonly caseId: string;
  /** The case's client when the refusal arrived, so the list needs no read per row. */
  readonly clientName: string;
  readonly kind: OfflineRecordKind;
  /** The device's clock when the supervisor recorded it (UTC). */
  readonly recordedAt: string;
  readonly siteId?: string;
  readonly record: RefusedRecord;
  readonly refusal: RefusalAnswer;
  readonly status: OfflineRefusalStatus;
  /** Who sent it (the supervisor whose outbox held it). */
  readonly recordedBy: string;
  readonly receivedAt: string;
  readonly resolvedAt?: string;
  readonly resolvedBy?: string;
  /** What the PK did about it. Personal data (it may name people): never logged, never audited. */
  readonly note?: string;
  readonly version: number;
}

export type NewOfflineRefusal = Pick<
  OfflineRefusalRecord,
  'caseId' | 'clientName' | 'kind' | 'recordedAt' | 'siteId' | 'record' | 'refusal'
>;

const SK_PREFIX = 'OFFREF#';
const listing = (officeId: string) => `O#${officeId}#OFFREFS`;
const recorderListing = (officeId: string, recordedBy: string) => `O#${officeId}#OFFREFS#BY#${recordedBy}`;
const RANK: Readonly<Record<OfflineRefusalStatus, string>> = { open: '1', resolved: '2' };
const LATEST = 9_999_999_999_999;

/** Open first, then resolved; newest receipt first within each (an inverted instant). */
export const refusalSortKey = (record: Pick<OfflineRefusalRecord, 'status' | 'receivedAt' | 'id'>) =>
  `${RANK[record.status]}#${record.status}#${String(LATEST - Date.parse(record.receivedAt)).padStart(13, '0')}#${record.id}`;

export class OfflineRefusalStore extends CasePartitionStore {
  /** The key of a refusal by its id alone (`<caseId>-<ULID>`), for the guard's read-ahead. */
  static key = (officeId: string, id: string) => ({
    pk: keys.casePartition(officeId, caseOfRecord(id) ?? ''),
    sk: `${SK_PREFIX}${id}`,
  });

  /** Keeps a refused record, open, and its audit entry, in one transaction. */
  async create(officeId: string, input: NewOfflineRefusal, actor: Actor): Promise<OfflineRefusalRecord> {
    const record: OfflineRefusalRecord = {
      id: this.newId(input.caseId, actor.at),
      officeId,
      ...input,
      status: 'open',
      recordedBy: actor.actor,
      receivedAt: actor.at.toISOString(),
      version: 1,
    };
    await transact(this.db, [
      {
        Put: {
          TableName: this.tableName,
          Item: this.item(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: auditItem(
            this.entry(record, actor, 'offline-refusal.record', [
              { field: 'offlineRefusal.kind', before: null, after: record.kind },
              { field: 'offlineRefusal.recordedAt', before: null, after: record.recordedAt },
              { field: 'offlineRefusal.refusal.status', before: null, after: record.refusal.status },
              { field: 'offlineRefusal.refusal.type', before: null, after: record.refusal.type },
            ]),
          ),
        },
      },
    ]);
    return record;
  }

  async get(officeId: string, id: string): Promise<OfflineRefusalRecord | undefined> {
    const key = OfflineRefusalStore.key(officeId, id);
    if (!this.caseOf(id)) return undefined;
    const item = await getItem(this.db, this.tableName, key, { consistent: true });
    return item ? (withoutKeys(item) as unknown as OfflineRefusalRecord) : undefined;
  }

  /**
   * One Query of the office's listing (open first, newest first), or of one status; with `recordedBy`,
   * of that person's own refusals only (gsi2).
   */
  async list(
    officeId: string,
    filter: { readonly status?: OfflineRefusalStatus; readonly recordedBy?: string },
    page: PageRequest,
  ): Promise<Page<OfflineRefusalRecord>> {
    const index = filter.recordedBy ? 'gsi2' : 'gsi1';
    const pk = filter.recordedBy ? recorderListing(officeId, filter.recordedBy) : listing(officeId);
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: filter.status
          ? `${index}pk = :pk AND begins_with(${index}sk, :prefix)`
          : `${index}pk = :pk`,
        ExpressionAttributeValues: {
          ':pk': pk,
          ...(filter.status ? { ':prefix': `${RANK[filter.status]}#${filter.status}#` } : {}),
        },
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => withoutKeys(item) as unknown as OfflineRefusalRecord),
      lastKey: result.LastEvaluatedKey,
    };
  }

  /**
   * Resolves an open refusal with the PK's note, and its audit entry, in one transaction; `WriteConflict`
   * when it was resolved (or changed) since `current` was read.
   */
  async resolve(current: OfflineRefusalRecord, note: string, actor: Actor): Promise<OfflineRefusalRecord> {
    const record: OfflineRefusalRecord = {
      ...current,
      status: 'resolved',
      resolvedAt: actor.at.toISOString(),
      resolvedBy: actor.actor,
      note,
      version: current.version + 1,
    };
    try {
      await transact(this.db, [
        {
          Put: {
            TableName: this.tableName,
            Item: this.item(record),
            ConditionExpression: '#status = :open AND version = :version',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':open': 'open', ':version': current.version },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: auditItem(
              this.entry(record, actor, 'offline-refusal.resolve', [
                // Never a bare `status`: in a case's trail that is the case's own (a webhook event).
                { field: 'offlineRefusal.status', before: current.status, after: record.status },
              ]),
            ),
          },
        },
      ]);
    } catch (error) {
      if (error instanceof ConditionFailed) throw new WriteConflict('offline-refusal');
      throw error;
    }
    return record;
  }

  /** In the case's trail: the PK reads what happened to the case's field records there. */
  private entry(
    record: OfflineRefusalRecord,
    actor: Actor,
    action: string,
    changes: AuditEntry['changes'],
  ): AuditEntry {
    return {
      officeId: record.officeId,
      ...actor,
      action,
      subject: { type: 'case', id: record.caseId },
      record: { type: 'offline-refusal', id: record.id },
      changes,
    };
  }

  private item(record: OfflineRefusalRecord): Record<string, unknown> {
    const sortKey = refusalSortKey(record);
    return {
      ...OfflineRefusalStore.key(record.officeId, record.id),
      type: 'offline-refusal',
      ...record,
      gsi1pk: listing(record.officeId),
      gsi1sk: sortKey,
      gsi2pk: recorderListing(record.officeId, record.recordedBy),
      gsi2sk: sortKey,
    };
  }
}
