/**
 * User management in the browser: the checks the form makes before sending (the API decides), and the
 * invitation link local mode returns. Pure, unit-tested in test/unit/web/users.test.ts.
 */
import type { OfficeRole } from './api-types';

/** The API's username rule: 3–64 lower-case letters, digits, dots, dashes or underscores. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;
/** Local set-password and the Cognito pool's policy both ask for at least 12 characters. */
export const PASSWORD_MIN_LENGTH = 12;

export type PasswordProblem = 'tooShort' | 'mismatch';

export function passwordProblem(password: string, confirmation: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (password !== confirmation) return 'mismatch';
  return null;
}

/**
 * The invitation's set-password link as the admin hands it on: absolute on this site. Only a path on
 * this site is accepted; anything else (which the API never sends) yields null rather than a link to
 * elsewhere.
 */
export function invitationLink(setPasswordUrl: string | undefined, origin: string): string | null {
  if (!setPasswordUrl || !setPasswordUrl.startsWith('/') || setPasswordUrl.startsWith('//')) return null;
  const url = new URL(setPasswordUrl, origin);
  return url.origin === new URL(origin).origin ? url.toString() : null;
}

/** Sites go with the supervisor role only; the API drops them otherwise, so the form does too. */
export function sitesFor(roles: readonly OfficeRole[], siteIds: readonly string[]): string[] | undefined {
  return roles.includes('supervisor') ? [...siteIds] : undefined;
}

/** The set-password token from `/set-password?token=…`, or null. */
export function tokenFromSearch(search: string): string | null {
  const token = new URLSearchParams(search).get('token')?.trim();
  return token ? token : null;
}
