import {
  addDays,
  composeClientSms,
  mobileE164,
  officeToday,
  smsGreetingName,
  supervisorDayEmail,
  type Office,
} from '../../domain';
import type { ClientRecord } from '../../store/client-store';
import type { ReminderKey } from '../../store/reminder-log';
import type { SlotRecord } from '../../store/slot-store';
import type { OfficeMember } from '../../store/user-store';
import { slotsDue } from './slots-due';
import { deliver, emailTo, membersOf, siteNamesOf, tagsOf, type Delivery } from './deliver';
import { addReports, EMPTY_REPORT, type ReminderReport, type ReminderWorkerPorts } from './worker-ports';

const KIND = 'day-before';

/**
 * Who the SMS of a slot goes to: the client, or for a child's case (pelayanan masyarakat) the guardian
 * (wali) when the record has their phone, since the family brings the child to the site.
 */
function smsContact(client: ClientRecord, child: boolean) {
  const guardian = child ? client.guardian : undefined;
  return guardian?.phone
    ? {
        phone: guardian.phone,
        greetingName: smsGreetingName(guardian.name),
        childName: smsGreetingName(client.fullName),
      }
    : { phone: client.phone, greetingName: smsGreetingName(client.fullName) };
}

/**
 * Why a client's SMS cannot go, or undefined when it can: no SMS asked for (with a reason, set by the
 * PK), no phone, a phone that is not a mobile number (REMINDER-SMS-MOBILE), or a deployment without an
 * SMS channel.
 */
function smsBlocker(
  ports: Pick<ReminderWorkerPorts, 'messaging'>,
  client: ClientRecord | undefined,
  phone: string | undefined,
) {
  if (!client) return 'client not found';
  if (client.smsPreference?.noSms) return 'no SMS';
  if (!phone) return 'no phone';
  if (!mobileE164(phone)) return 'not a mobile number';
  if (!ports.messaging.sms) return 'no SMS channel';
  return undefined;
}

/** The client's SMS of one slot (REMINDER-SMS-NO-PII: composed from the narrow facts only). */
function clientSms(
  ports: Pick<ReminderWorkerPorts, 'messaging'>,
  office: Office,
  slot: SlotRecord,
  client: ClientRecord | undefined,
  siteName: string,
  child: boolean,
): Delivery {
  const contact = client && smsContact(client, child);
  const blocker = smsBlocker(ports, client, contact?.phone);
  if (blocker || !contact?.phone || !ports.messaging.sms) {
    return { channel: 'sms', to: contact?.phone, unsendable: blocker ?? 'no SMS channel' };
  }
  const { phone, ...greeting } = contact;
  const text = composeClientSms({
    ...greeting,
    siteName,
    officeName: office.name,
    date: slot.date,
    startTime: slot.startTime,
    endTime: slot.endTime,
  });
  return {
    channel: 'sms',
    via: ports.messaging.sms,
    to: mobileE164(phone)!,
    message: { text, tags: tagsOf(office, KIND, slot.caseId) },
  };
}

/** Supervisors of `siteId`: the office's active members with the role and the site. */
const supervisorsOf = (members: ReadonlyMap<string, OfficeMember>, siteId: string) =>
  [...members.values()].filter((m) => m.roles.includes('supervisor') && m.siteIds.includes(siteId));

/**
 * The day before each scheduled slot (issue 15): one SMS to the client, and one email per supervisor
 * of each site listing that site's clients of the day. Reads: tomorrow's slots (one Query), their
 * clients and sites (BatchGets) and the office's people (one Query, or a few pages); then per reminder
 * a claim, a send and a mark. A supervisor's email is claimed under the office (it names many cases),
 * and each case it names logs it; a site without a supervisor is logged on its cases as failed.
 */
export async function sendDayBefore(ports: ReminderWorkerPorts, office: Office): Promise<ReminderReport> {
  const date = addDays(officeToday(office, ports.now()), 1);
  const { slots, cases: working } = await slotsDue(ports, office.id, date);
  if (slots.length === 0) return EMPTY_REPORT;
  const [clients, siteNames, members] = await Promise.all([
    ports.clients.getMany(
      office.id,
      slots.map((s) => s.clientId),
    ),
    siteNamesOf(
      ports,
      office.id,
      slots.map((s) => s.siteId),
    ),
    membersOf(ports, office.id),
  ]);
  const clientById = new Map(clients.map((c) => [c.id, c]));
  const siteName = (siteId: string) => siteNames.get(siteId) ?? 'lokasi kerja';
  let report = EMPTY_REPORT;

  for (const slot of slots) {
    const key: ReminderKey = {
      officeId: office.id,
      caseId: slot.caseId,
      kind: KIND,
      date,
      recipient: 'client',
    };
    const client = clientById.get(slot.clientId);
    report = addReports(
      report,
      await deliver(
        ports,
        key,
        clientSms(
          ports,
          office,
          slot,
          client,
          siteName(slot.siteId),
          working.get(slot.caseId)?.sentence.kind === 'pelayanan_masyarakat',
        ),
      ),
    );
  }

  const bySite = new Map<string, SlotRecord[]>();
  for (const slot of slots) bySite.set(slot.siteId, [...(bySite.get(slot.siteId) ?? []), slot]);
  for (const [siteId, siteSlots] of bySite) {
    const copies = (recipientId?: string): ReminderKey[] =>
      siteSlots.map((s) => ({
        officeId: office.id,
        caseId: s.caseId,
        kind: KIND,
        date,
        recipient: 'supervisor',
        ...(recipientId ? { recipientId } : {}),
      }));
    const supervisors = supervisorsOf(members, siteId);
    if (supervisors.length === 0) {
      const outcome = { status: 'failed', reason: 'no supervisor for the site' } as const;
      await ports.reminders.record(copies(), 'email', undefined, outcome, ports.now());
      report = addReports(report, { ...EMPTY_REPORT, failed: 1 });
      continue;
    }
    const email = supervisorDayEmail({
      officeName: office.name,
      siteName: siteName(siteId),
      date,
      slots: siteSlots.map((s) => ({
        clientName: clientById.get(s.clientId)?.fullName ?? '-',
        startTime: s.startTime,
        endTime: s.endTime,
      })),
    });
    for (const supervisor of supervisors) {
      const key: ReminderKey = {
        officeId: office.id,
        kind: KIND,
        date,
        recipient: 'supervisor',
        recipientId: `${supervisor.username}#${siteId}`,
      };
      const delivery = emailTo(ports, supervisor, { ...email, tags: tagsOf(office, KIND) });
      report = addReports(report, await deliver(ports, key, delivery, copies(supervisor.username)));
    }
  }
  return report;
}
