import type { CaseRecord } from './case-record';
import { keys } from './keys';

/**
 * The case's keys in the office's sparse retention listing (`due` index, issue 17): a closed case waits
 * there by closure date until the retention job has done every step. Closed cases have left the open
 * listing, so the `due` attributes are free on them.
 */
export function retentionKeys(record: CaseRecord): { duepk: string; duesk: string } | undefined {
  if (record.status !== 'closed' || !record.closedOn || record.retention?.completedAt) return undefined;
  return { duepk: keys.retentionCases(record.officeId), duesk: keys.caseByDay(record.closedOn, record.id) };
}
