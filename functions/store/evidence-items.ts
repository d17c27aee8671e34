/**
 * How evidence is laid out in the table: the stored item with its index keys, the audit entry of a
 * state change, and the Query that lists a case's evidence. Inside the store only.
 *
 * ```
 * pk O#<office>#CASE#<caseId>   sk EVIDENCE#<ulid>          the record (type 'evidence')
 * gsi1pk O#<office>#CASE#<caseId>#EVIDENCE#<status>         gsi1sk <ulid>   (by status)
 * gsi2pk O#<office>#SESSION#<sessionId>#EVIDENCE            gsi2sk <ulid>   (by session, when attached)
 * duepk  O#<office>#EVIDENCE#PENDING                        duesk <createdAt>#<caseId>#<ulid> (only while pending)
 * pk O#<office>#CASE#<caseId>   sk EVIDENCE-SHA256#<hex>    the first verified evidence with these bytes
 * ```
 */
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { auditItem, fieldChanges } from './audit';
import type { EvidenceListFilter, EvidenceRecord } from './evidence-record';
import { keys, withoutKeys } from './keys';
import type { Actor } from './user-store';

/** The stored item: the record plus the index keys derived from it. */
export function evidenceItem(record: EvidenceRecord): Record<string, unknown> {
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

export function toEvidence(item: Record<string, unknown>): EvidenceRecord {
  return { checks: {}, warnings: [], ...withoutKeys(item) } as unknown as EvidenceRecord;
}

/** Only what a reader of the timeline needs; the object key and file name stay out of the trail. */
function timelineView(r: EvidenceRecord | undefined): Record<string, unknown> | undefined {
  if (!r) return undefined;
  return {
    evidence: {
      id: r.id,
      kind: r.kind,
      status: r.status,
      ...(r.rejectionReason ? { rejectionReason: r.rejectionReason } : {}),
      ...(r.sessionId ? { sessionId: r.sessionId } : {}),
      ...(r.recordedOffline ? { recordedOffline: true } : {}),
      contentType: r.contentType,
      sizeBytes: r.sizeBytes,
      sha256: r.sha256,
      warnings: r.warnings.map((w) => w.rule),
    },
  };
}

/** The audit entry of a state change, in the case timeline. */
export function evidenceAuditItem(
  after: EvidenceRecord,
  before: EvidenceRecord | undefined,
  actor: Actor & { action: string },
): Record<string, unknown> {
  return auditItem({
    officeId: after.officeId,
    actor: actor.actor,
    at: actor.at,
    action: actor.action,
    subject: { type: 'case', id: after.caseId },
    record: { type: 'evidence', id: after.id },
    changes: fieldChanges(timelineView(before), timelineView(after)),
    ...(actor.reason ? { reason: actor.reason } : {}),
  });
}

/**
 * The Query of a case's evidence, newest first: on gsi1 for a status, on gsi2 for a session, else on
 * the case partition; the other filters (and a supervisor's sites) apply to the page, so a page may be
 * short. Without table name, limit and start key.
 */
export function evidenceListQuery(
  officeId: string,
  caseId: string,
  filter: EvidenceListFilter,
): Omit<QueryCommandInput, 'TableName'> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  let index: string | undefined;
  let keyCondition = 'pk = :pk AND begins_with(sk, :prefix)';
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
    values[':pk'] = keys.casePartition(officeId, caseId);
    values[':prefix'] = keys.evidencePrefix;
  }
  if (filter.siteIds) {
    const ids = filter.siteIds.length > 0 ? filter.siteIds : ['-'];
    ids.forEach((id, i) => (values[`:site${i}`] = id));
    filters.push(`siteId IN (${ids.map((_, i) => `:site${i}`).join(', ')})`);
  }
  return {
    ...(index ? { IndexName: index } : {}),
    KeyConditionExpression: keyCondition,
    ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ExpressionAttributeValues: values,
    ScanIndexForward: false,
  };
}
