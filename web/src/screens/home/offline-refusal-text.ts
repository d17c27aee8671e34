/**
 * The words of the "field records refused" card: what the supervisor had recorded, and why the API
 * refused it, in the app's language. The facts come from offline-refusal-facts.ts.
 */
import type { OfflineRefusal } from '../../lib/api-types';
import { formatDate, formatInstant, formatNumber, formatTimeRange, type AppLocale } from '../../lib/format';
import { outcomeLabel } from '../../lib/labels';
import { m } from '../../paraglide/messages.js';
import { claimedHours } from './offline-refusal-facts';

/** "Session 2 Mar 2026 · 08.00–11.00 · 3 hours · Attended", or "Photo IMG_0042.jpg, taken …". */
export function recordedText(refusal: OfflineRefusal, locale: AppLocale, timeZone: string): string {
  const { record } = refusal;
  if (refusal.kind === 'evidence') {
    const name = record.fileName ?? m.offline_refusals_photo_unnamed();
    return record.capturedAt
      ? m.offline_refusals_photo_taken({ name, at: formatInstant(record.capturedAt, locale, timeZone) })
      : m.offline_refusals_photo({ name });
  }
  const hours = claimedHours(record);
  const parts = [
    record.date ? formatDate(record.date, locale) : undefined,
    record.startTime && record.endTime
      ? formatTimeRange(record.startTime, record.endTime, locale)
      : undefined,
    hours !== undefined ? m.offline_refusals_hours({ hours: formatNumber(hours, locale) }) : undefined,
    record.outcome ? outcomeLabel(record.outcome) : undefined,
  ].filter((part): part is string => part !== undefined);
  return m.offline_refusals_session({ what: parts.join(' · ') || '–' });
}

/** "Recorded on the device 2 Mar 2026 11.05 WITA by pengawas.bara". */
export const recordedByText = (refusal: OfflineRefusal, locale: AppLocale, timeZone: string): string =>
  m.offline_refusals_recorded_by({
    at: formatInstant(refusal.recordedAt, locale, timeZone),
    who: refusal.recordedBy,
  });

export const statusCode = (refusal: OfflineRefusal): string =>
  m.offline_refusals_status_code({ status: String(refusal.refusal.status) });
