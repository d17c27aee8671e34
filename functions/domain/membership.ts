/**
 * People of an office: the roles an office admin grants and the rules of a membership. `regional` and
 * `integration` are granted by an operator, never here.
 */
import { fail, ok, Rule, violation, type Result, type RuleViolation } from './rules';

export const OFFICE_ROLES = ['admin', 'officer', 'supervisor', 'prosecutor'] as const;
export type OfficeRole = (typeof OFFICE_ROLES)[number];

/**
 * USER-SUPERVISOR-SITES: the work sites a membership names. A site supervisor (pengawas lapangan) sees
 * only their sites, so needs at least one; every other role sees the whole office, so names none.
 */
export function membershipSites(
  roles: readonly string[],
  siteIds: readonly string[] | undefined,
): Result<readonly string[]> {
  if (!roles.includes('supervisor')) return ok([]);
  if (!siteIds || siteIds.length === 0) {
    return fail([
      violation(Rule.USER_SUPERVISOR_SITES, 'siteIds', 'A supervisor needs at least one work site.'),
    ]);
  }
  return ok(siteIds);
}

/** USER-ONE-MEMBERSHIP: a person joins an office once; a second invitation is refused. */
export const newMembershipViolations = (alreadyMember: boolean): RuleViolation[] =>
  alreadyMember ? [violation(Rule.USER_ONE_MEMBERSHIP, 'username', 'Already a member of this office.')] : [];

/** USER-NOT-SELF: an admin cannot lock themselves out by disabling their own account. */
export const disableViolations = (callerUsername: string | undefined, username: string): RuleViolation[] =>
  callerUsername === username
    ? [violation(Rule.USER_NOT_SELF, 'username', 'You cannot disable your own account.')]
    : [];
