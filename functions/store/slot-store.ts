import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { RECORDING_STATUSES, type SlotStatus } from '../domain';
import { auditItem, type FieldChange } from './audit';
import { CasePartitionStore } from './case-partition';
import type { CaseRecord } from './case-store';
import { keys, withoutKeys } from './keys';
import { WriteConflict } from './optimistic';
import { ConditionFailed, transact, type TransactItem } from './transactions';
import type { Actor } from './user-store';

/** An accepted slot of a case (ADR 0014): one per case per day. Times are office-local. */
export interface SlotRecord {
  readonly caseId: string;
  readonly clientId: string;
  readonly siteId: string;
  readonly date: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly minutes: number;
  readonly status: SlotStatus;
  /** The session that fulfilled it (set by the session's own write). */
  readonly sessionId?: string;
  readonly scheduledBy: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Places taken at each site, per date: `{ '2026-05-12': { '<siteId>': 3 } }`. */
export type SiteLoad = Record<string, Record<string, number>>;

/** One schedule write: the window's scheduled slots `before` (as read) become `after`. */
export interface ScheduleWrite {
  /** The case as read: the write is conditioned on its version and on a status that takes sessions. */
  readonly case: CaseRecord;
  readonly from: string;
  readonly until: string;
  readonly before: readonly SlotRecord[];
  readonly after: readonly SlotRecord[];
  /** Clients per day of each site a new slot names: no date's count may pass it. */
  readonly capacity: Readonly<Record<string, number>>;
  readonly actor: Actor;
}

/** Slots released per transaction: each takes its delete and its day's load update, plus one audit entry. */
const RELEASE_CHUNK = 45;

/** A site's load counter on a load item (`s_<siteId>`). */
const counter = (siteId: string) => `s_${siteId}`;
const COUNTER_PREFIX = 's_';

/**
 * Scheduled slots, in the case partition (`SLOT#<date>`), listed per office day on gsi1
 * (`O#<office>#SLOTS` / `<date>#<siteId>#<startTime>#<caseId>`) and per client on gsi2
 * (`O#<office>#CLIENT#<client>#SLOTS` / `<date>#<caseId>`), with one load item per office day
 * (`O#<office>#SLOTLOAD` / `<date>`) counting the places they take at each site.
 *
 * A schedule write is one transaction: the slots put or deleted (each conditioned on the version read,
 * so a slot fulfilled meanwhile is never overwritten), one Update per date moving the sites' counters
 * (an increase conditioned on the count staying within the site's capacity, so two PKs accepting at once
 * can never overbook a day), a condition on the case, and the audit entry `case.schedule`.
 */
export class SlotStore extends CasePartitionStore {
  /** Every slot of the case, in date order (one Query, paged internally; strongly consistent). */
  async ofCase(officeId: string, caseId: string): Promise<SlotRecord[]> {
    return this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.casePartition(officeId, caseId), ':prefix': keys.slotPrefix },
      ConsistentRead: true,
    });
  }

  /**
   * The office's slots of one day, by site, then start, then case (gsi1); only those at `siteIds` when
   * given (one site narrows the key condition, several filter the day).
   */
  async ofOfficeDay(officeId: string, date: string, siteIds?: readonly string[]): Promise<SlotRecord[]> {
    const only = siteIds?.length === 1 ? siteIds[0] : undefined;
    const slots = await this.queryAll({
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :day)',
      ExpressionAttributeValues: {
        ':pk': keys.officeSlots(officeId),
        ':day': only ? `${date}#${only}#` : `${date}#`,
      },
    });
    return siteIds ? slots.filter((s) => siteIds.includes(s.siteId)) : slots;
  }

  /** The office's slots from `from` to `until` (both included), by date, site, start (gsi1). */
  async ofOfficeRange(officeId: string, from: string, until: string): Promise<SlotRecord[]> {
    return this.queryAll({
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :until',
      ExpressionAttributeValues: {
        ':pk': keys.officeSlots(officeId),
        ':from': `${from}#`,
        ':until': `${until}$`,
      },
    });
  }

  /** One client's slots over all their cases from `from` to `until`, by date (gsi2). */
  async ofClient(officeId: string, clientId: string, from: string, until: string): Promise<SlotRecord[]> {
    return this.queryAll({
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :until',
      ExpressionAttributeValues: {
        ':pk': keys.clientSlots(officeId, clientId),
        ':from': `${from}#`,
        ':until': `${until}$`,
      },
    });
  }

  /**
   * The places scheduled slots take at each site on each date from `from` to `until` (one Query on the
   * load partition; dates and sites without any are absent). `consistent` for a write's decision.
   */
  async loadBetween(
    officeId: string,
    from: string,
    until: string,
    options: { consistent?: boolean } = {},
  ): Promise<SiteLoad> {
    const items = await this.queryItems({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :until',
      ExpressionAttributeValues: { ':pk': keys.slotLoadPartition(officeId), ':from': from, ':until': until },
      ...(options.consistent ? { ConsistentRead: true } : {}),
    });
    const load: SiteLoad = {};
    for (const item of items) {
      const sites: Record<string, number> = {};
      for (const [name, value] of Object.entries(item)) {
        if (name.startsWith(COUNTER_PREFIX) && Number(value) > 0) {
          sites[name.slice(COUNTER_PREFIX.length)] = Number(value);
        }
      }
      load[String(item.sk)] = sites;
    }
    return load;
  }

  /**
   * Replaces the window's scheduled slots: `before` (as read, version-checked) by `after`, merged per
   * date into one put or delete, with the load items, the case condition and the audit entry in one
   * transaction (at most 42 dates: ≤ 86 items). Throws `WriteConflict` on `case` (the case moved or no
   * longer takes sessions), `slot` (a slot changed, e.g. was fulfilled) or `load` (a site filled up).
   */
  async replace(write: ScheduleWrite): Promise<void> {
    const officeId = write.case.officeId;
    const before = new Map(write.before.map((s) => [s.date, s]));
    const after = new Map(write.after.map((s) => [s.date, s]));
    const dates = [...new Set([...before.keys(), ...after.keys()])].sort();
    const slotItems: TransactItem[] = [];
    const loadItems: TransactItem[] = [];
    const changes: FieldChange[] = [];
    for (const date of dates) {
      const old = before.get(date);
      const next = after.get(date);
      if (old && next && sameSlot(old, next)) continue;
      slotItems.push(this.slotItem(officeId, old, next));
      changes.push({ field: `slots.${date}`, before: summary(old), after: summary(next) });
      const load = this.loadItem(officeId, date, old?.siteId, next?.siteId, write.capacity);
      if (load) loadItems.push(load);
    }
    if (slotItems.length === 0) return;
    const items: TransactItem[] = [
      ...slotItems,
      ...loadItems,
      this.caseCondition(write.case),
      {
        Put: {
          TableName: this.tableName,
          Item: auditItem({
            officeId,
            actor: write.actor.actor,
            at: write.actor.at,
            action: 'case.schedule',
            subject: { type: 'case', id: write.case.id },
            changes: [{ field: 'window', before: null, after: `${write.from}..${write.until}` }, ...changes],
          }),
        },
      },
    ];
    try {
      await transact(this.db, items);
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      const on =
        error.index < slotItems.length
          ? 'slot'
          : error.index < slotItems.length + loadItems.length
            ? 'load'
            : 'case';
      throw new WriteConflict(on);
    }
  }

  /**
   * Deletes `slots` (scheduled, as read) and gives their places back, with the audit entry
   * `case.schedule` of `actor`: the slots of a case that no longer takes sessions, or outside its
   * placements. No condition on the case: a release only ever frees places. In transactions of at
   * most 45 slots (a slot and its day's load each); returns how many were released, stopping at the
   * first chunk whose slots changed meanwhile (the change that moved them re-plans the case).
   */
  async release(record: CaseRecord, slots: readonly SlotRecord[], actor: Actor): Promise<number> {
    let released = 0;
    for (let i = 0; i < slots.length; i += RELEASE_CHUNK) {
      const chunk = slots.slice(i, i + RELEASE_CHUNK);
      const items: TransactItem[] = chunk.flatMap((slot) => [
        this.slotItem(record.officeId, slot, undefined),
        this.loadItem(record.officeId, slot.date, slot.siteId, undefined, {})!,
      ]);
      items.push({
        Put: {
          TableName: this.tableName,
          Item: auditItem({
            officeId: record.officeId,
            actor: actor.actor,
            at: actor.at,
            action: 'case.schedule',
            subject: { type: 'case', id: record.id },
            changes: chunk.map((slot) => ({
              field: `slots.${slot.date}`,
              before: summary(slot),
              after: null,
            })),
          }),
        },
      });
      try {
        await transact(this.db, items);
      } catch (error) {
        if (error instanceof ConditionFailed) return released;
        throw error;
      }
      released += chunk.length;
    }
    return released;
  }

  /** The put (new or changed) or delete of one date's slot, conditioned on what was read. */
  private slotItem(
    officeId: string,
    old: SlotRecord | undefined,
    next: SlotRecord | undefined,
  ): TransactItem {
    const read = old
      ? {
          ConditionExpression: 'version = :v AND #status = :scheduled',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':v': old.version, ':scheduled': 'scheduled' },
        }
      : { ConditionExpression: 'attribute_not_exists(pk)' };
    if (next) return { Put: { TableName: this.tableName, Item: slotItem(officeId, next), ...read } };
    return {
      Delete: { TableName: this.tableName, Key: keys.slot(officeId, old!.caseId, old!.date), ...read },
    };
  }

  /**
   * One date's load item: the old slot's site gives its place back, the new one's takes one, on
   * condition that it has one left (`attribute_not_exists(#n) OR #n <= :capacity − 1`). None when the
   * site did not change.
   */
  private loadItem(
    officeId: string,
    date: string,
    from: string | undefined,
    to: string | undefined,
    capacity: Readonly<Record<string, number>>,
  ): TransactItem | undefined {
    if (from === to) return undefined;
    const names: Record<string, string> = {};
    const values: Record<string, number> = {};
    const adds: string[] = [];
    let condition: string | undefined;
    if (from) {
      names['#from'] = counter(from);
      values[':minus'] = -1;
      adds.push('#from :minus');
    }
    if (to) {
      names['#to'] = counter(to);
      values[':one'] = 1;
      const below = (capacity[to] ?? 0) - 1;
      // A site with no place at all: the decision refuses it first; never write past it here either.
      if (below < 0) throw new WriteConflict('load');
      values[':below'] = below;
      adds.push('#to :one');
      condition = 'attribute_not_exists(#to) OR #to <= :below';
    }
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.slotLoad(officeId, date),
        UpdateExpression: `ADD ${adds.join(', ')}`,
        ...(condition ? { ConditionExpression: condition } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /** The case still has the version read and still takes sessions (CR-CASE-STATUS). */
  private caseCondition(record: CaseRecord): TransactItem {
    const values: Record<string, unknown> = { ':v': record.version };
    RECORDING_STATUSES.forEach((status, i) => (values[`:s${i}`] = status));
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: keys.caseRecord(record.officeId, record.id),
        ConditionExpression: `version = :v AND #status IN (${RECORDING_STATUSES.map((_, i) => `:s${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      },
    };
  }

  private async queryAll(input: QueryCommandInput): Promise<SlotRecord[]> {
    return (await this.queryItems(input)).map(toSlot);
  }

  /** Every page of one Query: a day or a window is a bounded number of small items. */
  private async queryItems(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

const sameSlot = (a: SlotRecord, b: SlotRecord) =>
  a.siteId === b.siteId && a.startTime === b.startTime && a.endTime === b.endTime && a.status === b.status;

/** What the audit entry keeps of a slot: where and when, nothing about the person. */
const summary = (slot: SlotRecord | undefined) =>
  slot ? { siteId: slot.siteId, startTime: slot.startTime, endTime: slot.endTime } : null;

/** The stored item: the record and its listing keys. */
function slotItem(officeId: string, slot: SlotRecord): Record<string, unknown> {
  return {
    ...keys.slot(officeId, slot.caseId, slot.date),
    type: 'slot',
    ...slot,
    gsi1pk: keys.officeSlots(officeId),
    gsi1sk: keys.officeSlotSort(slot.date, slot.siteId, slot.startTime, slot.caseId),
    gsi2pk: keys.clientSlots(officeId, slot.clientId),
    gsi2sk: keys.clientSlotSort(slot.date, slot.caseId),
  };
}

function toSlot(item: Record<string, unknown>): SlotRecord {
  return withoutKeys(item) as unknown as SlotRecord;
}
