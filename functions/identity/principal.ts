/**
 * Who is calling: roles, memberships and the resolved principal.
 *
 * Roles and offices come only from the verified token's subject plus Abdi's own user records, never
 * from the request body or path: the token says *who*, the server says *what they may do*.
 */

export const ROLES = ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'] as const;
export type Role = (typeof ROLES)[number];

/** OAuth scopes of the `abdi` resource server, granted to machine clients (client-credentials). */
export const SCOPES = ['cases:read', 'cases:write', 'evidence:write'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * One grant of a role. Office roles name an office; `regional` (Kanwil) names a region and reads every
 * office in it; a `supervisor` is further limited to work sites.
 */
export type Membership =
  | { readonly role: Exclude<Role, 'regional' | 'supervisor'>; readonly officeId: string }
  | { readonly role: 'supervisor'; readonly officeId: string; readonly siteIds: readonly string[] }
  | { readonly role: 'regional'; readonly regionId: string };

export interface UserPrincipal {
  readonly kind: 'user';
  readonly username: string;
  readonly fullName: string;
  readonly memberships: readonly Membership[];
}

export interface ClientPrincipal {
  readonly kind: 'client';
  readonly clientId: string;
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly memberships: readonly Membership[];
}

export type Principal = UserPrincipal | ClientPrincipal;

/** What the verified token says, before the server's records are consulted. */
export type TokenSubject =
  | { readonly kind: 'user'; readonly username: string }
  | { readonly kind: 'client'; readonly clientId: string; readonly scopes: readonly Scope[] };

export function principalId(principal: Principal): string {
  return principal.kind === 'user' ? principal.username : `client:${principal.clientId}`;
}
