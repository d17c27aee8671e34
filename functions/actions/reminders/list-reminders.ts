import type { OfficeGrant } from '../../identity/grant';
import type { ReminderEntry } from '../../store/reminder-log';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';

export type { ReminderEntry } from '../../store/reminder-log';

/** A case's reminder log, newest first (one Query after the case); not-found for a case not visible. */
export async function listCaseReminders(
  ports: Pick<Ports, 'cases' | 'reminders'>,
  grant: OfficeGrant,
  caseId: string,
): Promise<ReminderEntry[]> {
  const record = await loadVisibleCase(ports, grant, caseId);
  return ports.reminders.ofCase(grant.office.id, record.id);
}
