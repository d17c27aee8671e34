import { ROLES, type Principal, type Role } from './principal';

/**
 * The second factors a user pool can offer, as Cognito names them in `UserMFASettingList`: an
 * authenticator app (TOTP), and a code sent by email (a pool that sends through SES, ADR 0018).
 */
export const MFA_FACTORS = ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] as const;
export type MfaFactor = (typeof MFA_FACTORS)[number];

/**
 * Multi-factor sign-in per role (ADR 0008, ADR 0018). Cognito can only require MFA for a whole user
 * pool, so the pool keeps it optional and the API's guard refuses a person who holds one of
 * `requiredFor` in any office until they have a factor the pool offers enabled (TOTP, or email codes
 * where the pool sends them); Cognito then asks every sign-in of theirs for a code.
 */
export interface MfaPolicy {
  readonly requiredFor: readonly Role[];
  /** Whether the person has one of the pool's second factors enabled. */
  hasMfa(username: string): Promise<boolean>;
}

/**
 * Whether a person's enabled factors (`UserMFASettingList`) include one the pool offers. A factor the
 * pool no longer offers does not count: Cognito would not ask for it at sign-in.
 */
export const hasOfferedFactor = (enabled: readonly string[], offered: readonly MfaFactor[]): boolean =>
  enabled.some((factor) => (offered as readonly string[]).includes(factor));

/**
 * `MFA_FACTORS` as the stack sets it (the factors the pool offers, comma-separated). Unset or empty:
 * TOTP alone, what every pool offers.
 * @throws Error naming an unknown factor, so a typo fails the cold start instead of dropping a factor.
 */
export function parseMfaFactors(raw: string | undefined): MfaFactor[] {
  const factors = (raw ?? '')
    .split(',')
    .map((factor) => factor.trim())
    .filter(Boolean);
  const unknown = factors.filter((factor) => !(MFA_FACTORS as readonly string[]).includes(factor));
  if (unknown.length > 0) throw new Error(`MFA_FACTORS names unknown factors: ${unknown.join(', ')}`);
  return factors.length > 0 ? [...new Set(factors as MfaFactor[])] : ['SOFTWARE_TOKEN_MFA'];
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
