import {
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { AWAITING_VERDICT } from '../domain';
import { auditItem, newId } from './audit';
import { evidenceAuditItem, evidenceItem, evidenceListQuery, toEvidence } from './evidence-items';
import { newEvidenceKey, parseEvidenceKey } from './evidence-keys';
import type {
  EvidenceListFilter,
  EvidencePage,
  EvidencePageRequest,
  EvidenceRecord,
  SessionForEvidence,
  UploadRequest,
} from './evidence-record';
import { getItem } from './read-ahead';
import { keys } from './keys';
import { WriteConflict } from './optimistic';
import { sessionSortKey } from './session-store';
import { ConditionFailed, transact, type TransactItem } from './transactions';
import type { Actor } from './user-store';

export type {
  EvidenceChecks,
  EvidenceListFilter,
  EvidencePage,
  EvidenceRecord,
  SessionForEvidence,
  UploadRequest,
} from './evidence-record';

type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/** The record an object key names: found, or why not (for the verifier's log). */
export type EvidenceByKey =
  | { readonly record: EvidenceRecord }
  | { readonly missing: 'not an evidence key' | 'no such evidence record' };

/**
 * Evidence records, in the case partition (layout in evidence-items.ts). Every state change is one
 * transaction: the record (under a version condition), its audit entry in the case timeline and, for
 * the first verified copy of some bytes, the hash item. Nothing is ever deleted.
 */
export class EvidenceStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Files an upload request `pending`, with its new id and unguessable object key, and audits it. */
  async requestUpload(request: UploadRequest, actor: Actor): Promise<EvidenceRecord> {
    const { uploadUrlSeconds, ...declared } = request;
    const at = actor.at.toISOString();
    const id = newId(actor.at);
    const record: EvidenceRecord = {
      ...declared,
      id,
      status: 'pending',
      checks: {},
      warnings: [],
      objectKey: newEvidenceKey(request.officeId, request.caseId, id),
      uploadUrlExpiresAt: new Date(actor.at.getTime() + uploadUrlSeconds * 1000).toISOString(),
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await transact(this.db, [
      this.putNew(evidenceItem(record)),
      this.auditPut(record, undefined, { ...actor, action: 'evidence.request-upload' }),
    ]);
    return record;
  }

  async get(officeId: string, caseId: string, evidenceId: string): Promise<EvidenceRecord | undefined> {
    const Item = await this.item(keys.evidence(officeId, caseId, evidenceId));
    return Item ? toEvidence(Item) : undefined;
  }

  /** The record an object key was issued for (consistent read). */
  async byObjectKey(objectKey: string): Promise<EvidenceByKey> {
    const address = parseEvidenceKey(objectKey);
    if (!address) return { missing: 'not an evidence key' };
    const record = await this.get(address.officeId, address.caseId, address.evidenceId);
    return record && record.objectKey === objectKey ? { record } : { missing: 'no such evidence record' };
  }

  /** A case's evidence, newest first; a page may be short (see `evidenceListQuery`). */
  async list(
    officeId: string,
    caseId: string,
    filter: EvidenceListFilter,
    page: EvidencePageRequest,
  ): Promise<EvidencePage> {
    return this.query({ ...evidenceListQuery(officeId, caseId, filter), Limit: page.limit }, page.startKey);
  }

  /** A session of the case, or undefined (a session id is always its case's id and a suffix). */
  async getSession(
    officeId: string,
    caseId: string,
    sessionId: string,
  ): Promise<SessionForEvidence | undefined> {
    if (!sessionId.startsWith(`${caseId}-`)) return undefined;
    const Item = await this.item(
      { pk: keys.casePartition(officeId, caseId), sk: sessionSortKey(sessionId) },
      false,
    );
    if (!Item || Item.caseId !== caseId) return undefined;
    const [id, siteId, date, startTime, endTime] = ['id', 'siteId', 'date', 'startTime', 'endTime'].map(
      (field) => String(Item[field]),
    ) as [string, string, string, string, string];
    return { id, caseId, siteId, date, startTime, endTime };
  }

  /** The evidence of the case that was first verified with these bytes, if any. */
  async hashOwner(officeId: string, caseId: string, sha256: string): Promise<string | undefined> {
    const Item = await this.item(keys.evidenceHash(officeId, caseId, sha256));
    return Item ? String(Item.evidenceId) : undefined;
  }

  /**
   * Records a verdict (verified, rejected or expired) on a record that still awaits one (EV-VERDICT)
   * and is unchanged since `before` was read. `claimHash` also records this evidence as the first with
   * its bytes.
   * @throws WriteConflict when the record changed, or another evidence claimed the bytes first.
   */
  async decide(
    before: EvidenceRecord,
    after: EvidenceRecord,
    actor: Actor & { action: string },
    options: { claimHash?: boolean } = {},
  ): Promise<void> {
    const awaiting = Object.fromEntries(AWAITING_VERDICT.map((status, i) => [`:s${i}`, status]));
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: evidenceItem(after),
          ConditionExpression: `#version = :expected AND #status IN (${Object.keys(awaiting).join(', ')})`,
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: { ':expected': before.version, ...awaiting },
        },
      },
      this.auditPut(after, before, actor),
    ];
    if (options.claimHash) {
      items.push(
        this.putNew({
          ...keys.evidenceHash(after.officeId, after.caseId, after.sha256),
          type: 'evidence-hash',
          evidenceId: after.id,
          at: actor.at.toISOString(),
        }),
      );
    }
    try {
      await transact(this.db, items);
    } catch (error) {
      if (error instanceof ConditionFailed) {
        throw new WriteConflict(error.index === 0 ? 'evidence' : 'evidence hash');
      }
      throw error;
    }
  }

  /**
   * Records the thumbnail of verified evidence: its key, or that there can be none. A rendition, not a
   * change of the evidence: no new version, no audit entry. Only once: a record that already has its
   * thumbnail (or is not verified) is left alone.
   * @returns whether it was recorded
   */
  async recordThumbnail(
    record: Pick<EvidenceRecord, 'officeId' | 'caseId' | 'id'>,
    thumbnail: { key: string } | 'unavailable',
  ): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.evidence(record.officeId, record.caseId, record.id),
          UpdateExpression: thumbnail === 'unavailable' ? 'SET #flag = :value' : 'SET #key = :value',
          ConditionExpression:
            '#status = :verified AND attribute_not_exists(#key) AND attribute_not_exists(#flag)',
          ExpressionAttributeNames: { '#status': 'status', '#key': 'thumbnailKey', '#flag': 'thumbnail' },
          ExpressionAttributeValues: {
            ':verified': 'verified',
            ':value': thumbnail === 'unavailable' ? 'unavailable' : thumbnail.key,
          },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /**
   * Pending uploads of one office requested before `cutoff` (ISO instant), oldest first: one Query on
   * the sparse `due` index, which holds evidence only while it is pending.
   */
  async pendingBefore(officeId: string, cutoff: string, page: EvidencePageRequest): Promise<EvidencePage> {
    return this.query(
      {
        IndexName: 'due',
        KeyConditionExpression: 'duepk = :pk AND duesk < :cutoff',
        ExpressionAttributeValues: { ':pk': keys.pendingEvidence(officeId), ':cutoff': cutoff },
        Limit: page.limit,
      },
      page.startKey,
    );
  }

  /** Every office id of the deployment (the directory's `OFFICES` listing on gsi1): a few dozen at most. */
  async officeIds(): Promise<string[]> {
    const ids: string[] = [];
    const listing = {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'OFFICES' },
      ProjectionExpression: 'gsi1sk',
    };
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.send(listing, startKey);
      ids.push(...(page.Items ?? []).flatMap((item) => /#OFFICE#(.+)$/.exec(String(item.gsi1sk))?.[1] ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return ids;
  }

  /**
   * Audits a read (metadata and download URL, or a list): one entry per read, with no changes. A single
   * piece is audited on its own trail (`evidence`), a list on the case's evidence trail (`case-evidence`);
   * both appear in the office-wide log.
   */
  async recordRead(
    officeId: string,
    subject: { type: 'evidence' | 'case-evidence'; id: string },
    actor: Actor & { action: string },
  ): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: auditItem({ officeId, ...actor, subject, changes: [] }),
      }),
    );
  }

  private async item(key: Record<string, string>, consistent = true) {
    return getItem(this.db, this.tableName, key as { pk: string; sk: string }, { consistent });
  }

  private send(input: QueryInput, startKey: Record<string, unknown> | undefined) {
    return this.db.send(
      new QueryCommand({ TableName: this.tableName, ...input, ExclusiveStartKey: startKey }),
    );
  }

  private async query(
    input: QueryInput,
    startKey: Record<string, unknown> | undefined,
  ): Promise<EvidencePage> {
    const result = await this.send(input, startKey);
    return { items: (result.Items ?? []).map(toEvidence), lastKey: result.LastEvaluatedKey };
  }

  /** A Put of an item that must not exist yet. */
  private putNew(item: Record<string, unknown>): TransactItem {
    return {
      Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
    };
  }

  private auditPut(
    after: EvidenceRecord,
    before: EvidenceRecord | undefined,
    actor: Actor & { action: string },
  ): TransactItem {
    return { Put: { TableName: this.tableName, Item: evidenceAuditItem(after, before, actor) } };
  }
}
