/**
 * How often an import's page asks for news while the job runs: every 2 s at first, backing off ×1.25
 * to every 5 s, so a long commit on a slow line costs a request every few seconds, not a stream.
 */
import type { Import } from './import-types';

export const POLL_FIRST_MS = 2_000;
export const POLL_MAX_MS = 5_000;

/** The wait before check number `attempt` (0 = the first after a change). */
export const pollDelay = (attempt: number): number =>
  Math.min(POLL_MAX_MS, Math.round(POLL_FIRST_MS * 1.25 ** Math.max(0, attempt)));

/**
 * A file that never arrives leaves its import awaiting the upload: the page waits about two minutes
 * for it (24 checks), then stops asking.
 */
export const AWAITING_UPLOAD_CHECKS = 24;

/** Whether the page should ask again: the job is running (or the upload may still land). */
export function keepPolling(item: Pick<Import, 'status' | 'progress'>, checks: number): boolean {
  if (item.status === 'validating' || item.status === 'committing') return true;
  if (item.status === 'awaiting_upload') return checks < AWAITING_UPLOAD_CHECKS;
  // An undo reports its progress while the import still reads committed.
  return item.progress !== undefined && item.status === 'committed';
}

/**
 * What the page's progress bar shows: the job's own count while it runs, a full bar once the commit
 * is done (every row without an error went through it), nothing otherwise.
 */
export function shownProgress(item: Pick<Import, 'status' | 'progress' | 'summary'>): {
  done: number;
  total: number;
} | null {
  if (item.progress) return { done: item.progress.done, total: item.progress.total };
  if (item.status !== 'committed') return null;
  const total = item.summary.rows - item.summary.error;
  return { done: total, total };
}
