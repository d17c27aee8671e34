/**
 * What a screen shows of one upload, and the decisions about it that need no I/O: which steps are
 * work in progress, whether a failure is worth a retry, and from which step a retry starts.
 *
 *   hashing → requesting → uploading (bytes sent / total) → verifying → verified | rejected | expired
 */
import { ApiProblem } from './api';
import type { GeoFix } from './evidence-location';
import { NoCryptoError } from './evidence-hash';
import type { Evidence } from './api-types';

export const WORKING_STEPS = ['hashing', 'requesting', 'uploading', 'verifying'] as const;
export type WorkingStep = (typeof WORKING_STEPS)[number];

export type UploadStep =
  | 'idle'
  | WorkingStep
  | 'verified'
  | 'rejected'
  | 'expired'
  /** Sent, but the verifier has not answered within the polling window. */
  | 'still-pending'
  | 'failed';

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

export const isWorking = (step: UploadStep): step is WorkingStep =>
  (WORKING_STEPS as readonly string[]).includes(step);

/** Whether trying again can help: a network or server failure, a refused or expired upload URL. */
export function retryableError(error: unknown): boolean {
  if (error instanceof ApiProblem)
    return error.status === 0 || error.status === 409 || error.status === 429 || error.status >= 500;
  return !(error instanceof NoCryptoError);
}

/**
 * Where a retry starts and with what it starts afresh. A failed PUT that storage refused as sent (400,
 * e.g. the file changed since it was read) starts from scratch; another refusal, or a URL too old to
 * use, asks for a new URL under a new idempotency key; anything else repeats the failed step.
 */
export function retryFrom(
  failedAt: WorkingStep,
  putStatus: number | null,
  ticketUsable: boolean,
): { from: WorkingStep; newTicket: boolean; rehash: boolean } {
  if (failedAt === 'uploading') {
    if (putStatus === 400) return { from: 'hashing', newTicket: true, rehash: true };
    const refused = putStatus !== null && putStatus >= 400 && putStatus < 500;
    if (refused || !ticketUsable) return { from: 'requesting', newTicket: true, rehash: false };
  }
  return { from: failedAt, newTicket: false, rehash: false };
}
