import { createHash } from 'node:crypto';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { maskNikToSerial, type LawfulBasis } from '../domain';
import { auditItem, fieldChanges, newId } from './audit';
import { batchGetIn } from './batch-get';
import { getItem } from './read-ahead';
import { keys, withoutKeys } from './keys';
import { WriteConflict } from './optimistic';
import { ConditionFailed, transact, type TransactItem } from './transactions';
import type { Actor } from './user-store';

export interface Guardian {
  readonly name: string;
  readonly relation: string;
  readonly phone?: string;
}

/** A client (Klien Pemasyarakatan, or Anak for a child). Criminal-record data: specific personal data. */
export interface ClientRecord {
  readonly id: string;
  readonly officeId: string;
  readonly fullName: string;
  readonly nik: string;
  readonly birthDate: string;
  readonly sex: 'M' | 'F';
  readonly address: string;
  readonly phone?: string;
  readonly guardian?: Guardian;
  /** Set when the client is not to get SMS reminders (ADR 0014); absent means SMS are sent. */
  readonly smsPreference?: SmsPreference;
  /** Why the office may process this person's data (UU 27/2022 Pasal 20(2)); absent: the default. */
  readonly lawfulBasis?: LawfulBasis;
  /**
   * Every case of the client, oldest first, appended in the transaction that registers a case (absent
   * on clients whose cases all predate it). A subject's export and the retention job read it.
   */
  readonly caseIds?: readonly string[];
  /**
   * Set, once and for good, when a case is registered for an offence committed before the client was
   * 18 (or on the children's track): the child's protections follow the age at the offence, not today's.
   */
  readonly childAtOffence?: { readonly caseId: string; readonly offenceDate?: string };
  /**
   * Set by the retention job when the client's period ended (ADR 0020): the item then keeps only id,
   * sex, birth year, caseIds and this instant, and `get` treats the client as gone.
   */
  readonly anonymisedAt?: string;
  readonly version: number;
  readonly createdAt: string;
}

/** Whether the client gets SMS reminders, why not, and who said so when. */
export interface SmsPreference {
  readonly noSms: boolean;
  /** Required with `noSms` (a shared phone, a request of the client, a number not theirs). */
  readonly reason?: string;
  readonly setBy: string;
  readonly setAt: string;
}

export type NewClient = Omit<
  ClientRecord,
  'id' | 'officeId' | 'version' | 'createdAt' | 'caseIds' | 'childAtOffence'
>;

/** The office already has a client with this NIK (its uniqueness guard item exists). */
export class DuplicateNik extends Error {}

/** The NIK is masked wherever the audit trail copies it (CL-NIK-MASK: its serial only). */
const auditMask = { nik: (value: unknown) => maskNikToSerial(String(value)) };

/**
 * Clients of one office. A NIK can belong to one client per office: a guard item keyed by the NIK's
 * hash is written in the same transaction, so two officers registering the same person at once
 * cannot create a duplicate.
 */
export class ClientStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Registers a client; throws `DuplicateNik` when the office already has one with this NIK. */
  async register(officeId: string, input: NewClient, actor: Actor): Promise<ClientRecord> {
    const record: ClientRecord = {
      ...input,
      id: newId(actor.at),
      officeId,
      version: 1,
      createdAt: actor.at.toISOString(),
    };
    try {
      await transact(this.db, [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.nikGuard(officeId, nikHash(input.nik)), clientId: record.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: { TableName: this.tableName, Item: this.item(record) },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: auditItem({
              officeId,
              ...actor,
              action: 'client.create',
              subject: { type: 'client', id: record.id },
              changes: fieldChanges(undefined, record as unknown as Record<string, unknown>, {
                mask: auditMask,
                ignore: ['version', 'officeId', 'createdAt', 'id'],
              }),
            }),
          },
        },
      ]);
    } catch (error) {
      if (error instanceof ConditionFailed && error.index === 0) throw new DuplicateNik();
      throw error;
    }
    return record;
  }

  /**
   * A correction (UU 27/2022 Pasal 30): the client as `next` if still at `current.version`, its audit
   * entry with the reason, a moved NIK guard when the NIK changed, and the name copied onto each of the
   * client's cases (they show it in lists), in one transaction. Throws `WriteConflict` when the client
   * moved meanwhile and `DuplicateNik` when another client has the new NIK.
   */
  async correct(
    current: ClientRecord,
    next: ClientRecord,
    actor: Actor & { reason: string },
  ): Promise<ClientRecord> {
    const saved: ClientRecord = { ...next, version: current.version + 1 };
    const { officeId } = current;
    const nikMoved = current.nik !== saved.nik;
    const renamed = current.fullName !== saved.fullName;
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: this.item(saved),
          ...unchangedSince(current),
        },
      },
      ...(nikMoved
        ? [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.nikGuard(officeId, nikHash(saved.nik)), clientId: saved.id },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Delete: { TableName: this.tableName, Key: keys.nikGuard(officeId, nikHash(current.nik)) } },
          ]
        : []),
      {
        Put: {
          TableName: this.tableName,
          Item: auditItem({
            officeId,
            ...actor,
            action: 'client.correct',
            subject: { type: 'client', id: saved.id },
            changes: fieldChanges(current as never, saved as never, {
              mask: auditMask,
              ignore: ['version', 'officeId', 'createdAt', 'id', 'caseIds', 'childAtOffence'],
            }),
          }),
        },
      },
      ...(renamed
        ? (saved.caseIds ?? []).map((caseId) => this.renameOnCase(officeId, caseId, saved.fullName))
        : []),
    ];
    try {
      await transact(this.db, items);
    } catch (error) {
      if (error instanceof ConditionFailed && error.index === 0) throw new WriteConflict('client');
      if (error instanceof ConditionFailed && nikMoved && error.index === 1) throw new DuplicateNik();
      throw error;
    }
    return saved;
  }

  /** A case's copy of its client's name, with a new version: the case as read before has changed. */
  private renameOnCase(officeId: string, caseId: string, fullName: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.caseRecord(officeId, caseId),
        UpdateExpression: 'SET clientName = :name ADD version :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':name': fullName, ':one': 1 },
      },
    };
  }

  /** The stored item of a client: its record, key and name listing. */
  item(record: ClientRecord): Record<string, unknown> {
    return {
      ...keys.client(record.officeId, record.id),
      ...keys.clientListing(record.officeId, record.fullName, record.id),
      type: 'client',
      ...record,
    };
  }

  async get(officeId: string, clientId: string): Promise<ClientRecord | undefined> {
    const item = await getItem(this.db, this.tableName, keys.client(officeId, clientId));
    // An anonymised client (retention, ADR 0020) keeps only ids and statistics: gone, for every reader.
    return item && !item.anonymisedAt ? toClient(item) : undefined;
  }

  /** Clients by id (the reminders' recipients): one BatchGet per 100, eventually consistent. */
  async getMany(officeId: string, clientIds: readonly string[]): Promise<ClientRecord[]> {
    const ids = [...new Set(clientIds)];
    const found: ClientRecord[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      const keysOf = ids.slice(i, i + 100).map((id) => keys.client(officeId, id));
      found.push(...(await batchGetIn(this.db, this.tableName, keysOf, { consistent: false })).map(toClient));
    }
    return found;
  }

  /**
   * Records whether the client gets SMS reminders, with its audit entry, in one transaction; a new
   * version of the client (its answer changes). Resolves undefined when there is no such client.
   */
  async setSmsPreference(
    officeId: string,
    current: Pick<ClientRecord, 'id' | 'smsPreference'>,
    preference: SmsPreference,
    actor: Actor,
  ): Promise<SmsPreference | undefined> {
    try {
      await transact(this.db, [
        {
          Update: {
            TableName: this.tableName,
            Key: keys.client(officeId, current.id),
            UpdateExpression: 'SET smsPreference = :preference ADD version :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':preference': preference, ':one': 1 },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: auditItem({
              officeId,
              ...actor,
              action: 'client.sms-preference',
              subject: { type: 'client', id: current.id },
              changes: fieldChanges(
                { smsPreference: current.smsPreference ?? {} },
                { smsPreference: { noSms: preference.noSms, reason: preference.reason } },
                { ignore: ['smsPreference.setBy', 'smsPreference.setAt'] },
              ),
            }),
          },
        },
      ]);
      return preference;
    } catch (error) {
      if (error instanceof ConditionFailed && error.index === 0) return undefined;
      throw error;
    }
  }

  /** By name prefix (case-insensitive) or all, in name order; one Query. */
  async list(
    officeId: string,
    page: { limit: number; startKey?: Record<string, unknown>; namePrefix?: string },
  ): Promise<{ items: ClientRecord[]; lastKey?: Record<string, unknown> }> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: page.namePrefix
          ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)'
          : 'gsi1pk = :pk',
        ExpressionAttributeValues: {
          ':pk': keys.clientListing(officeId, '', '').gsi1pk,
          ...(page.namePrefix ? { ':prefix': page.namePrefix.toLowerCase() } : {}),
        },
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return { items: (result.Items ?? []).map(toClient), lastKey: result.LastEvaluatedKey };
  }

  /**
   * Every unmasked read of a NIK leaves an audit entry: who, when, why and which client. The entry sits
   * in the client's trail and, through gsi2, in the office's list of reveals (`AuditStore.nikReveals`),
   * so one Put files it in both and one Query lists them, newest first. It keeps the client's name
   * as it was, so the list needs no read per row.
   */
  async recordNikReveal(
    officeId: string,
    client: Pick<ClientRecord, 'id' | 'fullName'>,
    actor: Actor & { reason: string },
  ): Promise<void> {
    const entry = auditItem({
      officeId,
      ...actor,
      action: 'client.reveal-nik',
      subject: { type: 'client', id: client.id },
      changes: [],
    });
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...entry,
          ...keys.nikReveal(officeId, String(entry.at), String(entry.id)),
          clientName: client.fullName,
        },
      }),
    );
  }
}

/**
 * The transaction item that appends a newly registered case to its client's `caseIds`; a case for an
 * offence as a child marks the client (`childAtOffence`), never overwriting an earlier mark. Conditioned
 * on the client existing, so a case can never name a client that is gone.
 */
export function addCaseToClient(
  tableName: string,
  record: {
    readonly id: string;
    readonly officeId: string;
    readonly clientId: string;
    readonly decision: { readonly offenceDate?: string };
  },
  childAtOffence: boolean,
): TransactItem {
  const { offenceDate } = record.decision;
  const mark = offenceDate ? { caseId: record.id, offenceDate } : { caseId: record.id };
  const appendCase = 'caseIds = list_append(if_not_exists(caseIds, :none), :case)';
  return {
    Update: {
      TableName: tableName,
      Key: keys.client(record.officeId, record.clientId),
      UpdateExpression: childAtOffence
        ? `SET ${appendCase}, childAtOffence = if_not_exists(childAtOffence, :mark)`
        : `SET ${appendCase}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':none': [],
        ':case': [record.id],
        ...(childAtOffence ? { ':mark': mark } : {}),
      },
    },
  };
}

/**
 * The condition of a whole-item write decided on `current`: the same version, and the same case list
 * and child mark, which a case's registration changes without a new version (`addCaseToClient`), so a
 * correction read before a registration can never drop the new case.
 */
function unchangedSince(current: ClientRecord) {
  const cases = current.caseIds ? 'caseIds = :cases' : 'attribute_not_exists(caseIds)';
  const mark = current.childAtOffence ? '' : ' AND attribute_not_exists(childAtOffence)';
  return {
    ConditionExpression: `version = :expected AND ${cases}${mark}`,
    ExpressionAttributeValues: {
      ':expected': current.version,
      ...(current.caseIds ? { ':cases': current.caseIds } : {}),
    },
  };
}

/** One-way: the guard item must not hold a readable NIK. (The retention job deletes the guard by it.) */
export function nikHash(nik: string): string {
  return createHash('sha256').update(`abdi-nik:${nik}`).digest('hex');
}

/** The stored client without its keys; clients written before addresses and versions get the defaults. */
function toClient(item: Record<string, unknown>): ClientRecord {
  const record = withoutKeys(item) as unknown as ClientRecord;
  return { ...record, address: record.address ?? '', version: record.version ?? 1 };
}
