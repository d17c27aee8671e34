/**
 * Who is using the field app, from what the dashboard's sign-in left in this tab (`session.ts`): the
 * access token, and `/v1/me` as last read, kept in the tab so that a reload with no signal still
 * knows whose day and outbox to show. Closing the tab forgets both (the outbox stays on the device,
 * and is sent after the next sign-in).
 *
 * Unlike the dashboard, an expired token does not end the app: the day and the outbox stay usable
 * offline, and only sending waits for a new sign-in.
 */
import type { Me } from '../../lib/api-types';
import { SESSION_KEY, isExpired, type StoredSession } from '../../lib/session';

const ME_KEY = 'abdi.field.me';

export interface FieldSession {
  /** The token while it is valid; null once it expired (sending then waits for a sign-in). */
  readonly token: string | null;
  /** Whether this tab was signed in at all (an expired token still says who it was). */
  readonly signedIn: boolean;
}

export function readFieldSession(storage: Storage, now = Date.now()): FieldSession {
  let stored: StoredSession | null;
  try {
    stored = JSON.parse(storage.getItem(SESSION_KEY) ?? 'null') as StoredSession | null;
  } catch {
    stored = null;
  }
  if (!stored || typeof stored.accessToken !== 'string') return { token: null, signedIn: false };
  return { token: isExpired(stored, now) ? null : stored.accessToken, signedIn: true };
}

export function rememberMe(storage: Storage, me: Me): void {
  storage.setItem(ME_KEY, JSON.stringify(me));
}

export function rememberedMe(storage: Storage): Me | null {
  try {
    return JSON.parse(storage.getItem(ME_KEY) ?? 'null') as Me | null;
  } catch {
    return null;
  }
}
