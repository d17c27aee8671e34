import type { Office } from '../domain/office';
import { principalId, type Principal, type Role } from './principal';

/**
 * What the access guard granted a caller in one office: who they are, which office, their roles there,
 * and (for a site supervisor) the only work sites they may see. Every use case takes one.
 */
export interface OfficeGrant {
  readonly principal: Principal;
  readonly office: Office;
  /** The caller's roles in this office (a Kanwil user reads as `regional`). */
  readonly roles: readonly Role[];
  /**
   * Set when the caller may only see some work sites (a supervisor and nothing more): use cases filter
   * by it. Undefined means the whole office.
   */
  readonly siteIds?: readonly string[];
}

/**
 * What the access guard granted a Kanwil caller on a region route: who they are and the region they
 * read as `regional`. Use cases that span a region's offices take one.
 */
export interface RegionGrant {
  readonly principal: Principal;
  readonly regionId: string;
}

/** The guard's answer: no caller needed, a known caller, a grant in one office, or in one region. */
export type GuardResult =
  | { readonly kind: 'public' }
  | { readonly kind: 'signed-in'; readonly principal: Principal }
  | ({ readonly kind: 'office' } & OfficeGrant)
  | ({ readonly kind: 'region' } & RegionGrant);

/** A grant as the guard hands it to an office route. */
export type InOffice = Extract<GuardResult, { kind: 'office' }>;

/** A grant as the guard hands it to a region route. */
export type InRegion = Extract<GuardResult, { kind: 'region' }>;

/** Who did it and when, for the audit entry of a write. */
export const actorOf = (grant: Pick<OfficeGrant, 'principal'>, at: Date) => ({
  actor: principalId(grant.principal),
  at,
});
