import { membershipSites, type OfficeRole } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import { retryOnConflict } from '../../store/optimistic';
import type { OfficeMember } from '../../store/user-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { loadMember, signInRoles } from './queries';

/**
 * Changes a person's roles or work sites in the office (or those a pending invitation offers) if the
 * caller's copy (`expected`) is current, and mirrors an active member's roles to the sign-in account.
 * Refuses: not-found, invalid (USER-SUPERVISOR-SITES), stale.
 */
export async function changeMemberAccess(
  ports: Pick<Ports, 'users' | 'identityProvider' | 'now'>,
  grant: OfficeGrant,
  input: { username: string; expected: number; roles?: readonly OfficeRole[]; siteIds?: readonly string[] },
): Promise<OfficeMember> {
  const { updated, rolesElsewhere } = await retryOnConflict(
    async () => {
      const { member, rolesElsewhere } = await loadMember(ports, grant, input.username);
      const roles = input.roles ?? member.roles;
      const siteIds = membershipSites(roles, input.siteIds ?? member.siteIds);
      if (!siteIds.ok) throw refuse.invalid(siteIds.violations, 'The request has invalid fields.');
      if (member.version !== input.expected) throw refuse.stale();
      const access = { roles, siteIds: siteIds.value };
      const actor = actorOf(grant, ports.now());
      return {
        updated: await ports.users.changeAccess(grant.office.id, member, access, input.expected, actor),
        rolesElsewhere,
      };
    },
    { onExhausted: () => refuse.busy('Others are changing this person; retry shortly.') },
  );
  // USER-PENDING-MEMBERSHIP: roles of an invitation not yet accepted reach the account on acceptance.
  if (updated.status === 'active') {
    await ports.identityProvider.syncGroups(updated.username, signInRoles(rolesElsewhere, updated.roles));
  }
  return updated;
}
