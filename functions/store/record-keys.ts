import { caseOfRecord } from './case-partition';
import { breachKeys } from './breach-store';
import { keys } from './keys';
import { sessionSortKey } from './session-store';
import { referralKey } from './warning-store';
import { SubjectExportStore } from './subject-export-store';
import { SubjectRequestStore } from './subject-request-store';
import { OfflineRefusalStore } from './offline-refusal-store';
import { deliveryLogKey } from './webhook-deliveries';
import { webhookKey } from './webhook-subscriptions';

/**
 * The keys of the records a route reads first, named by what they are, for the guard's one-round-trip
 * read-ahead (ADR 0011). Routes name records; only the store knows how they are keyed.
 */
export const recordKeys = {
  case: keys.caseRecord,
  client: keys.client,
  partner: keys.partner,
  site: keys.site,
  evidence: keys.evidence,
  webhook: webhookKey,
  /** An office of the deployment (a breach names the offices it touched). */
  office: keys.office,
  /** A breach (global: it may name several offices) and one office's copy of it. */
  breach: breachKeys.breach,
  breachCopy: breachKeys.copy,
  webhookDelivery: deliveryLogKey,
  /** A session by its id alone (`<caseId>-<ULID>`), in its case's partition. */
  session: (officeId: string, sessionId: string) => ({
    pk: keys.casePartition(officeId, caseOfRecord(sessionId) ?? ''),
    sk: sessionSortKey(sessionId),
  }),
  /** The case of a record of its own (a session, a placement), by the record's id alone. */
  /** A referral by its id alone (`<caseId>-<ULID>`), in its case's partition. */
  referral: (officeId: string, referralId: string) =>
    referralKey(officeId, caseOfRecord(referralId) ?? '', referralId),
  /** A data subject's request in the office's log (issue 17). */
  dataRequest: SubjectRequestStore.key,
  /** A subject's export (its record; the files are in the exports bucket). */
  subjectExport: SubjectExportStore.key,
  /** A refused offline record kept for the PK, by its id alone (`<caseId>-<ULID>`; ADR 0024). */
  offlineRefusal: OfflineRefusalStore.key,
  caseOfRecord: (officeId: string, recordId: string) =>
    keys.caseRecord(officeId, caseOfRecord(recordId) ?? ''),
};

export type RecordKeys = typeof recordKeys;
