/**
 * Waiting for the verifier: `GET …/evidence/{id}` with a backoff for about a minute, until the
 * evidence is decided. A dropped check on a poor line is not a failed upload.
 */
import type { ApiClient } from './api';
import type { Evidence } from './api-types';

export const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

export const cancelled = () => new DOMException('Cancelled', 'AbortError');

/** Waits `ms`, or rejects with an `AbortError` as soon as `signal` aborts. */
export const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(cancelled());
      },
      { once: true },
    );
  });

/**
 * Waits between status checks after an upload: quick at first (the verifier usually answers within
 * seconds), then backing off ×1.5 up to `maxMs` each, until `totalMs` have passed in all.
 *
 * @example pollDelays() → [1000, 1500, 2250, 3375, 5063, 7594, 8000, 8000, 8000, 8000, 7218]
 */
export function pollDelays(totalMs = 60_000, firstMs = 1_000, factor = 1.5, maxMs = 8_000): number[] {
  const delays: number[] = [];
  let next = firstMs;
  let spent = 0;
  while (spent < totalMs) {
    const delay = Math.min(Math.round(next), maxMs, totalMs - spent);
    delays.push(delay);
    spent += delay;
    next *= factor;
  }
  return delays;
}

/** Whether the verifier has decided (or given up waiting for the bytes). */
export const isSettled = (evidence: Pick<Evidence, 'status'>) => evidence.status !== 'pending';

/**
 * Checks `url` after each of `delays`, reporting every answer to `onCheck`; resolves the settled
 * evidence, or null when the delays ran out first. Rejects only when `signal` aborts.
 */
export async function pollEvidence(
  api: Pick<ApiClient, 'get'>,
  url: string,
  delays: readonly number[],
  signal: AbortSignal,
  onCheck: (evidence: Evidence) => void,
): Promise<Evidence | null> {
  for (const delay of delays) {
    await sleep(delay, signal);
    let evidence: Evidence;
    try {
      evidence = await api.get<Evidence>(url, { signal });
    } catch (error) {
      if (isAbort(error)) throw error;
      continue;
    }
    onCheck(evidence);
    if (isSettled(evidence)) return evidence;
  }
  return null;
}
