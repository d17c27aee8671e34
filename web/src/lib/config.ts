/**
 * Runtime configuration, fetched from `/config.json` at start-up. The file is written per deployment
 * (by local mode, or beside the site in each region's web bucket), so one build serves every region.
 */

export type AuthConfig =
  | { readonly mode: 'local' }
  | { readonly mode: 'cognito'; readonly domain: string; readonly clientId: string; readonly region: string };

export interface RuntimeConfig {
  /** `''` means the API is on the same origin as the dashboard. Never ends with a slash. */
  readonly apiBaseUrl: string;
  readonly auth: AuthConfig;
}

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
  if (auth.mode === 'local') return { apiBaseUrl, auth: { mode: 'local' } };
  if (auth.mode === 'cognito') {
    for (const key of ['domain', 'clientId', 'region'] as const) {
      if (typeof auth[key] !== 'string' || auth[key] === '') {
        throw new ConfigError(`config.json: auth.${key} is required in cognito mode`);
      }
    }
    return {
      apiBaseUrl,
      auth: {
        mode: 'cognito',
        domain: auth.domain as string,
        clientId: auth.clientId as string,
        region: auth.region as string,
      },
    };
  }
  throw new ConfigError(`config.json: auth.mode must be "local" or "cognito"`);
}

export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig> {
  const response = await fetchImpl('/config.json', {
    cache: 'no-store',
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw new ConfigError(`config.json: HTTP ${response.status}`);
  return parseRuntimeConfig(await response.json());
}
