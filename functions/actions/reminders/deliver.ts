import type { Office, ReminderChannel } from '../../domain';
import type { OfficeMember } from '../../store/user-store';
import type { ReminderKey, ReminderOutcome } from '../../store/reminder-log';
import type { MessageChannel, OutgoingMessage } from './message-channel';
import { EMPTY_REPORT, type ReminderReport, type ReminderWorkerPorts } from './worker-ports';

/**
 * One reminder to send: where it goes and what it says, or why it cannot go (`unsendable`: no SMS, no
 * phone, no channel), which is logged as failed, never silently skipped.
 */
export type Delivery =
  | {
      readonly channel: ReminderChannel;
      readonly via: MessageChannel;
      readonly to: string;
      readonly message: Omit<OutgoingMessage, 'to'>;
    }
  | { readonly channel: ReminderChannel; readonly to?: string; readonly unsendable: string };

const reportOf = (outcome: ReminderOutcome | undefined): ReminderReport =>
  !outcome
    ? { ...EMPTY_REPORT, skipped: 1 }
    : outcome.status === 'failed'
      ? { ...EMPTY_REPORT, failed: 1 }
      : { ...EMPTY_REPORT, sent: 1 };

/**
 * Claim → channel → mark (ADR 0014): the reminder is claimed first, so a retried or overlapping run
 * never sends it twice; then sent, and its outcome recorded. A channel that throws fails this reminder
 * only. The reason kept is the error's name: a provider's message may quote the address it refused.
 * `copies` are the cases an office-level email names: each gets the outcome in its own log, written
 * before the reminder's own outcome, which keeps them and the provider's id: a delivery report finds
 * the reminder by that id (record-delivery.ts), so it never comes before its copies exist.
 * The message's tags get the key's day, which narrows that search to one day's items.
 */
export async function deliver(
  ports: Pick<ReminderWorkerPorts, 'reminders' | 'now'>,
  key: ReminderKey,
  delivery: Delivery,
  copies: readonly ReminderKey[] = [],
): Promise<ReminderReport> {
  if (!(await ports.reminders.claim(key, delivery.channel, delivery.to, ports.now()))) {
    return reportOf(undefined);
  }
  let outcome: ReminderOutcome;
  if ('unsendable' in delivery) {
    outcome = { status: 'failed', reason: delivery.unsendable };
  } else {
    try {
      const sent = await delivery.via.send({
        ...delivery.message,
        to: delivery.to,
        tags: { ...delivery.message.tags, date: key.date },
      });
      outcome = { status: sent.delivered ? 'delivered' : 'sent', providerMessageId: sent.providerMessageId };
    } catch (error) {
      outcome = { status: 'failed', reason: `channel error: ${(error as Error).name || 'Error'}` };
    }
  }
  if (copies.length > 0) {
    await ports.reminders.record(copies, delivery.channel, delivery.to, outcome, ports.now());
  }
  await ports.reminders.mark(key, outcome, ports.now(), copies);
  return reportOf(outcome);
}

/** An email to a staff member, or why it cannot go. */
export const emailTo = (
  ports: Pick<ReminderWorkerPorts, 'messaging'>,
  member: Pick<OfficeMember, 'email'> | undefined,
  message: Omit<OutgoingMessage, 'to'>,
): Delivery =>
  !ports.messaging.email
    ? { channel: 'email', unsendable: 'no email channel' }
    : member?.email
      ? { channel: 'email', via: ports.messaging.email, to: member.email, message }
      : { channel: 'email', unsendable: member ? 'no email' : 'not a member of the office' };

/** The office's active members by username: every page of its people (usually one). */
export async function membersOf(
  ports: Pick<ReminderWorkerPorts, 'users'>,
  officeId: string,
): Promise<Map<string, OfficeMember>> {
  const members = new Map<string, OfficeMember>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ports.users.list(officeId, { limit: 100, startKey });
    for (const m of page.items) if (m.status === 'active') members.set(m.username, m);
    startKey = page.lastKey;
  } while (startKey);
  return members;
}

/** The names of the office's sites among `siteIds` (one BatchGet per 100). */
export async function siteNamesOf(
  ports: Pick<ReminderWorkerPorts, 'sites'>,
  officeId: string,
  siteIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(siteIds)];
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 100) {
    const page = await ports.sites.listAmong(officeId, ids.slice(i, i + 100), { limit: 100 });
    for (const site of page.items) names.set(site.id, site.name);
  }
  return names;
}

/** Tags for the provider and the local outbox: ids only. */
export const tagsOf = (office: Pick<Office, 'id'>, kind: string, caseId?: string) => ({
  officeId: office.id,
  kind,
  ...(caseId ? { caseId } : {}),
});
