/**
 * The access token, kept in sessionStorage with its expiry (one browser tab = one session; closing
 * the tab signs out). Pure functions over a `Storage`, so they are unit-tested without a browser.
 */

export const SESSION_KEY = 'abdi.session';

/** Treat a token as expired this long before it really expires, so no request races the expiry. */
export const EXPIRY_SKEW_MS = 30_000;

export interface StoredSession {
  readonly accessToken: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

type SessionStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Stores a token returned by the login endpoint (`expiresIn` in seconds) and returns what was stored. */
export function saveSession(
  storage: SessionStorageLike,
  token: { accessToken: string; expiresIn: number },
  now: number,
): StoredSession {
  const session: StoredSession = { accessToken: token.accessToken, expiresAt: now + token.expiresIn * 1000 };
  storage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
}

/** The stored session if it is present, well-formed and not (about to be) expired; otherwise clears it. */
export function readSession(storage: SessionStorageLike, now: number): StoredSession | null {
  const raw = storage.getItem(SESSION_KEY);
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = null;
  }
  if (isStoredSession(value) && !isExpired(value, now)) return value;
  storage.removeItem(SESSION_KEY);
  return null;
}

export function clearSession(storage: SessionStorageLike): void {
  storage.removeItem(SESSION_KEY);
}

/**
 * Set just before the browser leaves for Cognito's logout endpoint, which returns to `/` with a fresh
 * page: the login screen then says "you have signed out" instead of nothing.
 */
export const SIGNED_OUT_KEY = 'abdi.signedOut';

/** Reads and clears the signed-out marker. */
export function takeSignedOutMarker(storage: SessionStorageLike): boolean {
  const marked = storage.getItem(SIGNED_OUT_KEY) !== null;
  if (marked) storage.removeItem(SIGNED_OUT_KEY);
  return marked;
}

/** When to refresh a token that can be refreshed: a minute before it would be treated as expired. */
export const REFRESH_LEAD_MS = 60_000;

export function msUntilRefresh(session: StoredSession, now: number): number {
  return Math.max(0, msUntilExpiry(session, now) - REFRESH_LEAD_MS);
}

export function isExpired(session: StoredSession, now: number): boolean {
  return now >= session.expiresAt - EXPIRY_SKEW_MS;
}

/** Milliseconds until the session should be treated as expired (never negative). */
export function msUntilExpiry(session: StoredSession, now: number): number {
  return Math.max(0, session.expiresAt - EXPIRY_SKEW_MS - now);
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.accessToken === 'string' &&
    v.accessToken.length > 0 &&
    typeof v.expiresAt === 'number' &&
    Number.isFinite(v.expiresAt)
  );
}
