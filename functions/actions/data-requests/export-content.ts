/**
 * Everything Abdi holds about one client, read for their export (issue 17): the client record whole
 * (NIK unmasked: it is the subject's own data), every case of theirs (`client.caseIds`) with the records
 * of its partition, the documents issued about each case, and the audit trails of the client and of
 * each case (who read or changed what, NIK reveals included).
 *
 * Calls: per case one Query of its partition, one of its audit trail and one of its documents (each one
 * page for any real case: a partition is well under 1 MB, a trail under 1,000 entries); then one Query
 * of the client's trail. So 3 × cases + 1, whatever the office holds.
 */
import type { ExportAuditEntry, ExportCase, ExportRecord } from '../../domain/data-protection/subject-export';
import type { OfficeGrant } from '../../identity/grant';
import type { ClientRecord } from '../../store/client-store';
import type { Ports } from '../ports';
import { allPages } from '../documents/all-pages';

export type ExportPorts = Pick<Ports, 'subjectExports' | 'audit' | 'documents'>;

/** Storage details of an evidence file that say nothing about the person: left out of the copy. */
const EVIDENCE_INTERNALS = ['objectKey', 'objectVersionId', 'thumbnailKey', 'uploadUrlExpiresAt', 'officeId'];
/** A document's record without what is the store's own (its model, bucket key, register scope). */
const DOCUMENT_INTERNALS = [
  'model',
  'objectKey',
  'versionId',
  'officeId',
  'sequenceScope',
  'sequence',
  'renderer',
];

const without = (record: Readonly<Record<string, unknown>>, names: readonly string[]): ExportRecord =>
  Object.fromEntries(Object.entries(record).filter(([name]) => !names.includes(name)));

/** Reads at most 10 pages of 500: one page for any real trail. */
const AUDIT_PAGE = 500;

async function trailOf(
  ports: ExportPorts,
  officeId: string,
  subject: { type: string; id: string },
): Promise<ExportAuditEntry[]> {
  const entries = await allPages((page) =>
    ports.audit.trail(officeId, subject, { ...page, limit: AUDIT_PAGE }),
  );
  // Oldest first, as a person reads a history.
  return entries.reverse();
}

async function caseContent(
  ports: ExportPorts,
  officeId: string,
  caseId: string,
): Promise<ExportCase | undefined> {
  const [records, audit, documents] = await Promise.all([
    ports.subjectExports.casePartition(officeId, caseId),
    trailOf(ports, officeId, { type: 'case', id: caseId }),
    allPages((page) => ports.documents.list(officeId, { type: 'case', id: caseId }, page)),
  ]);
  const [record] = records.case;
  if (!record) return undefined;
  return {
    record: without(record, ['officeId']),
    assessments: records.assessment,
    placements: records.placement,
    sessions: records.session,
    warnings: records.warning,
    referrals: records.referral,
    payments: records.payment,
    evidence: records.evidence.map((item) => without(item, EVIDENCE_INTERNALS)),
    documents: documents.map((item) => without(item as unknown as ExportRecord, DOCUMENT_INTERNALS)),
    audit,
  };
}

export interface ExportContent {
  readonly client: ExportRecord;
  readonly clientAudit: readonly ExportAuditEntry[];
  readonly cases: readonly ExportCase[];
}

/** The client's records, every case of theirs and the trails, read side by side. */
export async function exportContent(
  ports: ExportPorts,
  grant: OfficeGrant,
  client: ClientRecord,
): Promise<ExportContent> {
  const officeId = grant.office.id;
  const [cases, clientAudit] = await Promise.all([
    Promise.all((client.caseIds ?? []).map((caseId) => caseContent(ports, officeId, caseId))),
    trailOf(ports, officeId, { type: 'client', id: client.id }),
  ]);
  return {
    client: without(client as unknown as ExportRecord, ['officeId']),
    clientAudit,
    cases: cases.filter((item): item is ExportCase => item !== undefined),
  };
}
