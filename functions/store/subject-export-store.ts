/**
 * What a subject's export reads and writes (issue 17). Reading: a case's whole partition in one Query
 * (the case, its assessments, placements, sessions, warnings, referrals, payments and evidence share
 * it), so the export costs a fixed number of calls per case, never one per record kind. Writing: the
 * export's record, its `client.export` audit entry in the client's trail and, when it answers a logged
 * request, the request's answer, in one transaction.
 */
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditItem } from './audit';
import { getItem } from './read-ahead';
import { keys, withoutKeys } from './keys';
import { WriteConflict } from './optimistic';
import { ConditionFailed, transact, type TransactItem } from './transactions';
import type { Actor } from './user-store';

/** The record types of a case partition the export carries, by the items' `type`. */
export const EXPORTED_CASE_TYPES = [
  'case',
  'assessment',
  'placement',
  'session',
  'warning',
  'referral',
  'payment',
  'evidence',
] as const;
export type ExportedCaseType = (typeof EXPORTED_CASE_TYPES)[number];

export type CasePartitionRecords = Readonly<Record<ExportedCaseType, Record<string, unknown>[]>>;

/** One stored file of an export. */
export interface ExportFile {
  readonly key: string;
  readonly sha256: string;
  readonly sizeBytes: number;
}

export interface SubjectExportRecord {
  readonly id: string;
  readonly officeId: string;
  readonly clientId: string;
  readonly requestId?: string;
  readonly reason: string;
  readonly json: ExportFile;
  readonly pdf: ExportFile & { readonly pages: number };
  /** The cases read, and how many records of each kind: what the audit entry records. */
  readonly caseIds: readonly string[];
  readonly createdAt: string;
  readonly createdBy: string;
  /** When the files are deleted by the bucket's lifecycle (and the record by DynamoDB TTL). */
  readonly expiresOn: string;
}

/**
 * A case with more than this many pages of 1 MB is not a case (240 hours are a few hundred sessions):
 * the export refuses rather than read on.
 */
const MAX_PARTITION_PAGES = 5;

const exportKey = (officeId: string, id: string) => ({ pk: `O#${officeId}#EXPORT#${id}`, sk: 'EXPORT' });

export class SubjectExportStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The key of an export's record, for the guard's read-ahead (record-keys.ts). */
  static key = exportKey;

  /** One export's record (the guard's read-ahead serves it without a call). */
  async get(officeId: string, id: string): Promise<SubjectExportRecord | undefined> {
    const item = await getItem(this.db, this.tableName, exportKey(officeId, id));
    if (!item) return undefined;
    const { expiresAt: _ttl, ...record } = withoutKeys(item);
    return record as unknown as SubjectExportRecord;
  }

  /**
   * New links to an export's files were handed out: an audited read of the whole dossier, one Put in
   * the client's trail (`client.export-link`, which the retention schedule counts as a read log).
   */
  async recordLinkRead(record: SubjectExportRecord, actor: Actor): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: auditItem({
          officeId: record.officeId,
          ...actor,
          action: 'client.export-link',
          subject: { type: 'client', id: record.clientId },
          record: { type: 'subject-export', id: record.id },
          changes: [],
        }),
      }),
    );
  }

  /**
   * Every record of a case's partition the export carries, grouped by type, oldest first: one Query per
   * megabyte (one for any real case). Bookkeeping items (the client's day totals, the duplicate-hash
   * guards, slots, reminders' log) stay out: they repeat what the records say or are the office's own.
   */
  async casePartition(officeId: string, caseId: string): Promise<CasePartitionRecords> {
    const grouped = Object.fromEntries(EXPORTED_CASE_TYPES.map((type) => [type, []])) as unknown as Record<
      ExportedCaseType,
      Record<string, unknown>[]
    >;
    let startKey: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_PARTITION_PAGES; page++) {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.casePartition(officeId, caseId) },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? []) {
        const type = item.type as ExportedCaseType;
        if (EXPORTED_CASE_TYPES.includes(type)) grouped[type].push(withoutKeys(item));
      }
      startKey = result.LastEvaluatedKey;
      if (!startKey) return grouped;
    }
    throw new Error(`case partition ran past ${MAX_PARTITION_PAGES} pages`);
  }

  /**
   * One transaction: the export's record (expiring with its files), its audit entry in the client's
   * trail, and `answering` (the request's answer items) when it answers a logged request.
   */
  async record(record: SubjectExportRecord, actor: Actor, answering: readonly TransactItem[] = []) {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...exportKey(record.officeId, record.id),
            type: 'subject-export',
            ...record,
            // DynamoDB TTL: the record goes with its files (a day's grace for the TTL sweep's lag).
            expiresAt: Math.floor(Date.parse(`${record.expiresOn}T00:00:00Z`) / 1000) + 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: auditItem({
            officeId: record.officeId,
            ...actor,
            reason: record.reason,
            action: 'client.export',
            subject: { type: 'client', id: record.clientId },
            record: { type: 'subject-export', id: record.id },
            changes: [
              { field: 'export.id', before: null, after: record.id },
              { field: 'export.cases', before: null, after: record.caseIds },
              { field: 'export.jsonSha256', before: null, after: record.json.sha256 },
              { field: 'export.pdfSha256', before: null, after: record.pdf.sha256 },
              ...(record.requestId
                ? [{ field: 'export.requestId', before: null, after: record.requestId }]
                : []),
            ],
          }),
        },
      },
      ...answering,
    ];
    try {
      await transact(this.db, items);
    } catch (error) {
      // The request was answered meanwhile (its condition is among `answering`).
      if (error instanceof ConditionFailed && error.index >= 2) throw new WriteConflict('request');
      throw error;
    }
  }
}
