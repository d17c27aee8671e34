import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  maskContact,
  settlesFrom,
  type DeliveryOutcome,
  type ReminderChannel,
  type ReminderKind,
  type ReminderRecipient,
} from '../domain';
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

/**
 * What a send ended in: the provider's id (`delivered` where the channel saw the recipient's server take
 * it, as local mode's capture does), or why nothing went out.
 */
export type ReminderOutcome =
  | { readonly status: 'sent' | 'delivered'; readonly providerMessageId: string }
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
  outcome.status === 'failed'
    ? { reason: outcome.reason.slice(0, 200) }
    : { providerMessageId: outcome.providerMessageId };

/** One log item by its table key: what a delivery report settles (opaque to the use cases). */
export interface LoggedItem {
  readonly pk: string;
  readonly sk: string;
}

/**
 * What a delivery report refers to: the message's tags (office, case, kind, day) and the provider's id.
 * Without `date` (a message sent before the tag existed) the search covers the kind's items.
 */
export interface ProviderReference {
  readonly officeId: string;
  readonly caseId?: string;
  readonly kind: ReminderKind;
  readonly date?: string;
  readonly providerMessageId: string;
}

/** A reminder the provider's id was recorded on: its item, its status, and its per-case copies. */
export interface SentReminder {
  readonly item: LoggedItem;
  readonly status: ReminderStatus;
  readonly copies: readonly LoggedItem[];
}

/** Pages read at most when the day is unknown (each up to 1 MB, some 3,000 log items of one kind). */
const MAX_SEARCH_PAGES = 3;

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

  /**
   * Records what the send of a claimed reminder ended in. `copies` (an office-level email's per-case
   * copies, written before) are kept on the item, so a delivery report that finds it settles them too.
   */
  async mark(
    key: ReminderKey,
    outcome: ReminderOutcome,
    at: Date,
    copies: readonly ReminderKey[] = [],
  ): Promise<void> {
    const fields = {
      ...outcomeFields(outcome),
      ...(copies.length > 0 && { copies: copies.map(itemKey) }),
    };
    const names = Object.keys(fields);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: itemKey(key),
        UpdateExpression: `SET #status = :status, #at = :at, ${names.map((n) => `#${n} = :${n}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: {
          '#status': 'status',
          '#at': 'at',
          ...Object.fromEntries(names.map((n) => [`#${n}`, n])),
        },
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

  /**
   * The reminder a provider's delivery report is about, by the message's tags and the provider's id,
   * without reading the table whole or a new index: the tags name the partition (the case's, or `O#<office>#REMINDERS`
   * for an office-level email) and the sort key prefix (`REMINDER#<kind>#<date>#`, a day's few items of
   * that kind), and a filter keeps the item whose recorded `providerMessageId` is the report's. One
   * Query; without the day, up to MAX_SEARCH_PAGES of the kind's items. A sparse index keyed by the
   * provider id would find it in one exact read, at the cost of an index every log item writes to.
   */
  async findSent(ref: ProviderReference): Promise<SentReminder | undefined> {
    const prefix = `${PREFIX}${ref.kind}#${ref.date ? `${ref.date}#` : ''}`;
    let startKey: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          FilterExpression: 'providerMessageId = :id',
          ProjectionExpression: 'pk, sk, #status, copies',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pk': partitionOf(ref),
            ':prefix': prefix,
            ':id': ref.providerMessageId,
          },
          ...(startKey && { ExclusiveStartKey: startKey }),
        }),
      );
      const found = result.Items?.[0];
      if (found) {
        return {
          item: { pk: String(found.pk), sk: String(found.sk) },
          status: found.status as ReminderStatus,
          copies: ((found.copies ?? []) as LoggedItem[]).map(({ pk, sk }) => ({ pk, sk })),
        };
      }
      startKey = result.LastEvaluatedKey;
      if (!startKey) return undefined;
    }
    return undefined;
  }

  /**
   * Records a delivery report's outcome on the items (a reminder and its copies), each by one update
   * conditioned on the provider's id and on a status the outcome may follow (domain `settlesFrom`:
   * sent → delivered, sent or delivered → failed): a late or repeated report never moves a failed
   * reminder back, nor a delivered one to sent. Returns how many items changed.
   */
  async settle(
    items: readonly LoggedItem[],
    providerMessageId: string,
    outcome: DeliveryOutcome,
    at: Date,
  ): Promise<number> {
    const from = settlesFrom(outcome.status);
    const changed = await Promise.all(
      items.map(async (item) => {
        try {
          await this.db.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { pk: item.pk, sk: item.sk },
              UpdateExpression: `SET #status = :status, #at = :at${outcome.status === 'failed' ? ', #reason = :reason' : ''}`,
              ConditionExpression: `providerMessageId = :id AND #status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
              ExpressionAttributeNames: {
                '#status': 'status',
                '#at': 'at',
                ...(outcome.status === 'failed' && { '#reason': 'reason' }),
              },
              ExpressionAttributeValues: {
                ':status': outcome.status,
                ':at': at.toISOString(),
                ':id': providerMessageId,
                ...Object.fromEntries(from.map((status, i) => [`:from${i}`, status])),
                ...(outcome.status === 'failed' && { ':reason': outcome.reason.slice(0, 200) }),
              },
            }),
          );
          return 1;
        } catch (error) {
          if ((error as Error).name === 'ConditionalCheckFailedException') return 0;
          throw error;
        }
      }),
    );
    return changed.reduce((sum: number, n) => sum + n, 0);
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
