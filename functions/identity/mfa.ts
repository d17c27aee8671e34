import { ROLES, type Principal, type Role } from './principal';

/**
 * Multi-factor sign-in per role (ADR 0008). Cognito can only require MFA for a whole user pool, so the
 * pool keeps it optional (TOTP only) and the API's guard refuses a person who holds one of `requiredFor`
 * in any office until they have TOTP enrolled; Cognito then asks every sign-in of theirs for a code.
 */
export interface MfaPolicy {
  readonly requiredFor: readonly Role[];
  /** Whether the person has an authenticator app (TOTP) enrolled and enabled. */
  hasTotp(username: string): Promise<boolean>;
}

/** The principal's roles that require MFA; machine clients never sign in interactively, so none. */
export function rolesRequiringMfa(principal: Principal, requiredFor: readonly Role[]): Role[] {
  if (principal.kind !== 'user') return [];
  const required = new Set(requiredFor);
  return [...new Set(principal.memberships.map((m) => m.role))].filter((role) => required.has(role));
}

/**
 * `MFA_REQUIRED_ROLES` as the stack (or local mode) sets it: a comma-separated list, empty for none.
 * @throws Error naming an unknown role, so a typo fails the cold start instead of dropping the check.
 */
export function parseMfaRoles(raw: string): Role[] {
  const known = new Set<string>(ROLES);
  const roles = raw
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const unknown = roles.filter((role) => !known.has(role));
  if (unknown.length > 0) throw new Error(`MFA_REQUIRED_ROLES names unknown roles: ${unknown.join(', ')}`);
  return roles as Role[];
}
