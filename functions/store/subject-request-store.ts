/**
 * The office's log of requests from data subjects (UU 27/2022, issue 17): one item per request
 * (`O#<office>#DATAREQ#<id>`), listed by one Query of gsi1 `O#<office>#DATAREQS`. The sort key puts open
 * requests first, by deadline (the most urgent on top), then answered and refused ones, newest first;
 * its status prefix makes `?status=` a key condition, not a filter.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type {
  AnsweredFields,
  SubjectRequestChannel,
  SubjectRequestKind,
  SubjectRequestStatus,
} from '../domain/data-protection/subject-requests';
import { auditItem, newId, type AuditEntry } from './audit';
import { withoutKeys } from './keys';
import { WriteConflict } from './optimistic';
import type { Page, PageRequest } from './paging';
import { getItem } from './read-ahead';
import { ConditionFailed, transact, type TransactItem } from './transactions';
import type { Actor } from './user-store';

export interface SubjectRequestRecord {
  readonly id: string;
  readonly officeId: string;
  /** The client the request is about, once known (a person may ask before they are identified). */
  readonly clientId?: string;
  /** The client's name when the request was logged, so the log needs no read per row. */
  readonly clientName?: string;
  /** Who asked (the subject, a guardian, a lawyer). Personal data: never logged, never audited. */
  readonly requesterName?: string;
  readonly kind: SubjectRequestKind;
  readonly channel: SubjectRequestChannel;
  /** What was asked, in the requester's words. Personal data: never logged, never audited. */
  readonly details: string;
  readonly receivedAt: string;
  /** The legal deadline (domain `requestDeadline`), stored so the list sorts by it. */
  readonly deadline: string;
  readonly status: SubjectRequestStatus;
  readonly answeredAt?: string;
  readonly answeredBy?: string;
  readonly note?: string;
  readonly reason?: string;
  /** The export that answered an access request. */
  readonly exportId?: string;
  /** The correction's audit entry that answered a correction request. */
  readonly correctionAuditId?: string;
  /** Answered after its deadline. */
  readonly overdue?: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly version: number;
}

export type NewSubjectRequest = Pick<
  SubjectRequestRecord,
  'clientId' | 'clientName' | 'requesterName' | 'kind' | 'channel' | 'details' | 'receivedAt' | 'deadline'
>;

const requestKey = (officeId: string, id: string) => ({ pk: `O#${officeId}#DATAREQ#${id}`, sk: 'DATAREQ' });
const listing = (officeId: string) => `O#${officeId}#DATAREQS`;
const RANK: Readonly<Record<SubjectRequestStatus, string>> = { open: '1', answered: '2', refused: '3' };
const LATEST = 9_999_999_999_999;

/** Open: by deadline, earliest first. Closed: by receipt, newest first (an inverted instant). */
export const requestSortKey = (
  record: Pick<SubjectRequestRecord, 'status' | 'deadline' | 'receivedAt' | 'id'>,
) =>
  record.status === 'open'
    ? `${RANK.open}#open#${record.deadline}#${record.id}`
    : `${RANK[record.status]}#${record.status}#${String(LATEST - Date.parse(record.receivedAt)).padStart(13, '0')}#${record.id}`;

/** Where a request's audit entries go: the client's trail when the request names one, else its own. */
const auditSubject = (record: Pick<SubjectRequestRecord, 'clientId' | 'id'>) =>
  record.clientId ? { type: 'client', id: record.clientId } : { type: 'data-request', id: record.id };

export class SubjectRequestStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** A new request's id: a ULID (sortable, 26 characters). */
  newId(at: Date): string {
    return newId(at);
  }

  /** The key of a request, for the guard's read-ahead (record-keys.ts). */
  static key = requestKey;

  /** Logs a request and its audit entry in one transaction. */
  async create(
    officeId: string,
    id: string,
    input: NewSubjectRequest,
    actor: Actor,
  ): Promise<SubjectRequestRecord> {
    const record: SubjectRequestRecord = {
      id,
      officeId,
      ...input,
      status: 'open',
      createdAt: actor.at.toISOString(),
      createdBy: actor.actor,
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
            this.entry(record, actor, 'data-request.log', [
              { field: 'kind', before: null, after: record.kind },
              { field: 'channel', before: null, after: record.channel },
              { field: 'receivedAt', before: null, after: record.receivedAt },
            ]),
          ),
        },
      },
    ]);
    return record;
  }

  async get(officeId: string, id: string): Promise<SubjectRequestRecord | undefined> {
    const item = await getItem(this.db, this.tableName, requestKey(officeId, id), { consistent: true });
    return item ? (withoutKeys(item) as unknown as SubjectRequestRecord) : undefined;
  }

  /** One Query of the office's log: open first by deadline, or one status only. */
  async list(
    officeId: string,
    status: SubjectRequestStatus | undefined,
    page: PageRequest,
  ): Promise<Page<SubjectRequestRecord>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: status ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
        ExpressionAttributeValues: {
          ':pk': listing(officeId),
          ...(status ? { ':prefix': `${RANK[status]}#${status}#` } : {}),
        },
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => withoutKeys(item) as unknown as SubjectRequestRecord),
      lastKey: result.LastEvaluatedKey,
    };
  }

  /** The answer and its audit entry, in one transaction (refused if the request moved meanwhile). */
  async answer(
    current: SubjectRequestRecord,
    answer: AnsweredFields,
    actor: Actor,
  ): Promise<SubjectRequestRecord> {
    const { record, items } = this.answerItems(current, answer, actor);
    try {
      await transact(this.db, items);
    } catch (error) {
      if (error instanceof ConditionFailed) throw new WriteConflict('request');
      throw error;
    }
    return record;
  }

  /**
   * The transaction items of an answer: the request (only from `open`, at the version read) and its
   * audit entry. A subject export that answers a request adds only the request's item to its own
   * transaction: its `client.export` entry names the request, so the action leaves one entry.
   */
  answerItems(
    current: SubjectRequestRecord,
    answer: AnsweredFields,
    actor: Actor,
  ): { record: SubjectRequestRecord; items: [request: TransactItem, audit: TransactItem] } {
    const record: SubjectRequestRecord = {
      ...current,
      ...answer,
      answeredBy: actor.actor,
      version: current.version + 1,
    };
    return {
      record,
      items: [
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
              this.entry(record, actor, 'data-request.answer', [
                { field: 'status', before: current.status, after: record.status },
                ...(record.exportId ? [{ field: 'exportId', before: null, after: record.exportId }] : []),
                ...(record.overdue ? [{ field: 'overdue', before: null, after: true }] : []),
              ]),
            ),
          },
        },
      ],
    };
  }

  private entry(
    record: SubjectRequestRecord,
    actor: Actor,
    action: string,
    changes: AuditEntry['changes'],
  ): AuditEntry {
    return {
      officeId: record.officeId,
      ...actor,
      action,
      subject: auditSubject(record),
      record: { type: 'data-request', id: record.id },
      changes,
      ...(record.reason ? { reason: record.reason } : {}),
    };
  }

  private item(record: SubjectRequestRecord): Record<string, unknown> {
    return {
      ...requestKey(record.officeId, record.id),
      type: 'data-request',
      ...record,
      gsi1pk: listing(record.officeId),
      gsi1sk: requestSortKey(record),
    };
  }
}
