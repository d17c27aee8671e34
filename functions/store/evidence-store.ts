import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type {
  EvidenceContentType,
  EvidenceKind,
  EvidenceWarning,
  LocationCheck,
  RejectionReason,
  TimeCheck,
} from '../domain';
import { auditItem, fieldChanges, type FieldChange } from './audit';
import { keys, withoutKeys } from './keys';
import { sessionSortKey } from './session-store';
import { ConditionFailed, transact, type TransactItem } from './transactions';
import type { Actor } from './user-store';

export const EVIDENCE_STATUSES = ['pending', 'verified', 'rejected', 'expired'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

/** What the verifier found; kept on the record so a reader sees why it was accepted or not. */
export interface EvidenceChecks {
  /** Bytes actually stored (up to one past the declared size when larger). */
  readonly storedBytes?: number;
  readonly sha256Matches?: boolean;
  /** Media type sniffed from the bytes' magic numbers. */
  readonly detectedType?: string | null;
  readonly location?: LocationCheck;
  readonly time?: TimeCheck;
  /** The evidence of this case that first had identical bytes. */
  readonly duplicateOf?: string;
}

/**
 * One piece of evidence. Created `pending` when the upload URL is issued; the verifier moves it to
 * `verified` or `rejected` from the stored bytes, the expiry job to `expired` when no bytes came.
 */
export interface EvidenceRecord {
  readonly id: string;
  readonly officeId: string;
  readonly caseId: string;
  readonly kind: EvidenceKind;
  readonly sessionId?: string;
  /** The session's site, copied at request time: what a site supervisor's visibility is decided on. */
  readonly siteId?: string;
  /** As the uploader named it; never part of the object key or of a URL. */
  readonly fileName: string;
  readonly contentType: EvidenceContentType;
  readonly sizeBytes: number;
  /** Declared SHA-256, lower-case hex. */
  readonly sha256: string;
  readonly capturedAt?: string;
  readonly location?: { readonly lat: number; readonly lng: number; readonly accuracyMeters?: number };
  readonly status: EvidenceStatus;
  readonly rejectionReason?: RejectionReason;
  readonly checks: EvidenceChecks;
  readonly warnings: readonly EvidenceWarning[];
  /** `evidence/<officeId>/<caseId>/<id>-<random>`: unguessable, no personal data. Never returned by the API. */
  readonly objectKey: string;
  /** The S3 version the verdict is about (versioned buckets); downloads are pinned to it. */
  readonly objectVersionId?: string;
  /**
   * `thumbnails/<officeId>/<caseId>/<id>.jpg`: the gallery's small JPEG of verified image evidence, set
   * by the verifier after the verdict. Never returned by the API (a short-lived URL is).
   */
  readonly thumbnailKey?: string;
  /** Verified image evidence that cannot have a thumbnail (HEIC, or bytes the codec cannot read). */
  readonly thumbnail?: 'unavailable';
  readonly uploadedBy: string;
  /** When the upload URL stops working. */
  readonly uploadUrlExpiresAt: string;
  readonly decidedAt?: string;
  readonly decidedBy?: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface EvidenceListFilter {
  readonly status?: EvidenceStatus;
  readonly sessionId?: string;
  /** A site supervisor's sites: only evidence of sessions at these sites. */
  readonly siteIds?: readonly string[];
}

/** The record changed since it was read (another verifier run, the expiry job). */
export class StaleEvidence extends Error {}
/** Another evidence of the case claimed these bytes first, between the read and the write. */
export class HashClaimed extends Error {}

/** The few session fields evidence checks need. */
export interface SessionForEvidence {
  readonly id: string;
  readonly caseId: string;
  readonly siteId: string;
  readonly date: string;
  readonly startTime: string;
  readonly endTime: string;
}

const NOT_DECIDED = ['pending', 'expired'] as const;

/**
 * Evidence records, in the case partition:
 *
 * ```
 * pk O#<office>#CASE#<caseId>   sk EVIDENCE#<ulid>          the record (type 'evidence')
 * gsi1pk O#<office>#CASE#<caseId>#EVIDENCE#<status>         gsi1sk <ulid>   (by status)
 * gsi2pk O#<office>#SESSION#<sessionId>#EVIDENCE            gsi2sk <ulid>   (by session, when attached)
 * duepk  O#<office>#EVIDENCE#PENDING                        duesk <createdAt>#<caseId>#<ulid> (only while pending)
 * pk O#<office>#CASE#<caseId>   sk EVIDENCE-SHA256#<hex>    the first verified evidence with these bytes
 * ```
 *
 * Every state change is one transaction: the record (under a version condition), its audit entry in the
 * case timeline and, for the first verified copy of some bytes, the hash item. Nothing is ever deleted.
 */
export class EvidenceStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(record: EvidenceRecord, actor: Actor): Promise<void> {
    await transact(this.db, [
      {
        Put: {
          TableName: this.tableName,
          Item: evidenceItem(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      this.audit(record, 'evidence.request-upload', undefined, actor),
    ]);
  }

  async get(officeId: string, caseId: string, evidenceId: string): Promise<EvidenceRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.evidence(officeId, caseId, evidenceId),
        ConsistentRead: true,
      }),
    );
    return Item ? toEvidence(Item) : undefined;
  }

  /**
   * Newest first. One Query: on gsi1 for a status, on gsi2 for a session, else on the case partition;
   * the other filters (and a supervisor's sites) apply to the page, so a page may be short.
   */
  async list(
    officeId: string,
    caseId: string,
    filter: EvidenceListFilter,
    page: { limit: number; startKey?: Record<string, unknown> },
  ): Promise<{ items: EvidenceRecord[]; lastKey?: Record<string, unknown> }> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const filters: string[] = [];
    let index: string | undefined;
    let keyCondition: string;
    if (filter.sessionId) {
      index = 'gsi2';
      keyCondition = 'gsi2pk = :pk';
      values[':pk'] = keys.sessionEvidence(officeId, filter.sessionId);
      filters.push('caseId = :case');
      values[':case'] = caseId;
      if (filter.status) {
        filters.push('#status = :status');
        names['#status'] = 'status';
        values[':status'] = filter.status;
      }
    } else if (filter.status) {
      index = 'gsi1';
      keyCondition = 'gsi1pk = :pk';
      values[':pk'] = keys.caseEvidenceByStatus(officeId, caseId, filter.status);
    } else {
      keyCondition = 'pk = :pk AND begins_with(sk, :prefix)';
      values[':pk'] = keys.casePartition(officeId, caseId);
      values[':prefix'] = keys.evidencePrefix;
    }
    if (filter.siteIds) {
      const ids = filter.siteIds.length > 0 ? filter.siteIds : ['-'];
      ids.forEach((id, i) => (values[`:site${i}`] = id));
      filters.push(`siteId IN (${ids.map((_, i) => `:site${i}`).join(', ')})`);
    }
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...(index ? { IndexName: index } : {}),
        KeyConditionExpression: keyCondition,
        ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return { items: (result.Items ?? []).map(toEvidence), lastKey: result.LastEvaluatedKey };
  }

  /** A session of the case, or undefined. */
  async getSession(
    officeId: string,
    caseId: string,
    sessionId: string,
  ): Promise<SessionForEvidence | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: keys.casePartition(officeId, caseId), sk: sessionSortKey(sessionId) },
        ProjectionExpression: 'id, caseId, siteId, #date, startTime, endTime',
        ExpressionAttributeNames: { '#date': 'date' },
      }),
    );
    if (!Item || Item.caseId !== caseId) return undefined;
    return {
      id: String(Item.id),
      caseId: String(Item.caseId),
      siteId: String(Item.siteId),
      date: String(Item.date),
      startTime: String(Item.startTime),
      endTime: String(Item.endTime),
    };
  }

  /** The evidence of the case that was first verified with these bytes, if any. */
  async hashOwner(officeId: string, caseId: string, sha256: string): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.evidenceHash(officeId, caseId, sha256),
        ConsistentRead: true,
      }),
    );
    return Item ? String(Item.evidenceId) : undefined;
  }

  /**
   * Records a verdict (verified, rejected or expired) on a record that is still undecided and unchanged
   * since `before` was read. `claimHash` also records this evidence as the first with its bytes.
   * @throws StaleEvidence when the record changed; HashClaimed when another evidence claimed the bytes.
   */
  async decide(
    before: EvidenceRecord,
    after: EvidenceRecord,
    actor: Actor & { action: string },
    options: { claimHash?: boolean } = {},
  ): Promise<void> {
    const names: Record<string, string> = { '#status': 'status', '#version': 'version' };
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: evidenceItem(after),
          ConditionExpression: '#version = :expected AND #status IN (:s0, :s1)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':expected': before.version,
            ':s0': NOT_DECIDED[0],
            ':s1': NOT_DECIDED[1],
          },
        },
      },
      this.audit(after, actor.action, before, actor),
    ];
    if (options.claimHash) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.evidenceHash(after.officeId, after.caseId, after.sha256),
            type: 'evidence-hash',
            evidenceId: after.id,
            at: actor.at.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    try {
      await transact(this.db, items);
    } catch (error) {
      if (error instanceof ConditionFailed) throw error.index === 0 ? new StaleEvidence() : new HashClaimed();
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
  async pendingBefore(
    officeId: string,
    cutoff: string,
    page: { limit: number; startKey?: Record<string, unknown> },
  ): Promise<{ items: EvidenceRecord[]; lastKey?: Record<string, unknown> }> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'due',
        KeyConditionExpression: 'duepk = :pk AND duesk < :cutoff',
        ExpressionAttributeValues: { ':pk': keys.pendingEvidence(officeId), ':cutoff': cutoff },
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return { items: (result.Items ?? []).map(toEvidence), lastKey: result.LastEvaluatedKey };
  }

  /** Every office id of the deployment (the directory's `OFFICES` listing on gsi1): a few dozen at most. */
  async officeIds(): Promise<string[]> {
    const ids: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': 'OFFICES' },
          ProjectionExpression: 'gsi1sk',
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? []) {
        const id = /#OFFICE#(.+)$/.exec(String(item.gsi1sk))?.[1];
        if (id) ids.push(id);
      }
      startKey = result.LastEvaluatedKey;
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

  /** The audit entry of a state change, in the case timeline. */
  private audit(
    after: EvidenceRecord,
    action: string,
    before: EvidenceRecord | undefined,
    actor: Actor,
  ): TransactItem {
    const view = (r: EvidenceRecord | undefined) => {
      if (!r) return undefined;
      // Only what a reader of the timeline needs; the object key and file name stay out of the trail.
      return {
        evidence: {
          id: r.id,
          kind: r.kind,
          status: r.status,
          ...(r.rejectionReason ? { rejectionReason: r.rejectionReason } : {}),
          ...(r.sessionId ? { sessionId: r.sessionId } : {}),
          contentType: r.contentType,
          sizeBytes: r.sizeBytes,
          sha256: r.sha256,
          warnings: r.warnings.map((w) => w.rule),
        },
      } as Record<string, unknown>;
    };
    const changes: FieldChange[] = fieldChanges(view(before), view(after));
    return {
      Put: {
        TableName: this.tableName,
        Item: auditItem({
          officeId: after.officeId,
          actor: actor.actor,
          at: actor.at,
          action,
          subject: { type: 'case', id: after.caseId },
          changes,
          ...(actor.reason ? { reason: actor.reason } : {}),
        }),
      },
    };
  }
}

/** The stored item: the record plus the index keys derived from it. */
function evidenceItem(record: EvidenceRecord): Record<string, unknown> {
  return {
    ...keys.evidence(record.officeId, record.caseId, record.id),
    type: 'evidence',
    ...record,
    gsi1pk: keys.caseEvidenceByStatus(record.officeId, record.caseId, record.status),
    gsi1sk: record.id,
    ...(record.sessionId
      ? { gsi2pk: keys.sessionEvidence(record.officeId, record.sessionId), gsi2sk: record.id }
      : {}),
    ...(record.status === 'pending'
      ? {
          duepk: keys.pendingEvidence(record.officeId),
          duesk: `${record.createdAt}#${record.caseId}#${record.id}`,
        }
      : {}),
  };
}

function toEvidence(item: Record<string, unknown>): EvidenceRecord {
  return { checks: {}, warnings: [], ...withoutKeys(item) } as unknown as EvidenceRecord;
}
