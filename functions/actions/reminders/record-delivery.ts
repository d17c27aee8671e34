import type { DeliveryReport } from '../../domain';
import type { ReminderLog } from '../../store/reminder-log';

/** What the delivery-report worker needs: the reminder log's search and settle, and the clock. */
export interface DeliveryReportPorts {
  readonly reminders: Pick<ReminderLog, 'findSent' | 'settle'>;
  readonly now: () => Date;
}

/**
 * What one report did: `recorded` (the reminder, and its copies, now show the outcome), `unchanged`
 * (a repeated or late report: the log already holds this outcome or a later one), `unmatched` (no
 * reminder sent with that provider id, say one of another deployment using the same tags).
 */
export type DeliveryRecording = 'recorded' | 'unchanged' | 'unmatched';

/**
 * A provider's delivery report on the reminder log (issue 15: every reminder logged as sent, delivered
 * or failed). The message's tags lead to the reminder (one Query, store `findSent`); the reminder and the
 * per-case copies of an office-level email are settled by conditional updates (store `settle`), so the
 * outcome only ever moves forward (domain `settlesFrom`). The copies are settled even when the
 * reminder itself had moved already: a report retried after a failure half-way finishes the job.
 */
export async function recordDelivery(
  ports: DeliveryReportPorts,
  report: DeliveryReport,
): Promise<DeliveryRecording> {
  const sent = await ports.reminders.findSent({
    officeId: report.officeId,
    ...(report.caseId ? { caseId: report.caseId } : {}),
    kind: report.kind,
    ...(report.date ? { date: report.date } : {}),
    providerMessageId: report.providerMessageId,
  });
  if (!sent) return 'unmatched';
  const changed = await ports.reminders.settle(
    [sent.item, ...sent.copies],
    report.providerMessageId,
    report.outcome,
    report.at ?? ports.now(),
  );
  return changed > 0 ? 'recorded' : 'unchanged';
}
