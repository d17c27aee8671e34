/**
 * One evidence upload, step by step, as state a screen can show on a slow line (made reactive by
 * `createEvidenceUpload` in `evidence-upload.svelte.ts`). The steps, each in its own module:
 *
 * 1. the file's SHA-256 is computed in the browser (`evidence-hash.ts`), so the API can sign it into
 *    the URL, while the device is asked where it is (`evidence-location.ts`);
 * 2. `POST …/evidence` (`evidence-ticket.ts`) with an `Idempotency-Key` (kept when the same request is
 *    retried, so a lost answer does not create a second record) returns a presigned PUT;
 * 3. the bytes go straight to S3 (`evidence-put.ts`);
 * 4. `GET …/evidence/{id}` is polled (`evidence-poll.ts`) until the verifier decides.
 *
 * A failed step can be retried (`evidence-upload-state.ts` decides from where): a PUT again with the
 * same URL while it is valid, else with a new one (a new request, since the old record expires on its
 * own when its bytes never arrive).
 */
import type { ApiClient } from './api';
import { requireCrypto, sha256Hex } from './evidence-hash';
import { locateOnce, type GeoFix } from './evidence-location';
import { cancelled, isAbort, pollDelays, pollEvidence } from './evidence-poll';
import { PutError, putFile } from './evidence-put';
import { evidenceBody, ticketExpired, type UploadRequest } from './evidence-ticket';
import {
  initialUploadState,
  isWorking,
  retryableError,
  retryFrom,
  WORKING_STEPS,
  type UploadState,
  type UploadStep,
  type WorkingStep,
} from './evidence-upload-state';
import type { Evidence, EvidenceUploadTicket } from './api-types';

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
    return isWorking(this.step);
  }

  get file(): File | null {
    return this.#request?.file ?? null;
  }

  /** Whether `retry()` can help: a network or server failure, a refused or expired upload URL. */
  get retryable(): boolean {
    return this.step === 'failed' && retryableError(this.error);
  }

  /** Starts a new upload (any running one is cancelled). */
  async start(request: UploadRequest): Promise<void> {
    this.cancel();
    this.#request = request;
    this.#forgetTicket();
    this.#s.sha256 = null;
    this.#s.evidence = null;
    this.#s.location = undefined;
    await this.#run('hashing');
  }

  /** Tries the failed step again, asking for a new upload URL when the old one cannot be used. */
  async retry(): Promise<void> {
    if (this.step !== 'failed' || !this.#request) return;
    const usable = !!this.#ticket && !ticketExpired(this.#ticket, this.#ticketAt, this.#now());
    const plan = retryFrom(this.failedAt ?? 'hashing', this.#putStatus, usable);
    if (plan.newTicket) this.#forgetTicket();
    if (plan.rehash) this.#s.sha256 = null;
    await this.#run(plan.from);
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
    const steps = {
      hashing: () => this.#hash(request, signal),
      requesting: () => this.#requestTicket(request, signal),
      uploading: () => this.#upload(request, signal),
      verifying: () => this.#verify(signal),
    };
    this.#s.error = null;
    this.#s.failedAt = null;
    let current: WorkingStep = from;
    try {
      for (const step of WORKING_STEPS.slice(WORKING_STEPS.indexOf(from))) {
        current = step;
        this.#s.step = step;
        await steps[step]();
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
    const subtle = requireCrypto();
    const located =
      request.locate && this.location === undefined ? this.#locate(request.locate) : Promise.resolve();
    const [sha256] = await Promise.all([this.#s.sha256 ?? sha256Hex(request.file, subtle), located]);
    if (signal.aborted) throw cancelled();
    this.#s.sha256 = sha256;
  }

  async #locate(locate: () => Promise<GeoFix | undefined>): Promise<void> {
    this.#s.locating = true;
    this.#s.location = await locateOnce(locate);
    this.#s.locating = false;
  }

  async #requestTicket(request: UploadRequest, signal: AbortSignal): Promise<void> {
    if (this.#ticket) return;
    const body = evidenceBody(request, this.sha256!, this.location);
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
      this.#forgetTicket();
      this.#s.step = 'requesting';
      await this.#requestTicket(request, signal);
      this.#s.step = 'uploading';
    }
    const ticket = this.#ticket!;
    this.#putStatus = null;
    this.#s.loaded = 0;
    this.#s.total = request.file.size;
    const progress = (loaded: number, total: number) => {
      this.#s.loaded = loaded;
      this.#s.total = total;
    };
    try {
      const put = this.#options.put ?? putFile;
      await put(ticket.upload.url, ticket.upload.headers, request.file, progress, signal);
    } catch (error) {
      if (error instanceof PutError) this.#putStatus = error.status;
      throw error;
    }
  }

  async #verify(signal: AbortSignal): Promise<void> {
    const url = `${this.#options.path}/${encodeURIComponent(this.#ticket!.id)}`;
    const delays = (this.#options.delays ?? pollDelays)();
    const settled = await pollEvidence(this.#options.api, url, delays, signal, (evidence) => {
      this.#s.evidence = evidence;
    });
    if (!settled) {
      this.#s.step = 'still-pending';
      return;
    }
    this.#s.step = settled.status === 'pending' ? 'verifying' : settled.status;
    this.#options.onChange?.(settled);
  }

  /** The next request for an upload URL is a new one, under a new idempotency key. */
  #forgetTicket(): void {
    this.#ticket = null;
    this.#key = (this.#options.newKey ?? (() => crypto.randomUUID()))();
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}
