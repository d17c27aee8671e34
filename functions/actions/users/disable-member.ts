import { disableViolations } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import { retryOnConflict } from '../../store/optimistic';
import type { OfficeMember } from '../../store/user-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { loadMember, signInRoles } from './queries';

/**
 * Disables a person's access to the office, keeping the record; on a pending invitation it withdraws
 * it. Only when no other office still grants a role, nor waits for an answer to its invitation, does
 * the sign-in account itself go; otherwise its groups shrink to the roles left. Disabling a disabled
 * member changes nothing. Refuses: not-found, conflict (USER-NOT-SELF), stale.
 */
export async function disableMember(
  ports: Pick<Ports, 'users' | 'identityProvider' | 'now'>,
  grant: OfficeGrant,
  input: { username: string; expected: number },
): Promise<OfficeMember> {
  const caller = grant.principal.kind === 'user' ? grant.principal.username : undefined;
  const outcome = await retryOnConflict(
    async () => {
      const { member, rolesElsewhere, pendingElsewhere } = await loadMember(ports, grant, input.username);
      const self = disableViolations(caller, member.username);
      if (self.length > 0) throw refuse.conflict('You cannot disable your own account.', self);
      const keepAccount = rolesElsewhere.length > 0 || pendingElsewhere;
      if (member.status === 'disabled') return { member, rolesElsewhere, keepAccount, changed: false };
      if (member.version !== input.expected) throw refuse.stale();
      const actor = actorOf(grant, ports.now());
      const disabled = await ports.users.disable(grant.office.id, member, input.expected, actor, {
        profileToo: !keepAccount,
      });
      return { member: disabled, rolesElsewhere, keepAccount, changed: true };
    },
    { onExhausted: () => refuse.busy('Others are changing this person; retry shortly.') },
  );
  const { member, rolesElsewhere, keepAccount, changed } = outcome;
  if (changed && keepAccount) {
    await ports.identityProvider.syncGroups(member.username, signInRoles(rolesElsewhere));
  } else if (changed) {
    await ports.identityProvider.setEnabled(member.username, false);
  }
  return member;
}
