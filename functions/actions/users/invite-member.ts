import { membershipSites, newMembershipViolations, type OfficeRole } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { Invitation } from '../../identity/identity-provider';
import { MemberExists, type OfficeMember } from '../../store/user-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { signInRoles } from './queries';

export type { Invitation };

const alreadyMember = () =>
  refuse.conflict('This username is already a member of the office.', newMembershipViolations(true));

/**
 * Invites a person to the office with one or more roles: the sign-in account, the membership and the
 * account's groups. Refuses: conflict (USER-ONE-MEMBERSHIP), invalid (USER-SUPERVISOR-SITES).
 */
export async function inviteMember(
  ports: Pick<Ports, 'users' | 'identityProvider' | 'now'>,
  grant: OfficeGrant,
  input: {
    username: string;
    email: string;
    fullName: string;
    roles: readonly OfficeRole[];
    siteIds?: readonly string[];
  },
): Promise<{ user: OfficeMember; invitation: Invitation }> {
  const officeId = grant.office.id;
  const existing = await ports.users.get(officeId, input.username);
  if (existing.member) throw alreadyMember();
  const siteIds = membershipSites(input.roles, input.siteIds);
  if (!siteIds.ok) throw refuse.invalid(siteIds.violations, 'The request has invalid fields.');
  // The sign-in account first: if the Abdi write then fails, a retry finds the account and goes on.
  const invitation = await ports.identityProvider.invite(input);
  let user: OfficeMember;
  try {
    user = await ports.users.create(
      officeId,
      { ...input, siteIds: siteIds.value },
      actorOf(grant, ports.now()),
    );
  } catch (error) {
    if (error instanceof MemberExists) throw alreadyMember();
    throw error;
  }
  await ports.identityProvider.syncGroups(input.username, signInRoles(existing.rolesElsewhere, input.roles));
  return { user, invitation };
}
