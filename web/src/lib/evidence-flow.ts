/**
 * One evidence upload, step by step, as state a screen can show on a slow line (made reactive by
 * `createEvidenceUpload` in `evidence-upload.svelte.ts`):
 *
 *   hashing → requesting → uploading (bytes sent / total) → verifying → verified | rejected | expired
 *
 * 1. the file's SHA-256 is computed in the browser (Web Crypto), so the API can sign it into the URL;
 * 2. `POST …/evidence` with an `Idempotency-Key` (kept when the same request is retried, so a lost
 *    answer does not create a second record) returns a presigned PUT;
 * 3. the bytes go straight to S3 with `XMLHttpRequest` (fetch reports no upload progress), with exactly
 *    the signed headers the browser may set;
 * 4. `GET …/evidence/{id}` is polled with a backoff for about a minute until the verifier decides.
 *
 * A failed step can be retried: a PUT again with the same URL while it is valid, else with a new one
 * (a new request, since the old record expires on its own when its bytes never arrive).
 */
import { ApiProblem, type ApiClient } from './api';
import { browserHeaders, declaredType, isSettled, pollDelays, sha256Hex, ticketExpired } from './evidence';
import type { CreateEvidenceBody, Evidence, EvidenceKind, EvidenceUploadTicket } from './types';

export type UploadStep =
  | 'idle'
  | 'hashing'
  | 'requesting'
  | 'uploading'
  | 'verifying'
  | 'verified'
  | 'rejected'
  | 'expired'
  /** Sent, but the verifier has not answered within the polling window. */
  | 'still-pending'
  | 'failed';

export type WorkingStep = 'hashing' | 'requesting' | 'uploading' | 'verifying';

export interface GeoFix {
  readonly lat: number;
  readonly lng: number;
  readonly accuracyMeters?: number;
}

export interface UploadRequest {
  readonly file: File;
  readonly kind: EvidenceKind;
  readonly sessionId?: string | undefined;
  /** ISO instant the photo was taken, if known. */
  readonly capturedAt?: string | undefined;
  /** Where the device is, asked for while the file is hashed; resolves undefined when unknown. */
  readonly locate?: (() => Promise<GeoFix | undefined>) | undefined;
}

/** A PUT to the storage that did not succeed; `status` 0 when the connection failed. */
export class PutError extends Error {
  override readonly name = 'PutError';
  constructor(readonly status: number) {
    super(status ? `Upload refused with HTTP ${status}` : 'Upload connection failed');
  }
}

/** Web Crypto is only there in a secure context (https, or localhost). */
export class NoCryptoError extends Error {
  override readonly name = 'NoCryptoError';
}

/**
 * PUTs `body` to a presigned URL with `headers`, reporting bytes sent. Resolves on 2xx; rejects with
 * `PutError`, or an `AbortError` when `signal` aborts.
 */
export function putFile(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: Blob,
  onProgress: (loaded: number, total: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of browserHeaders(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : body.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(body.size, body.size);
        resolve();
      } else reject(new PutError(xhr.status));
    };
    xhr.onerror = () => reject(new PutError(0));
    xhr.ontimeout = () => reject(new PutError(0));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    if (signal?.aborted) return xhr.abort();
    xhr.send(body);
  });
}

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DOMException('Cancelled', 'AbortError'));
      },
      { once: true },
    );
  });

export interface UploadOptions {
  readonly api: ApiClient;
  /** `/v1/offices/<office>/cases/<case>/evidence` */
  readonly path: string;
  /** The record exists (pending) or changed status: a gallery shows it. */
  readonly onChange?: (evidence: Pick<Evidence, 'id'> & Partial<Evidence>) => void;
  readonly newKey?: () => string;
  readonly put?: typeof putFile;
  readonly delays?: () => number[];
  readonly now?: () => number;
}

/** What a screen shows of an upload; a Svelte `$state` object makes it reactive (`evidence-upload.svelte.ts`). */
export interface UploadState {
  step: UploadStep;
  /** The step that failed, when `step` is `failed`. */
  failedAt: WorkingStep | null;
  error: unknown;
  loaded: number;
  total: number;
  /** Asking the device for its position (alongside hashing). */
  locating: boolean;
  /** What the position request gave: a fix, nothing (refused or unavailable), or not asked. */
  location: GeoFix | null | undefined;
  evidence: Evidence | null;
  sha256: string | null;
}

export const initialUploadState = (): UploadState => ({
  step: 'idle',
  failedAt: null,
  error: null,
  loaded: 0,
  total: 0,
  locating: false,
  location: undefined,
  evidence: null,
  sha256: null,
});

export class EvidenceUpload {
  readonly #s: UploadState;
  readonly #options: UploadOptions;
  #request: UploadRequest | null = null;
  #ticket: EvidenceUploadTicket | null = null;
  #ticketAt = 0;
  #key = '';
  #putStatus: number | null = null;
  #abort = new AbortController();

  constructor(options: UploadOptions, state: UploadState = initialUploadState()) {
    this.#options = options;
    this.#s = state;
  }

  get step(): UploadStep {
    return this.#s.step;
  }
  get failedAt(): WorkingStep | null {
    return this.#s.failedAt;
  }
  get error(): unknown {
    return this.#s.error;
  }
  get loaded(): number {
    return this.#s.loaded;
  }
  get total(): number {
    return this.#s.total;
  }
  get locating(): boolean {
    return this.#s.locating;
  }
  get location(): GeoFix | null | undefined {
    return this.#s.location;
  }
  get evidence(): Evidence | null {
    return this.#s.evidence;
  }
  get sha256(): string | null {
    return this.#s.sha256;
  }

  get busy(): boolean {
    return ['hashing', 'requesting', 'uploading', 'verifying'].includes(this.step);
  }

  get file(): File | null {
    return this.#request?.file ?? null;
  }

  /** Whether `retry()` can help: a network or server failure, a refused or expired upload URL. */
  get retryable(): boolean {
    if (this.step !== 'failed') return false;
    const e = this.error;
    if (e instanceof ApiProblem)
      return e.status === 0 || e.status === 409 || e.status === 429 || e.status >= 500;
    return !(e instanceof NoCryptoError);
  }

  /** Starts a new upload (any running one is cancelled). */
  async start(request: UploadRequest): Promise<void> {
    this.cancel();
    this.#request = request;
    this.#ticket = null;
    this.#key = this.#newKey();
    this.#s.sha256 = null;
    this.#s.evidence = null;
    this.#s.location = undefined;
    await this.#run('hashing');
  }

  /** Tries the failed step again, asking for a new upload URL when the old one cannot be used. */
  async retry(): Promise<void> {
    if (this.step !== 'failed' || !this.#request) return;
    const from = this.failedAt ?? 'hashing';
    if (from === 'uploading') {
      const refused = this.#putStatus !== null && this.#putStatus >= 400 && this.#putStatus < 500;
      const expired = !this.#ticket || ticketExpired(this.#ticket, this.#ticketAt, this.#now());
      if (this.#putStatus === 400) {
        // The storage refused the bytes as sent (e.g. the file changed since it was read): from scratch.
        this.#ticket = null;
        this.#key = this.#newKey();
        this.#s.sha256 = null;
        return this.#run('hashing');
      }
      if (refused || expired) {
        this.#ticket = null;
        this.#key = this.#newKey();
        return this.#run('requesting');
      }
    }
    await this.#run(from);
  }

  /** After `still-pending`: checks the status again for another minute. */
  async checkAgain(): Promise<void> {
    if (this.step !== 'still-pending') return;
    await this.#run('verifying');
  }

  /** Stops whatever is running and forgets the upload. */
  cancel(): void {
    this.#abort.abort();
    this.#abort = new AbortController();
    this.#s.step = 'idle';
    this.#s.failedAt = null;
    this.#s.error = null;
    this.#s.loaded = 0;
    this.#s.total = 0;
    this.#s.locating = false;
    this.#putStatus = null;
  }

  async #run(from: WorkingStep): Promise<void> {
    const request = this.#request!;
    const signal = this.#abort.signal;
    const order: WorkingStep[] = ['hashing', 'requesting', 'uploading', 'verifying'];
    this.#s.error = null;
    this.#s.failedAt = null;
    let current: WorkingStep = from;
    try {
      for (const step of order.slice(order.indexOf(from))) {
        current = step;
        this.#s.step = step;
        if (step === 'hashing') await this.#hash(request, signal);
        else if (step === 'requesting') await this.#requestTicket(request, signal);
        else if (step === 'uploading') await this.#upload(request, signal);
        else await this.#verify(signal);
        if (signal.aborted) return;
      }
    } catch (error) {
      if (isAbort(error) || signal.aborted) return;
      this.#s.error = error;
      this.#s.failedAt = current;
      this.#s.step = 'failed';
    }
  }

  async #hash(request: UploadRequest, signal: AbortSignal): Promise<void> {
    if (!globalThis.crypto?.subtle) throw new NoCryptoError('Web Crypto is not available here');
    const located =
      request.locate && this.location === undefined
        ? (async () => {
            this.#s.locating = true;
            try {
              this.#s.location = (await request.locate!()) ?? null;
            } catch {
              this.#s.location = null;
            } finally {
              this.#s.locating = false;
            }
          })()
        : Promise.resolve();
    const [sha256] = await Promise.all([this.#s.sha256 ?? sha256Hex(request.file), located]);
    if (signal.aborted) throw new DOMException('Cancelled', 'AbortError');
    this.#s.sha256 = sha256;
  }

  async #requestTicket(request: UploadRequest, signal: AbortSignal): Promise<void> {
    if (this.#ticket) return;
    const location = this.location;
    const body: CreateEvidenceBody = {
      fileName: request.file.name || 'foto.jpg',
      contentType: declaredType(request.file),
      sizeBytes: request.file.size,
      sha256: this.sha256!,
      kind: request.kind,
      ...(request.sessionId ? { sessionId: request.sessionId } : {}),
      ...(request.capturedAt ? { capturedAt: request.capturedAt } : {}),
      ...(location
        ? {
            location: {
              lat: location.lat,
              lng: location.lng,
              ...(location.accuracyMeters !== undefined ? { accuracyMeters: location.accuracyMeters } : {}),
            },
          }
        : {}),
    };
    this.#ticket = await this.#options.api.post<EvidenceUploadTicket>(this.#options.path, body, {
      idempotencyKey: this.#key,
      signal,
    });
    this.#ticketAt = this.#now();
    this.#options.onChange?.({ id: this.#ticket.id, status: 'pending' });
  }

  async #upload(request: UploadRequest, signal: AbortSignal): Promise<void> {
    if (ticketExpired(this.#ticket!, this.#ticketAt, this.#now())) {
      // Too late to start with this URL (a long pause, a sleeping phone): a fresh one first. A fresh
      // one is never expired by this measure, so this happens at most once.
      this.#ticket = null;
      this.#key = this.#newKey();
      this.#s.step = 'requesting';
      await this.#requestTicket(request, signal);
      this.#s.step = 'uploading';
    }
    const ticket = this.#ticket!;
    this.#putStatus = null;
    this.#s.loaded = 0;
    this.#s.total = request.file.size;
    try {
      await (this.#options.put ?? putFile)(
        ticket.upload.url,
        ticket.upload.headers,
        request.file,
        (loaded, total) => {
          this.#s.loaded = loaded;
          this.#s.total = total;
        },
        signal,
      );
    } catch (error) {
      if (error instanceof PutError) this.#putStatus = error.status;
      throw error;
    }
  }

  async #verify(signal: AbortSignal): Promise<void> {
    const id = this.#ticket!.id;
    for (const delay of (this.#options.delays ?? pollDelays)()) {
      await sleep(delay, signal);
      let evidence: Evidence;
      try {
        evidence = await this.#options.api.get<Evidence>(`${this.#options.path}/${encodeURIComponent(id)}`, {
          signal,
        });
      } catch (error) {
        if (isAbort(error)) throw error;
        // A dropped check on a poor line is not a failed upload: try again at the next tick.
        continue;
      }
      this.#s.evidence = evidence;
      if (isSettled(evidence)) {
        this.#s.step = evidence.status === 'pending' ? 'verifying' : evidence.status;
        this.#options.onChange?.(evidence);
        return;
      }
    }
    this.#s.step = 'still-pending';
  }

  #newKey(): string {
    return (this.#options.newKey ?? (() => crypto.randomUUID()))();
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}

/**
 * The device's position for a photo's context check, if the user allows: one fix, at most a minute
 * old, within `timeoutMs`. Never throws: a refusal or a timeout is simply no location.
 */
export function currentPosition(timeoutMs = 15_000): Promise<GeoFix | undefined> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (position) =>
        resolve({
          lat: position.coords.latitude,
          lng: position.coords.longitude,
          accuracyMeters: Math.round(position.coords.accuracy),
        }),
      () => resolve(undefined),
      { enableHighAccuracy: true, maximumAge: 60_000, timeout: timeoutMs },
    );
  });
}
