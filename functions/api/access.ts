import type { Role, Scope } from '../identity/principal';

/**
 * The access rule every route declares. The guard is the only place that interprets it, and the
 * access-matrix test reads it from the route table, so a route cannot exist without one.
 */
export type AccessRule =
  /** No token needed (health, OpenAPI). */
  | { readonly kind: 'public' }
  /** Any known, active principal; the handler only ever returns the caller's own data. */
  | { readonly kind: 'signed-in' }
  /**
   * An office resource: the path has `{officeId}`. Callers with no membership in that office get 404;
   * members whose role is not listed get 403. Machine clients also need `scope`.
   */
  | {
      readonly kind: 'office';
      readonly roles: readonly Role[];
      /** Required scope for machine clients (`integration`); undefined = machine clients refused. */
      readonly scope?: Scope;
    }
  /**
   * A region resource: the path has `{regionId}`. Only that region's Kanwil (a `regional` membership
   * of it) passes; anyone else, the region's office staff included, gets 404, as a stranger to an
   * office does. Nobody else holds a role in a region, so there are no roles to list.
   */
  | { readonly kind: 'region' };

export const access = {
  public: { kind: 'public' } as const,
  signedIn: { kind: 'signed-in' } as const,
  office: (roles: readonly Role[], scope?: Scope): AccessRule => ({ kind: 'office', roles, scope }),
  region: { kind: 'region' } as const,
};

/** Role sets used by many routes, named once so the matrix reads like policy. */
export const staff = {
  /** Everyone who may read an office's cases. */
  readers: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'] as const,
  /** People who change case records. */
  editors: ['admin', 'officer'] as const,
  adminOnly: ['admin'] as const,
} satisfies Record<string, readonly Role[]>;
