/**
 * What the home page's "field records refused" card says about each refusal, before it is put in words:
 * why the API refused it, and the hours a refused session claimed. No messages here, so it is
 * unit-tested on its own (test/unit/web/offline-refusals.test.ts); offline-refusal-text.ts words it.
 */
import { minutesBetween } from '../../../../functions/domain/calendar';
import type { OfflineRefusal } from '../../lib/api-types';

/**
 * Why a record was refused, from the answer the app received:
 * - `case-changed`: 409 (the case closed, or its status changed) or a stale version (412, 428);
 * - `case-hidden`: 404, the case (or session) no longer visible to the sender, e.g. moved to another site;
 * - `not-allowed`: 403, the sender's role no longer allows it;
 * - `rule`: 400 or 422 naming rules of the law or the office (their ids are in `refusal.rules`);
 * - `invalid`: 400 or 422 naming only fields;
 * - `other`: anything else (too large, too many requests).
 */
export type RefusalCause = 'case-changed' | 'case-hidden' | 'not-allowed' | 'rule' | 'invalid' | 'other';

export function refusalCause(refusal: OfflineRefusal['refusal']): RefusalCause {
  const { status } = refusal;
  if (status === 409 || status === 412 || status === 428) return 'case-changed';
  if (status === 404) return 'case-hidden';
  if (status === 403) return 'not-allowed';
  if (status === 400 || status === 422) return refusal.rules?.length ? 'rule' : 'invalid';
  return 'other';
}

/** The hours a refused session claimed (its end less its start), when both times are there. */
export function claimedHours(record: OfflineRefusal['record']): number | undefined {
  if (!record.startTime || !record.endTime) return undefined;
  const minutes = minutesBetween(record.startTime, record.endTime);
  return minutes !== undefined && minutes > 0 ? Math.round((minutes / 60) * 100) / 100 : undefined;
}
