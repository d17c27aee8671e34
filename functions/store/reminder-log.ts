import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { maskContact, type ReminderChannel, type ReminderKind, type ReminderRecipient } from '../domain';
import { keys } from './keys';
import { transact } from './transactions';

/**
 * One reminder to one recipient, as it is claimed and logged. `caseId` puts it in the case's
 * partition (what the case's reminder log lists); without one it lives under the office
 * (`O#<office>#REMINDERS`): the emails that gather many cases (a supervisor's day, a PK's unrecorded
 * sessions, the weekly digest) are claimed there once, and each case they name gets its own copy
 * (`record`). `recipientId` tells apart recipients of the same kind (two supervisors of one site, the
 * office's admins): a username, never a contact.
 */
export interface ReminderKey {
  readonly officeId: string;
  readonly caseId?: string;
  readonly kind: ReminderKind;
  /** The day the reminder is about (the slot's date, the alert's day, the digest's Monday). */
  readonly date: string;
  readonly recipient: ReminderRecipient;
  readonly recipientId?: string;
}

export type ReminderStatus = 'claimed' | 'sent' | 'delivered' | 'failed';

/** What a send ended in: the provider's id, or why nothing went out. */
export type ReminderOutcome =
  | { readonly status: 'sent'; readonly providerMessageId: string }
  | { readonly status: 'failed'; readonly reason: string };

/** A reminder as the log holds it. `to` is masked (`+62812****789`, `b***@palopo.go.id`) or absent. */
export interface ReminderEntry extends ReminderKey {
  readonly channel: ReminderChannel;
  readonly to?: string;
  readonly status: ReminderStatus;
  readonly reason?: string;
  readonly providerMessageId?: string;
  readonly claimedAt: string;
  /** When it reached its status. */
  readonly at: string;
}

const PREFIX = 'REMINDER#';

/** `REMINDER#<kind>#<date>#<recipient>[#<recipientId>]`: one reminder per recipient and day. */
export const reminderSortKey = (key: Omit<ReminderKey, 'officeId' | 'caseId'>) =>
  `${PREFIX}${key.kind}#${key.date}#${key.recipient}${key.recipientId ? `#${key.recipientId}` : ''}`;

const partitionOf = (key: Pick<ReminderKey, 'officeId' | 'caseId'>) =>
  key.caseId ? keys.casePartition(key.officeId, key.caseId) : `O#${key.officeId}#REMINDERS`;

const itemKey = (key: ReminderKey) => ({ pk: partitionOf(key), sk: reminderSortKey(key) });

/** The stored item: the contact masked here, so no caller can store it in full by mistake. */
const itemOf = (
  key: ReminderKey,
  channel: ReminderChannel,
  to: string | undefined,
  fields: Record<string, unknown>,
) => ({
  ...itemKey(key),
  type: 'reminder',
  officeId: key.officeId,
  ...(key.caseId ? { caseId: key.caseId } : {}),
  kind: key.kind,
  date: key.date,
  recipient: key.recipient,
  ...(key.recipientId ? { recipientId: key.recipientId } : {}),
  channel,
  ...(to ? { to: maskContact(to) } : {}),
  ...fields,
});

const outcomeFields = (outcome: ReminderOutcome) =>
  outcome.status === 'sent'
    ? { providerMessageId: outcome.providerMessageId }
    : { reason: outcome.reason.slice(0, 200) };

/**
 * The reminder log (ADR 0014). Every reminder is claimed before it is sent by a conditional put of its
 * log item, so a retried or overlapping run of a job never sends it twice (at most once: a run that
 * stops between claim and send leaves it `claimed`, and it is not sent again); the item then records
 * sent or failed.
 */
export class ReminderLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Claims the reminder; false when it was claimed before (by this run, an earlier one or a parallel one). */
  async claim(
    key: ReminderKey,
    channel: ReminderChannel,
    to: string | undefined,
    at: Date,
  ): Promise<boolean> {
    const instant = at.toISOString();
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: itemOf(key, channel, to, { status: 'claimed', claimedAt: instant, at: instant }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Records what the send of a claimed reminder ended in. */
  async mark(key: ReminderKey, outcome: ReminderOutcome, at: Date): Promise<void> {
    const fields = outcomeFields(outcome);
    const names = Object.keys(fields);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: itemKey(key),
        UpdateExpression: `SET #status = :status, #at = :at, ${names.map((n) => `${n} = :${n}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status', '#at': 'at' },
        ExpressionAttributeValues: {
          ':status': outcome.status,
          ':at': at.toISOString(),
          ...Object.fromEntries(Object.entries(fields).map(([n, v]) => [`:${n}`, v])),
        },
      }),
    );
  }

  /**
   * Each case's copy of an email claimed under the office (see `ReminderKey`), with its outcome, so the
   * case's log shows it. Unconditioned puts: the office's claim already made the send happen once.
   */
  async record(
    copies: readonly ReminderKey[],
    channel: ReminderChannel,
    to: string | undefined,
    outcome: ReminderOutcome,
    at: Date,
  ): Promise<void> {
    const instant = at.toISOString();
    const items = copies.map((key) =>
      itemOf(key, channel, to, {
        status: outcome.status,
        claimedAt: instant,
        at: instant,
        ...outcomeFields(outcome),
      }),
    );
    // One transaction per 100 copies: all of a batch land or none (a retried run writes them again).
    for (let i = 0; i < items.length; i += 100) {
      await transact(
        this.db,
        items.slice(i, i + 100).map((Item) => ({ Put: { TableName: this.tableName, Item } })),
      );
    }
  }

  /** The case's reminders, newest first: one Query. */
  async ofCase(officeId: string, caseId: string): Promise<ReminderEntry[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.casePartition(officeId, caseId), ':prefix': PREFIX },
      }),
    );
    return (result.Items ?? [])
      .map(toEntry)
      .sort((a, b) => b.at.localeCompare(a.at) || b.date.localeCompare(a.date));
  }
}

function toEntry(item: Record<string, unknown>): ReminderEntry {
  const { pk: _pk, sk: _sk, type: _type, ...entry } = item;
  return entry as unknown as ReminderEntry;
}
