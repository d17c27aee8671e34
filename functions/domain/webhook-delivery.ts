/**
 * The rules of webhook subscriptions and deliveries (issue 13, ADR 0013). Pure.
 */
import { fail, ok, Rule, violation, type Result } from './rules';

/**
 * WH-DELIVERY: when each attempt is due, counted from the event: at once, then after 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h and 10 h (about 27.5 hours in all, as the Standard Webhooks reference
 * schedule does). After the last one fails the delivery is failed and holds its queue back.
 */
export const RETRY_SCHEDULE_SECONDS: readonly number[] = [0, 5, 300, 1_800, 7_200, 18_000, 36_000, 36_000];

/** When the next attempt is due after `attemptsMade` failed ones; undefined once they are used up. */
export function nextAttemptAt(firstAttemptAt: Date, attemptsMade: number): Date | undefined {
  if (attemptsMade >= RETRY_SCHEDULE_SECONDS.length) return undefined;
  const seconds = RETRY_SCHEDULE_SECONDS.slice(0, attemptsMade + 1).reduce((sum, s) => sum + s, 0);
  return new Date(firstAttemptAt.getTime() + seconds * 1000);
}

/**
 * WH-URL: where an office may send its webhooks. In the cloud only https to a host that is not a
 * private, loopback or link-local address literal (names are checked again when they resolve, at each
 * delivery); in local mode also http and private hosts, so a receiver on the laptop works.
 */
export function webhookUrl(
  raw: string,
  mode: 'cloud' | 'local',
  /** False for an address literal in a private, loopback or link-local range (platform/public-address.ts). */
  isPublicHost: (host: string) => boolean,
): Result<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail([violation(Rule.WH_URL, 'url', 'Not a URL.')]);
  }
  const problems: string[] = [];
  if (url.protocol !== 'https:' && !(mode === 'local' && url.protocol === 'http:')) {
    problems.push('Webhooks are sent over https.');
  }
  if (url.username || url.password)
    problems.push('Put no credentials in the URL; receivers verify the signature.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (mode === 'cloud' && (host === 'localhost' || !isPublicHost(host))) {
    problems.push('The host must be a public address.');
  }
  return problems.length > 0
    ? fail(problems.map((message) => violation(Rule.WH_URL, 'url', message)))
    : ok(url.toString());
}
