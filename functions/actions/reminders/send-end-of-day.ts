import { officeToday, unrecordedDayEmail, type Office } from '../../domain';
import type { CaseRecord } from '../../store/case-store';
import type { ReminderKey } from '../../store/reminder-log';
import type { SlotRecord } from '../../store/slot-store';
import { slotsDue } from './slots-due';
import { deliver, emailTo, membersOf, siteNamesOf, tagsOf } from './deliver';
import { addReports, EMPTY_REPORT, type ReminderReport, type ReminderWorkerPorts } from './worker-ports';

const KIND = 'end-of-day';

/**
 * After the day (issue 15): the office's slots of today still `scheduled` (no session fulfilled them)
 * go to each case's PK, one email per PK listing theirs, claimed under the office and logged on each
 * case. "Missed" is not stored (ADR 0014): this is what reads it. Cases that no longer take sessions
 * (referred, suspended, closed) are left out.
 */
export async function sendEndOfDay(ports: ReminderWorkerPorts, office: Office): Promise<ReminderReport> {
  const date = officeToday(office, ports.now());
  const { slots, cases: caseById } = await slotsDue(ports, office.id, date);
  if (slots.length === 0) return EMPTY_REPORT;
  const [siteNames, members] = await Promise.all([
    siteNamesOf(
      ports,
      office.id,
      slots.map((s) => s.siteId),
    ),
    membersOf(ports, office.id),
  ]);
  const byOfficer = new Map<string, { record: CaseRecord; slot: SlotRecord }[]>();
  for (const slot of slots) {
    const record = caseById.get(slot.caseId);
    if (!record) continue;
    const list = byOfficer.get(record.officerUsername) ?? [];
    list.push({ record, slot });
    byOfficer.set(record.officerUsername, list);
  }

  let report = EMPTY_REPORT;
  for (const [username, items] of byOfficer) {
    const email = unrecordedDayEmail({
      officeName: office.name,
      date,
      slots: items.map(({ record, slot }) => ({
        clientName: record.clientName,
        siteName: siteNames.get(slot.siteId) ?? '-',
        startTime: slot.startTime,
        endTime: slot.endTime,
        caseId: record.id,
      })),
    });
    const key: ReminderKey = {
      officeId: office.id,
      kind: KIND,
      date,
      recipient: 'officer',
      recipientId: username,
    };
    const copies: ReminderKey[] = items.map(({ record }) => ({ ...key, caseId: record.id }));
    const delivery = emailTo(ports, members.get(username), { ...email, tags: tagsOf(office, KIND) });
    report = addReports(report, await deliver(ports, key, delivery, copies));
  }
  return report;
}
