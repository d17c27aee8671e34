/**
 * Runtime configuration, fetched from `/config.json` at start-up. The file is written per deployment
 * (by local mode, or beside the site in each region's web bucket), so one build serves every region.
 */

export interface CognitoAuthConfig {
  readonly mode: 'cognito';
  /** The hosted/managed login's origin, e.g. `https://abdi-sulsel.auth.ap-southeast-3.amazoncognito.com`. */
  readonly domain: string;
  readonly clientId: string;
  readonly region: string;
  /** Where Cognito sends the browser back with the code; registered as a callback URL of the client. */
  readonly redirectPath: string;
  /**
   * The user pools API the dashboard calls with the person's own token (authenticator enrolment), e.g.
   * `https://cognito-idp.ap-southeast-3.amazonaws.com`; absent: that URL for `region`.
   */
  readonly identityEndpoint?: string;
}

export type AuthConfig = { readonly mode: 'local' } | CognitoAuthConfig;

export interface RuntimeConfig {
  /** `''` means the API is on the same origin as the dashboard. Never ends with a slash. */
  readonly apiBaseUrl: string;
  readonly auth: AuthConfig;
  /**
   * The deployment's largest evidence upload in bytes, when the deployment names it (the browser checks
   * it before sending; the API enforces it). Absent: the default, 20 MB.
   */
  readonly maxUploadBytes?: number;
}

export const DEFAULT_REDIRECT_PATH = '/auth/callback';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates the parsed `config.json`; throws `ConfigError` naming the first bad member. */
export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  if (typeof value !== 'object' || value === null) throw new ConfigError('config.json is not an object');
  const v = value as Record<string, unknown>;
  if (typeof v.apiBaseUrl !== 'string') throw new ConfigError('config.json: apiBaseUrl must be a string');
  const apiBaseUrl = v.apiBaseUrl.replace(/\/+$/, '');
  if (apiBaseUrl !== '' && !/^https?:\/\/[^/]+/.test(apiBaseUrl)) {
    throw new ConfigError('config.json: apiBaseUrl must be empty or an http(s) URL');
  }
  const auth = v.auth as Record<string, unknown> | null | undefined;
  if (typeof auth !== 'object' || auth === null) throw new ConfigError('config.json: auth is missing');
  if (
    v.maxUploadBytes !== undefined &&
    !(Number.isInteger(v.maxUploadBytes) && Number(v.maxUploadBytes) > 0)
  ) {
    throw new ConfigError('config.json: maxUploadBytes must be a positive whole number of bytes');
  }
  const limits = v.maxUploadBytes !== undefined ? { maxUploadBytes: v.maxUploadBytes as number } : {};
  if (auth.mode === 'local') return { apiBaseUrl, auth: { mode: 'local' }, ...limits };
  if (auth.mode === 'cognito') {
    for (const key of ['domain', 'clientId', 'region'] as const) {
      if (typeof auth[key] !== 'string' || auth[key] === '') {
        throw new ConfigError(`config.json: auth.${key} is required in cognito mode`);
      }
    }
    const redirectPath = auth.redirectPath ?? DEFAULT_REDIRECT_PATH;
    if (typeof redirectPath !== 'string' || !/^\/[^/\\]/.test(redirectPath)) {
      throw new ConfigError('config.json: auth.redirectPath must be a path such as /auth/callback');
    }
    return {
      apiBaseUrl,
      auth: {
        mode: 'cognito',
        domain: cognitoOrigin(auth.domain as string),
        clientId: auth.clientId as string,
        region: auth.region as string,
        redirectPath,
        ...(auth.identityEndpoint !== undefined && {
          identityEndpoint: httpsOrigin(auth.identityEndpoint, 'auth.identityEndpoint'),
        }),
      },
      ...limits,
    };
  }
  throw new ConfigError(`config.json: auth.mode must be "local" or "cognito"`);
}

/** An https origin without a path (`https://cognito-idp.ap-southeast-3.amazonaws.com/` → no slash). */
function httpsOrigin(value: unknown, member: string): string {
  let url: URL | null;
  try {
    url = typeof value === 'string' ? new URL(value) : null;
  } catch {
    url = null;
  }
  if (
    !url ||
    url.protocol !== 'https:' ||
    url.pathname.replace(/\/+$/, '') !== '' ||
    url.search ||
    url.hash
  ) {
    throw new ConfigError(`config.json: ${member} must be an https origin without a path`);
  }
  return url.origin;
}

/** `abdi.auth.example` or `https://abdi.auth.example/` → `https://abdi.auth.example`; only https. */
function cognitoOrigin(domain: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(domain) ? domain : `https://${domain}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ConfigError('config.json: auth.domain must be a host name or an https URL');
  }
  if (url.protocol !== 'https:' || url.pathname.replace(/\/+$/, '') !== '' || url.search || url.hash) {
    throw new ConfigError('config.json: auth.domain must be an https origin without a path');
  }
  return url.origin;
}

export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig> {
  const response = await fetchImpl('/config.json', {
    cache: 'no-store',
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw new ConfigError(`config.json: HTTP ${response.status}`);
  return parseRuntimeConfig(await response.json());
}
