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

/**
 * A membership's life: `pending` from the invitation until the person answers, then `active` (accepted)
 * or `declined`; `disabled` when the office withdraws it (an invitation or a membership).
 */
export const MEMBERSHIP_STATUSES = ['pending', 'active', 'disabled', 'declined'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/**
 * USER-PENDING-MEMBERSHIP: only an accepted membership grants its roles. A stored status Abdi does not
 * know grants nothing either, so a new state can never open access by accident.
 */
export const membershipGrants = (status: unknown): boolean => status === 'active';

/** USER-PENDING-MEMBERSHIP: an invitation is answered once, while it is pending. */
export const answerViolations = (status: MembershipStatus): RuleViolation[] =>
  status === 'pending'
    ? []
    : [violation(Rule.USER_PENDING_MEMBERSHIP, 'officeId', 'There is no pending invitation to answer.')];

/**
 * USER-GLOBAL-USERNAME: what inviting a username does. Only a username nobody holds gets a new sign-in
 * account (and its set-password invitation); an existing person's credentials are never touched. Either
 * way the office gets a pending membership and the same answer, so the invitation reveals nothing.
 */
export function invitationPlan(accountExists: boolean): {
  readonly createAccount: boolean;
  readonly status: 'pending';
} {
  return { createAccount: !accountExists, status: 'pending' };
}

/**
 * USER-OFFICE-FIELDS: the name and email an office sees for a member are the ones it typed when it
 * invited them, kept on its own membership. Only a membership recorded before offices kept their own
 * (seeded by an operator, whose office made the profile) falls back to the profile.
 */
export function memberFields(
  membership: { readonly fullName?: unknown; readonly email?: unknown },
  profile: { readonly fullName?: unknown; readonly email?: unknown } | undefined,
): { fullName: string; email: string } {
  if (typeof membership.fullName === 'string') {
    return { fullName: membership.fullName, email: String(membership.email ?? '') };
  }
  return { fullName: String(profile?.fullName ?? ''), email: String(profile?.email ?? '') };
}
