/**
 * The signed-in session as reactive state: the token (persisted by `session.ts`), the caller's
 * `/v1/me`, and the API client that uses them. Any 401 from the API, or the token's expiry, ends the
 * session and sends the user to `/login?next=<where they were>`.
 */
import { getContext, setContext } from 'svelte';
import { createApiClient, type ApiClient } from './api';
import type { RuntimeConfig } from './config';
import type { LoginResponse, Me } from './me';
import { LOGIN_PATH, loginPathFor } from './paths';
import type { Router } from './router.svelte';
import {
  SESSION_KEY,
  clearSession,
  isExpired,
  msUntilExpiry,
  readSession,
  saveSession,
  type StoredSession,
} from './session';

/** Why the login screen is shown, when it is not the first visit. */
export type SignInNotice = 'expired' | 'signedOut';

export class Session {
  current = $state<StoredSession | null>(null);
  me = $state<Me | null>(null);
  notice = $state<SignInNotice | null>(null);
  readonly signedIn = $derived(this.current !== null);
  readonly api: ApiClient;

  readonly #config: RuntimeConfig;
  readonly #router: Router;
  readonly #storage: Storage;
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;
  #mePromise: Promise<Me> | null = null;

  constructor(config: RuntimeConfig, router: Router, storage: Storage = window.sessionStorage) {
    this.#config = config;
    this.#router = router;
    this.#storage = storage;
    const hadSession = storage.getItem(SESSION_KEY) !== null;
    this.current = readSession(storage, Date.now());
    if (hadSession && !this.current) this.notice = 'expired';
    this.#scheduleExpiry();
    this.api = createApiClient({
      baseUrl: config.apiBaseUrl,
      getToken: () => this.#token(),
      onUnauthorized: () => this.expire(),
    });
  }

  get authMode(): RuntimeConfig['auth']['mode'] {
    return this.#config.auth.mode;
  }

  /** Local mode only: exchanges a demo user's password for a token. Throws `ApiProblem` on failure. */
  async signIn(username: string, password: string): Promise<void> {
    const token = await this.api.post<LoginResponse>(
      '/local/auth/login',
      { username, password },
      { auth: false },
    );
    this.me = null;
    this.#mePromise = null;
    this.notice = null;
    this.current = saveSession(this.#storage, token, Date.now());
    this.#scheduleExpiry();
  }

  /** The caller's identity, fetched once per session. */
  loadMe(): Promise<Me> {
    if (this.me) return Promise.resolve(this.me);
    this.#mePromise ??= this.api.get<Me>('/v1/me').then(
      (me) => {
        this.me = me;
        return me;
      },
      (error: unknown) => {
        this.#mePromise = null;
        throw error;
      },
    );
    return this.#mePromise;
  }

  signOut(): void {
    this.#end('signedOut');
    this.#router.navigate(LOGIN_PATH);
  }

  /** Ends the session because it is no longer valid, and asks the user to sign in again. */
  expire(): void {
    if (!this.current) return;
    this.#end('expired');
    if (this.#router.pathname !== LOGIN_PATH) {
      this.#router.navigate(loginPathFor(this.#router.fullPath), { replace: true });
    }
  }

  #end(notice: SignInNotice): void {
    clearTimeout(this.#expiryTimer);
    clearSession(this.#storage);
    this.current = null;
    this.me = null;
    this.#mePromise = null;
    this.notice = notice;
  }

  #token(): string | null {
    if (this.current && isExpired(this.current, Date.now())) {
      this.expire();
      return null;
    }
    return this.current?.accessToken ?? null;
  }

  #scheduleExpiry(): void {
    clearTimeout(this.#expiryTimer);
    if (!this.current) return;
    // setTimeout overflows past ~24.8 days; tokens live hours, but stay safe.
    const delay = Math.min(msUntilExpiry(this.current, Date.now()), 2 ** 31 - 1);
    this.#expiryTimer = setTimeout(() => this.expire(), delay);
  }
}

const KEY = Symbol('session');

export function provideSession(session: Session): void {
  setContext(KEY, session);
}

/** The session, from inside any component below `App`. */
export function useSession(): Session {
  const session = getContext<Session | undefined>(KEY);
  if (!session) throw new Error('useSession() called outside App');
  return session;
}
