/**
 * The outbox as reactive state for the field app's screen: what waits, what went, what was refused,
 * when the last sync succeeded, and whether there is a signal. Recording always goes through here,
 * online or not (write to the device first, then send), so a bad signal and a good one take the same
 * path and a reload in between loses nothing.
 *
 * It sends when the signal returns (`online`), when something is recorded, every 30 seconds while
 * anything waits, and when the supervisor asks; `online` shows what the last try found.
 */
import type { ApiClient } from '../../lib/api';
import { sha256Hex } from '../../lib/evidence-hash';
import { currentPosition, type GeoFix } from '../../lib/evidence-location';
import type { CreateSessionBody, SessionOutcome } from '../../lib/api-types';
import type { FieldClient } from '../day/field-day';
import { storageUse, type DeviceStore } from './device-store';
import {
  countItems,
  keptAfterCleanUp,
  photoFits,
  type OutboxItem,
  type PhotoItem,
  type SessionItem,
} from './items';
import type { SyncOutcome } from './sync';

const RETRY_MS = 30_000;
const isoAt = (ms: number) => new Date(ms).toISOString();
const isoNow = () => isoAt(Date.now());
/** Recording never waits long for a GPS fix. */
const LOCATE_MS = 4_000;

export class PhotoTooLarge extends Error {
  override readonly name = 'PhotoTooLarge';
}

export class FieldOutbox {
  items = $state<OutboxItem[]>([]);
  lastSyncAt = $state<string | undefined>(undefined);
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  syncing = $state(false);
  /** The last sync stopped on a 401 (or there is no token): sending waits for a new sign-in. */
  signedOut = $state(false);
  storage = $state<{ usage: number; quota: number } | undefined>(undefined);
  readonly counts = $derived(countItems(this.items));

  readonly #store: DeviceStore;
  readonly #api: ApiClient;
  readonly #owner: string;
  readonly #officeId: string;
  readonly #locate: (timeoutMs: number) => Promise<GeoFix | undefined>;
  #running: Promise<SyncOutcome> | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #onOnline = () => {
    this.online = true;
    void this.sync();
  };
  readonly #onOffline = () => (this.online = false);

  constructor(options: {
    store: DeviceStore;
    api: ApiClient;
    owner: string;
    officeId: string;
    canSend: boolean;
    locate?: (timeoutMs: number) => Promise<GeoFix | undefined>;
  }) {
    this.#store = options.store;
    this.#api = options.api;
    this.#owner = options.owner;
    this.#officeId = options.officeId;
    this.signedOut = !options.canSend;
    this.#locate = options.locate ?? currentPosition;
  }

  /** Reads the device's outbox, drops yesterday's sent items, and starts listening for a signal. */
  async start(today: string, timeZone: string): Promise<void> {
    const all = await this.#store.items(this.#owner);
    const kept = keptAfterCleanUp(all, today, timeZone);
    await this.#store.remove(all.filter((item) => !kept.includes(item)).map((item) => item.id));
    this.items = kept;
    this.lastSyncAt = await this.#store.lastSyncAt(this.#owner);
    void this.#measure();
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    this.#timer = setInterval(() => {
      // Tried whatever `online` says: a phone can report a network it cannot reach, or miss the
      // event when the signal returns. A try with no signal fails at once.
      if (this.#hasWork()) void this.sync();
    }, RETRY_MS);
    // Nothing to send (a first visit above all): the sync code is not even downloaded.
    if (this.#hasWork()) void this.sync();
  }

  /** Something waits, or a refusal has not reached the office yet. */
  #hasWork(): boolean {
    return this.items.some(
      (item) =>
        item.status === 'waiting' || (item.status === 'refused' && item.refusalReported === undefined),
    );
  }

  stop(): void {
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
    clearInterval(this.#timer);
  }

  /** Records one attendance on the device, with the device's time and position, then tries to send. */
  async recordSession(
    client: FieldClient,
    body: CreateSessionBody & { outcome: SessionOutcome },
  ): Promise<SessionItem> {
    const offline = !navigator.onLine;
    const base = this.#newItem(client, isoNow(), offline, await this.#locate(LOCATE_MS));
    const item: SessionItem = { ...base, kind: 'session', body };
    await this.#add(item);
    return item;
  }

  /**
   * Keeps a photo for a session (sent, or still in this outbox) with the moment it was taken, its
   * SHA-256 and the position, so the API's checks (EXIF, geofence, hash) hold however late it goes.
   * @throws PhotoTooLarge when the outbox already holds as many photos as the device may keep.
   */
  async addPhoto(
    client: FieldClient,
    file: File,
    session: { sessionId?: string; sessionItemId?: string },
  ): Promise<PhotoItem> {
    if (!photoFits(this.items, file.size)) throw new PhotoTooLarge();
    // A camera's file is dated when the photo was taken; EXIF, when present, is read by the API.
    const recordedAt = isoAt(file.lastModified || Date.now());
    const offline = !navigator.onLine;
    const [sha256, location] = await Promise.all([sha256Hex(file), this.#locate(LOCATE_MS)]);
    const item: PhotoItem = {
      ...this.#newItem(client, recordedAt, offline, location),
      kind: 'photo',
      photo: file,
      fileName: file.name || 'foto.jpg',
      contentType: file.type || 'image/jpeg',
      sizeBytes: file.size,
      sha256,
      ...(session.sessionId ? { sessionId: session.sessionId } : {}),
      ...(session.sessionItemId ? { sessionItemId: session.sessionItemId } : {}),
    };
    await this.#add(item);
    return item;
  }

  /** What every new item starts with: whose, where, when, and waiting with no try yet. */
  #newItem(client: FieldClient, recordedAt: string, offline: boolean, location: GeoFix | undefined) {
    return {
      id: crypto.randomUUID(),
      owner: this.#owner,
      officeId: this.#officeId,
      caseId: client.caseId,
      siteId: client.siteId,
      clientName: client.clientName,
      recordedAt,
      ...(location ? { location } : {}),
      // Undefined when recorded with a signal: the sync decides before the first request (sync.ts).
      ...(offline ? { offline } : {}),
      status: 'waiting' as const,
      attempts: 0,
    };
  }

  /** Sends what waits; one run at a time (a second call joins the running one). */
  sync(): Promise<SyncOutcome> {
    if (this.signedOut) return Promise.resolve('signed-out');
    this.#running ??= this.#run().finally(() => (this.#running = null));
    return this.#running;
  }

  async #run(): Promise<SyncOutcome> {
    this.syncing = true;
    try {
      // Loaded on the first send, not with the page: the first visit downloads only what it shows.
      const { syncOutbox } = await import('./sync');
      const outcome = await syncOutbox({ api: this.#api, store: this.#store }, this.#owner, (changed) => {
        this.items = this.items.map((item) => (item.id === changed.id ? changed : item));
      });
      if (outcome === 'signed-out') this.signedOut = true;
      // What the API answered says more than `navigator.onLine`, which only knows of a network.
      this.online = outcome !== 'unreachable';
      if (outcome === 'done') this.lastSyncAt = await this.#store.lastSyncAt(this.#owner);
      return outcome;
    } finally {
      this.syncing = false;
      void this.#measure();
    }
  }

  async #add(item: OutboxItem): Promise<void> {
    await this.#store.put(item);
    this.items = [...this.items, item];
    void this.#measure();
    if (navigator.onLine) void this.sync();
  }

  async #measure(): Promise<void> {
    this.storage = await storageUse();
  }
}
