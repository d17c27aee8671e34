/**
 * The signed-in session as reactive state: the token (persisted by `session.ts`), the caller's
 * `/v1/me`, and the API client that uses them. Any 401 from the API, or the token's expiry, ends the
 * session and sends the user to `/login?next=<where they were>`.
 *
 * Two ways in, chosen by `config.json`: local mode's demo login (username and password to
 * `/local/auth/login`), and in the cloud Cognito's hosted login with code + PKCE (`cognito.ts`, loaded
 * only then). A Cognito token is refreshed shortly before it expires while this page holds a refresh
 * token; otherwise expiry asks the user to sign in again and brings them back to the same page.
 */
import { sharedContext } from './context';
import { createApiClient, type ApiClient } from './api';
import type { CognitoAdapter, TokenGrant } from './cognito';
import { cognitoLogoutUrl } from './cognito-urls';
import type { CognitoAuthConfig, RuntimeConfig } from './config';
import { isMfaRequired } from './mfa-enrolment';
import type { LoginResponse, Me } from './me';
import { LOGIN_PATH, loginPathFor, safeNextPath } from './paths';
import type { Router } from './router.svelte';
import {
  SESSION_KEY,
  SIGNED_OUT_KEY,
  clearSession,
  isExpired,
  msUntilExpiry,
  msUntilRefresh,
  readSession,
  saveSession,
  takeSignedOutMarker,
  type StoredSession,
} from './session';

/** Why the login screen is shown, when it is not the first visit. */
export type SignInNotice = 'expired' | 'signedOut';

/** Where a person whose role requires MFA is sent to enrol an authenticator app. */
export const MFA_ENROLMENT_PATH = '/account';

/** setTimeout overflows past ~24.8 days; tokens live hours, but stay safe. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class Session {
  current = $state<StoredSession | null>(null);
  me = $state<Me | null>(null);
  notice = $state<SignInNotice | null>(null);
  /** The API refused this person until they enrol an authenticator (403 `…/mfa-required`, ADR 0008). */
  mfaRequired = $state(false);
  readonly signedIn = $derived(this.current !== null);
  readonly api: ApiClient;

  readonly #config: RuntimeConfig;
  readonly #router: Router;
  readonly #storage: Storage;
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;
  #mePromise: Promise<Me> | null = null;
  #cognito: Promise<CognitoAdapter> | null = null;
  #loadedCognito: CognitoAdapter | null = null;

  constructor(config: RuntimeConfig, router: Router, storage: Storage = window.sessionStorage) {
    this.#config = config;
    this.#router = router;
    this.#storage = storage;
    const hadSession = storage.getItem(SESSION_KEY) !== null;
    this.current = readSession(storage, Date.now());
    if (takeSignedOutMarker(storage)) this.notice = 'signedOut';
    else if (hadSession && !this.current) this.notice = 'expired';
    this.#scheduleExpiry();
    this.api = createApiClient({
      baseUrl: config.apiBaseUrl,
      getToken: () => this.#token(),
      onUnauthorized: () => this.expire(),
      onProblem: (problem) => {
        if (!isMfaRequired(problem)) return;
        // Every screen would fail the same way: send the person to enrolment instead of an error.
        this.mfaRequired = true;
        if (this.#router.pathname !== MFA_ENROLMENT_PATH) {
          this.#router.navigate(MFA_ENROLMENT_PATH, { replace: true });
        }
      },
    });
  }

  get authMode(): RuntimeConfig['auth']['mode'] {
    return this.#config.auth.mode;
  }

  /** Cognito's settings in cognito mode (authenticator enrolment needs them); null in local mode. */
  get cognitoAuth(): CognitoAuthConfig | null {
    return this.#config.auth.mode === 'cognito' ? this.#config.auth : null;
  }

  /** After enrolment: the API now lets this person in, so read who they are again. */
  mfaEnrolled(): void {
    this.mfaRequired = false;
    this.me = null;
    this.#mePromise = null;
  }

  /** The deployment's evidence size limit from `config.json`, if it names one (else the default applies). */
  get maxUploadBytes(): number | undefined {
    return this.#config.maxUploadBytes;
  }

  /** Local mode only: exchanges a demo user's password for a token. Throws `ApiProblem` on failure. */
  async signIn(username: string, password: string): Promise<void> {
    const token = await this.api.post<LoginResponse>(
      '/local/auth/login',
      { username, password },
      { auth: false },
    );
    this.#begin(token);
  }

  /** Cognito mode: leaves for the hosted login; `next` is where the callback returns to. */
  async startCognitoSignIn(next: string | null): Promise<void> {
    const adapter = await this.#cognitoAdapter();
    window.location.assign(await adapter.signInUrl(safeNextPath(next)));
  }

  /**
   * Cognito mode, on `/auth/callback`: exchanges the code for a token and returns the same-origin
   * path to continue on. Throws `SignInError` when the callback cannot complete.
   */
  async completeCognitoSignIn(callbackUrl: string): Promise<string> {
    const adapter = await this.#cognitoAdapter();
    const grant = await adapter.completeSignIn(callbackUrl);
    this.#begin(grant);
    return safeNextPath(grant.next);
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
    const auth = this.#config.auth;
    if (auth.mode === 'cognito') {
      // Cognito's logout ends its own session too, then returns to `/`, a fresh page load.
      const url = this.#loadedCognito?.signOut() ?? cognitoLogoutUrl(auth, window.location.origin);
      this.#storage.setItem(SIGNED_OUT_KEY, '1');
      window.location.assign(url);
      return;
    }
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

  #begin(token: TokenGrant | LoginResponse): void {
    this.me = null;
    this.#mePromise = null;
    this.notice = null;
    this.mfaRequired = false;
    this.current = saveSession(this.#storage, token, Date.now());
    this.#scheduleExpiry();
  }

  #end(notice: SignInNotice): void {
    clearTimeout(this.#expiryTimer);
    clearSession(this.#storage);
    this.current = null;
    this.me = null;
    this.#mePromise = null;
    this.mfaRequired = false;
    this.notice = notice;
  }

  #token(): string | null {
    if (this.current && isExpired(this.current, Date.now())) {
      this.expire();
      return null;
    }
    return this.current?.accessToken ?? null;
  }

  #cognitoAdapter(): Promise<CognitoAdapter> {
    const auth = this.#config.auth;
    if (auth.mode !== 'cognito') return Promise.reject(new Error('Cognito sign-in is not configured'));
    this.#cognito ??= import('./cognito').then(
      ({ createCognitoAdapter }) =>
        (this.#loadedCognito = createCognitoAdapter(auth, {
          origin: window.location.origin,
          storage: this.#storage,
          locale: document.documentElement.lang || 'id',
        })),
      (error: unknown) => {
        this.#cognito = null;
        throw error;
      },
    );
    return this.#cognito;
  }

  /** Refreshes shortly before expiry when a refresh token is at hand, else ends the session on time. */
  #scheduleExpiry(): void {
    clearTimeout(this.#expiryTimer);
    const current = this.current;
    if (!current) return;
    const adapter = this.#loadedCognito;
    if (adapter?.canRefresh()) {
      this.#expiryTimer = setTimeout(
        async () => {
          const grant = await adapter.refresh();
          if (this.current !== current) return; // signed out or in again meanwhile
          if (!grant) return this.expire();
          // The same person: `me` stays.
          this.current = saveSession(this.#storage, grant, Date.now());
          this.#scheduleExpiry();
        },
        Math.min(msUntilRefresh(current, Date.now()), MAX_TIMER_MS),
      );
      return;
    }
    this.#expiryTimer = setTimeout(
      () => this.expire(),
      Math.min(msUntilExpiry(current, Date.now()), MAX_TIMER_MS),
    );
  }
}

const context = sharedContext<Session>('Session', 'App');

export const provideSession = context.provide;
/** The session, from inside any component below `App`. */
export const useSession = context.use;
