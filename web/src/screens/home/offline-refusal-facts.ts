/**
 * What the home page's "field records refused" card says about each refusal, before it is put in words:
 * the hours a refused session claimed (why it was refused: lib/refusal-reason.ts). No messages here, so it is
 * unit-tested on its own (test/unit/web/offline-refusals.test.ts); offline-refusal-text.ts words it.
 */
import { minutesBetween } from '../../../../functions/domain/calendar';
import type { OfflineRefusal } from '../../lib/api-types';

/** The hours a refused session claimed (its end less its start), when both times are there. */
export function claimedHours(record: OfflineRefusal['record']): number | undefined {
  if (!record.startTime || !record.endTime) return undefined;
  const minutes = minutesBetween(record.startTime, record.endTime);
  return minutes !== undefined && minutes > 0 ? Math.round((minutes / 60) * 100) / 100 : undefined;
}
