import { disableViolations } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import { retryOnConflict } from '../../store/optimistic';
import type { OfficeMember } from '../../store/user-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { loadMember, signInRoles } from './queries';

/**
 * Disables a person's access to the office, keeping the record. Only when no other office still
 * grants a role does the sign-in account itself go; otherwise its groups shrink to the roles left.
 * Disabling a disabled member changes nothing. Refuses: not-found, conflict (USER-NOT-SELF), stale.
 */
export async function disableMember(
  ports: Pick<Ports, 'users' | 'identityProvider' | 'now'>,
  grant: OfficeGrant,
  input: { username: string; expected: number },
): Promise<OfficeMember> {
  const caller = grant.principal.kind === 'user' ? grant.principal.username : undefined;
  const outcome = await retryOnConflict(
    async () => {
      const { member, rolesElsewhere } = await loadMember(ports, grant, input.username);
      const self = disableViolations(caller, member.username);
      if (self.length > 0) throw refuse.conflict('You cannot disable your own account.', self);
      if (member.status === 'disabled') return { member, rolesElsewhere, changed: false };
      if (member.version !== input.expected) throw refuse.stale();
      const actor = actorOf(grant, ports.now());
      const profileToo = rolesElsewhere.length === 0;
      const disabled = await ports.users.disable(grant.office.id, member, input.expected, actor, {
        profileToo,
      });
      return { member: disabled, rolesElsewhere, changed: true };
    },
    { onExhausted: () => refuse.busy('Others are changing this person; retry shortly.') },
  );
  const { member, rolesElsewhere, changed } = outcome;
  if (changed && rolesElsewhere.length > 0) {
    await ports.identityProvider.syncGroups(member.username, signInRoles(rolesElsewhere));
  } else if (changed) {
    await ports.identityProvider.setEnabled(member.username, false);
  }
  return member;
}
