import { problems } from './problem';

/** Strong ETag for a record version: `"7"`. */
export const etag = (version: number) => `"${version}"`;

/**
 * The version a PATCH or DELETE expects, from `If-Match`. Missing → 428, so nobody overwrites a change
 * they never saw; malformed counts as stale → 412.
 */
export function expectedVersion(headers: Readonly<Record<string, string | undefined>>): number {
  const raw = headers['if-match'];
  if (!raw) throw problems.preconditionRequired();
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(raw.trim());
  if (!match) throw problems.preconditionFailed();
  return Number(match[1]);
}
