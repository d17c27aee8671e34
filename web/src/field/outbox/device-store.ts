/**
 * What the field app keeps on the device, in IndexedDB (through `idb`): the outbox, the day's data
 * for offline use, and when the last sync succeeded. IndexedDB survives a reload, closing the browser
 * and a restart; `navigator.storage.persist()` asks the browser not to evict it under pressure.
 *
 * The day's data holds clients' names: it is kept for the day only (clarification "Client photos")
 * and a new day, or signing out, removes the old one.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FieldDay } from '../day/field-day';
import type { OutboxItem } from './items';

interface FieldDb extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { owner: string } };
  days: { key: string; value: FieldDay & { readonly key: string } };
  meta: { key: string; value: { readonly owner: string; readonly lastSyncAt: string } };
}

export interface DeviceStore {
  items(owner: string): Promise<OutboxItem[]>;
  item(id: string): Promise<OutboxItem | undefined>;
  put(item: OutboxItem): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  day(owner: string, date: string): Promise<FieldDay | undefined>;
  /** Stores the day and removes the owner's other days. */
  saveDay(day: FieldDay): Promise<void>;
  lastSyncAt(owner: string): Promise<string | undefined>;
  markSynced(owner: string, at: string): Promise<void>;
}

const DB_NAME = 'abdi-field';

export async function openDeviceStore(name = DB_NAME): Promise<DeviceStore> {
  const db: IDBPDatabase<FieldDb> = await openDB<FieldDb>(name, 1, {
    upgrade(database) {
      database.createObjectStore('outbox', { keyPath: 'id' }).createIndex('owner', 'owner');
      database.createObjectStore('days', { keyPath: 'key' });
      database.createObjectStore('meta', { keyPath: 'owner' });
    },
  });
  void navigator.storage?.persist?.().catch(() => false);
  const dayKey = (owner: string, date: string) => `${owner}|${date}`;
  return {
    items: (owner) => db.getAllFromIndex('outbox', 'owner', owner),
    item: (id) => db.get('outbox', id),
    put: async (item) => {
      await db.put('outbox', item);
    },
    remove: async (ids) => {
      const tx = db.transaction('outbox', 'readwrite');
      await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
    },
    day: async (owner, date) => db.get('days', dayKey(owner, date)),
    saveDay: async (day) => {
      const tx = db.transaction('days', 'readwrite');
      const key = dayKey(day.owner, day.date);
      for (const existing of await tx.store.getAllKeys()) {
        if (existing.startsWith(`${day.owner}|`) && existing !== key) await tx.store.delete(existing);
      }
      await tx.store.put({ ...day, key });
      await tx.done;
    },
    lastSyncAt: async (owner) => (await db.get('meta', owner))?.lastSyncAt,
    markSynced: async (owner, at) => {
      await db.put('meta', { owner, lastSyncAt: at });
    },
  };
}

/** How much this site stores on the device, and how much it may, when the browser says. */
export async function storageUse(): Promise<{ usage: number; quota: number } | undefined> {
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  if (!estimate?.usage || !estimate.quota) return undefined;
  return { usage: estimate.usage, quota: estimate.quota };
}
