import { describe, expect, it } from 'vitest';
import {
  EXPIRY_SKEW_MS,
  SESSION_KEY,
  clearSession,
  msUntilExpiry,
  readSession,
  saveSession,
} from '../../../web/src/lib/session';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & {
  items: Map<string, string>;
} {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);

describe('the stored session', () => {
  it('keeps the token with an absolute expiry and reads it back', () => {
    // Prepare
    const storage = memoryStorage();
    // Act
    const saved = saveSession(storage, { accessToken: 'tok', expiresIn: 3600 }, T0);
    // Assess
    expect(saved).toEqual({ accessToken: 'tok', expiresAt: T0 + 3_600_000 });
    expect(readSession(storage, T0 + 1000)).toEqual(saved);
  });

  it('counts as expired a little before the token really expires, and is then removed', () => {
    const storage = memoryStorage();
    saveSession(storage, { accessToken: 'tok', expiresIn: 3600 }, T0);
    const lastValid = T0 + 3_600_000 - EXPIRY_SKEW_MS - 1;
    expect(readSession(storage, lastValid)).not.toBeNull();
    expect(readSession(storage, lastValid + 1)).toBeNull();
    expect(storage.items.has(SESSION_KEY)).toBe(false);
  });

  it.each([
    ['not JSON', '{oops'],
    ['JSON null', 'null'],
    ['no token', JSON.stringify({ expiresAt: T0 + 1e6 })],
    ['empty token', JSON.stringify({ accessToken: '', expiresAt: T0 + 1e6 })],
    ['expiry not a number', JSON.stringify({ accessToken: 't', expiresAt: 'tomorrow' })],
  ])('drops a stored value that is %s', (_name, raw) => {
    const storage = memoryStorage();
    storage.setItem(SESSION_KEY, raw);
    expect(readSession(storage, T0)).toBeNull();
    expect(storage.items.has(SESSION_KEY)).toBe(false);
  });

  it('is gone after clearing', () => {
    const storage = memoryStorage();
    saveSession(storage, { accessToken: 'tok', expiresIn: 3600 }, T0);
    clearSession(storage);
    expect(readSession(storage, T0)).toBeNull();
  });

  it('tells how long until it must be renewed, never less than zero', () => {
    const session = { accessToken: 't', expiresAt: T0 + 120_000 };
    expect(msUntilExpiry(session, T0)).toBe(120_000 - EXPIRY_SKEW_MS);
    expect(msUntilExpiry(session, T0 + 500_000)).toBe(0);
  });
});
