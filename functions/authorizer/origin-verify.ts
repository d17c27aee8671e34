import { timingSafeEqual } from 'node:crypto';

/**
 * The header CloudFront adds to every request it forwards to the API (ADR 0017). A request without the
 * current (or, during a rotation, the previous) value did not come through the distribution and its WAF,
 * so the authorizer refuses it: the execute-api host stays resolvable, but answers nothing useful.
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** The values a request may carry: the secret's current version and, during a rotation, the previous. */
export interface OriginSecrets {
  accepted(): Promise<readonly string[]>;
}

/**
 * Whether `presented` equals one of `accepted`, in time that does not depend on where they differ.
 * Every candidate is compared (no early return).
 */
export function matchesOriginSecret(presented: string | undefined, accepted: readonly string[]): boolean {
  if (!presented) return false;
  let matched = false;
  for (const value of accepted) {
    if (value === '') continue;
    const a = Buffer.from(presented, 'utf8');
    const b = Buffer.from(value, 'utf8');
    // timingSafeEqual needs equal lengths; a length mismatch still runs one comparison of that size.
    const same = a.length === b.length ? timingSafeEqual(a, b) : !timingSafeEqual(b, b);
    matched = same || matched;
  }
  return matched;
}

/** A header of an API Gateway v2 event, whatever the case its name arrived in. */
export function headerOf(
  headers: Readonly<Record<string, string | undefined>> | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/**
 * Reads the accepted values through `read(stage)` (Secrets Manager's AWSCURRENT and AWSPREVIOUS) and keeps
 * them for `maxAgeMs`, so a warm authorizer makes no call; a rotation is picked up within that time.
 * A stage that does not exist (no rotation yet has made an AWSPREVIOUS) is skipped.
 */
export function cachedOriginSecrets(
  read: (stage: 'AWSCURRENT' | 'AWSPREVIOUS') => Promise<string | undefined>,
  options: { maxAgeMs?: number; now?: () => number } = {},
): OriginSecrets {
  const maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let cached: { values: readonly string[]; at: number } | undefined;
  return {
    async accepted() {
      if (cached && now() - cached.at < maxAgeMs) return cached.values;
      const [current, previous] = await Promise.all([read('AWSCURRENT'), read('AWSPREVIOUS')]);
      if (!current) throw new Error('the origin secret has no current value');
      cached = { values: previous ? [current, previous] : [current], at: now() };
      return cached.values;
    },
  };
}
