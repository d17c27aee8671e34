import { expect } from 'vitest';
import { DEMO_PASSWORD } from './browser';

/**
 * The API as a user sees it, for browser tests that check the screen against the data rather than
 * against copied seed values.
 */
export async function loginToken(
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const response = await fetch(`${baseUrl}/local/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export async function apiAs(baseUrl: string, username: string) {
  const token = await loginToken(baseUrl, username);
  return async <T>(path: string): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
}

/** Today in Palopo (WITA), `YYYY-MM-DD`, moved by `offsetDays`. */
export function palopoDate(offsetDays = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offsetDays);
  return date.toISOString().slice(0, 10);
}

/** The time in Palopo in minutes after midnight. */
export function palopoMinutes(): number {
  const [h, m] = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Makassar',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date())
    .split(':')
    .map(Number) as [number, number];
  return h * 60 + m;
}

export const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** ISO weekday (1 = Monday) of a YYYY-MM-DD date. */
export const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** Palopo's API root, and the demo seed's mosque in Kecamatan Bara (pengawas.bara's site). */
export const OFFICE = '/v1/offices/bapas-palopo';
export const MASJID = 'site-palopo-masjid-bara';

/** What the browser tests read of a case in a list. */
export interface CaseItem {
  id: string;
  client: { fullName: string };
}

/** What the browser tests read of a recorded session. */
export interface SessionItem {
  id: string;
  date: string;
  startTime: string;
  siteId: string;
  outcome: string;
  verified: boolean;
  hoursCredited: number;
  recordedBy: string;
  notes?: string;
}
