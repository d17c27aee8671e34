/**
 * Sends the outbox, oldest first, when there is a signal. Each item is written back to the device
 * after every step that the API acknowledged, so a sync cut off at any point (no signal, the browser
 * closed, the phone switched off) resumes where it stood:
 *
 * - a session is sent under its item's id as `Idempotency-Key`: if the API committed it and the
 *   answer was lost, the retry gets the first answer and credits nothing twice;
 * - a photo first asks for its upload (under the item's id too), keeps the answer, then PUTs the
 *   bytes; an upload URL that expired meanwhile is asked for again under a new key (the unused record
 *   expires on its own, ADR 0012), so the same photo is never stored twice.
 *
 * A refusal for good (the PK changed the case meanwhile, a rule) marks the item refused with the
 * API's reason and reports it to the office (`POST …/offline-refusals`), so nothing recorded offline
 * disappears without a trace. The first failure that a retry may cure stops the run.
 */
import type { ApiClient } from '../../lib/api';
import { PutError, putFile } from '../../lib/evidence-put';
import { officeApi } from '../../lib/office-data';
import type { EvidenceUploadTicket, WorkSession } from '../../lib/api-types';
import type { DeviceStore } from './device-store';
import { classify } from './failures';
import { sendingOrder, type OutboxItem, type PhotoItem, type Refusal, type SessionItem } from './items';

export interface SyncPorts {
  readonly api: ApiClient;
  readonly store: DeviceStore;
  readonly put?: typeof putFile;
  readonly now?: () => Date;
}

export type SyncOutcome = 'done' | 'unreachable' | 'signed-out';

/** A photo that waits for a session the API refused cannot be sent: it is refused with it. */
const SESSION_REFUSED: Refusal = {
  status: 422,
  type: 'about:field-session-refused',
  title: 'The session this photo documents was refused',
};

/** An item that waited longer than this to go is sent as recorded offline. */
const OFFLINE_AFTER_MS = 2 * 60_000;

class StopSync extends Error {
  constructor(readonly outcome: Exclude<SyncOutcome, 'done'>) {
    super(outcome);
  }
}

export async function syncOutbox(
  ports: SyncPorts,
  owner: string,
  onChange: (item: OutboxItem) => void = () => {},
): Promise<SyncOutcome> {
  const { api, store } = ports;
  const now = () => (ports.now ?? (() => new Date()))();
  const save = async (item: OutboxItem) => {
    await store.put(item);
    onChange(item);
    return item;
  };

  /** Runs one API step; a refusal is returned, anything a retry may cure stops the run. */
  async function attempt<T>(step: () => Promise<T>): Promise<{ ok: T } | { refusal: Refusal }> {
    try {
      return { ok: await step() };
    } catch (error) {
      const failure = classify(error);
      if (failure.kind === 'refused') return { refusal: failure.refusal };
      throw new StopSync(failure.kind === 'signed-out' ? 'signed-out' : 'unreachable');
    }
  }

  async function refuse(item: OutboxItem, refusal: Refusal): Promise<OutboxItem> {
    return save({ ...item, status: 'refused', refusal, attempts: item.attempts + 1 } as OutboxItem);
  }

  /**
   * Whether the item goes with the offline mark, decided once, before its first request, and kept:
   * a retry must send the very same body, or the API refuses the key as reused (ADR 0011). Recorded
   * with no connection, or waited more than two minutes to go.
   */
  async function withOfflineDecided<T extends OutboxItem>(item: T): Promise<T> {
    if (item.offline !== undefined) return item;
    const waited = now().getTime() - Date.parse(item.recordedAt) > OFFLINE_AFTER_MS;
    return (await save({ ...item, offline: waited })) as T;
  }

  async function sendSession(waiting: SessionItem): Promise<void> {
    const item = await withOfflineDecided(waiting);
    const path = officeApi(item.officeId, `/cases/${encodeURIComponent(item.caseId)}/sessions`);
    const body = {
      ...item.body,
      ...(item.offline
        ? { offline: { recordedAt: item.recordedAt, ...(item.location ? { location: item.location } : {}) } }
        : {}),
    };
    const result = await attempt(() => api.post<WorkSession>(path, body, { idempotencyKey: item.id }));
    if ('refusal' in result) return void (await refuse(item, result.refusal));
    await save({
      ...item,
      status: 'sent',
      sentAt: now().toISOString(),
      sessionId: result.ok.id,
      attempts: item.attempts + 1,
    });
  }

  async function sendPhoto(waiting: PhotoItem): Promise<void> {
    const item = await withOfflineDecided(waiting);
    let sessionId = item.sessionId;
    if (!sessionId && item.sessionItemId) {
      const session = await store.item(item.sessionItemId);
      if (session?.status === 'refused') return void (await refuse(item, SESSION_REFUSED));
      if (session?.kind === 'session') sessionId = session.sessionId;
      if (!sessionId) throw new StopSync('unreachable'); // its session has not gone yet
    }
    const path = officeApi(item.officeId, `/cases/${encodeURIComponent(item.caseId)}/evidence`);
    let current = item;
    if (!current.ticket || Date.parse(current.ticket.expiresAt) - now().getTime() < 30_000) {
      // The first request goes under the item's id; after an expired URL, under a new key.
      const key = current.ticket ? `${item.id}.${current.attempts}` : item.id;
      const body = {
        kind: 'photo' as const,
        fileName: item.fileName,
        contentType: item.contentType,
        sizeBytes: item.sizeBytes,
        sha256: item.sha256,
        ...(sessionId ? { sessionId } : {}),
        capturedAt: item.recordedAt,
        ...(item.location ? { location: item.location } : {}),
        ...(item.offline ? { recordedOffline: true } : {}),
      };
      const result = await attempt(() => api.post<EvidenceUploadTicket>(path, body, { idempotencyKey: key }));
      if ('refusal' in result) return void (await refuse(item, result.refusal));
      const { id, upload } = result.ok;
      current = (await save({
        ...current,
        ...(sessionId ? { sessionId } : {}),
        ticket: {
          key,
          evidenceId: id,
          url: upload.url,
          headers: upload.headers,
          expiresAt: upload.expiresAt,
        },
      })) as PhotoItem;
    }
    const ticket = current.ticket!;
    try {
      await (ports.put ?? putFile)(ticket.url, ticket.headers, item.photo, () => {});
    } catch (error) {
      // A refused URL (expired, or the clock was off): a new one next time, under a new key.
      if (error instanceof PutError && error.status === 403) {
        const expired = { ...ticket, expiresAt: new Date(0).toISOString() };
        await save({ ...current, attempts: current.attempts + 1, ticket: expired });
      }
      throw new StopSync('unreachable');
    }
    // The bytes are in the evidence store: the device keeps the record, not the photo.
    await save({
      ...current,
      status: 'sent',
      sentAt: now().toISOString(),
      evidenceId: ticket.evidenceId,
      photo: new Blob([]),
      attempts: current.attempts + 1,
    });
  }

  /** Tells the office about a refusal, once (under a key of its own). */
  async function report(item: OutboxItem): Promise<void> {
    const body = {
      caseId: item.caseId,
      kind: item.kind === 'session' ? 'session' : 'evidence',
      recordedAt: item.recordedAt,
      siteId: item.siteId,
      record:
        item.kind === 'session'
          ? {
              date: item.body.date,
              startTime: item.body.startTime,
              endTime: item.body.endTime,
              outcome: item.body.outcome,
              ...(item.body.notes ? { notes: item.body.notes } : {}),
            }
          : { fileName: item.fileName, sha256: item.sha256, capturedAt: item.recordedAt },
      refusal: item.refusal,
    };
    const result = await attempt(() =>
      api.post(officeApi(item.officeId, '/offline-refusals'), body, { idempotencyKey: `${item.id}.refusal` }),
    );
    // A report the API refuses stays visible on the device (false), and is not sent again and again.
    await save({ ...item, refusalReported: !('refusal' in result) });
  }

  try {
    for (const item of sendingOrder(await store.items(owner))) {
      if (item.kind === 'session') await sendSession(item);
      else await sendPhoto(item);
    }
    for (const item of await store.items(owner)) {
      if (item.status === 'refused' && item.refusalReported === undefined) await report(item);
    }
    await store.markSynced(owner, now().toISOString());
    return 'done';
  } catch (error) {
    if (!(error instanceof StopSync)) throw error;
    return error.outcome;
  }
}
