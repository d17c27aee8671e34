import type { Role } from './principal';

export interface Invitation {
  /** Local mode only: a one-time link to set the first password (there is no email there). */
  readonly setPasswordUrl?: string;
  readonly expiresAt?: string;
  /** How the person learns of the account: Cognito's email, or the link above. */
  readonly delivery: 'email' | 'link';
}

/**
 * Where people sign in: Cognito in the cloud, local mode's own store on a developer's machine. Abdi's
 * user records stay authoritative for roles and offices; the provider holds credentials, and mirrors
 * roles as groups so an operator can see them in the Cognito console.
 */
export interface IdentityProvider {
  /** Creates the sign-in account and invites the person. Idempotent: an existing account is kept. */
  invite(user: { username: string; email: string; fullName: string }): Promise<Invitation>;
  /** Makes the account's groups equal to `roles` (all of the person's roles, in every office). */
  syncGroups(username: string, roles: readonly Role[]): Promise<void>;
  setEnabled(username: string, enabled: boolean): Promise<void>;
}
