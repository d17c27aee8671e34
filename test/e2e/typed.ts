/**
 * What a user types into the dashboard's date, time and month inputs (web/src/components/DateEntry.svelte):
 * day first and the 24-hour clock with a point, as Indonesian forms write them, whatever the browser's
 * language. Written out here rather than imported from the dashboard, so the tests type what people
 * type, not what the code under test produces.
 */

/** `2026-12-05` → `05/12/2026`. */
export const typedDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** `14:30` → `14.30`. */
export const typedTime = (hhmm: string): string => hhmm.replace(':', '.');

/** `2026-05` → `05/2026`. */
export const typedMonth = (iso: string): string => `${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
