import { answerViolations } from '../../domain';
import type { Principal } from '../../identity/principal';
import { retryOnConflict } from '../../store/optimistic';
import type { Actor, OfficeMember } from '../../store/user-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { signInRoles } from '../users/queries';

/** An office's membership as the person who answered sees it. */
export interface AnsweredInvitation {
  readonly officeId: string;
  readonly status: OfficeMember['status'];
  readonly roles: OfficeMember['roles'];
  readonly siteIds: OfficeMember['siteIds'];
}

type AnswerPorts = Pick<Ports, 'users' | 'identityProvider' | 'now'>;

/**
 * The signed-in person accepts or declines an office's pending invitation (USER-PENDING-MEMBERSHIP):
 * accepting makes the membership active, so the guard grants its roles from the next request on, and
 * gives the sign-in account the roles' groups; declining keeps the record, granting nothing. Either
 * way the answer is audited in the inviting office, by the person. Machine clients are never invited.
 * Refuses: not-found (no invitation from that office), conflict (already answered or withdrawn).
 */
export async function answerInvitation(
  ports: AnswerPorts,
  principal: Principal,
  input: { officeId: string; answer: 'accept' | 'decline' },
): Promise<AnsweredInvitation> {
  if (principal.kind !== 'user') throw refuse.notFound('No such invitation.');
  return answer(ports, principal.username, input, principal.username);
}

/**
 * A deployment administrator confirms a person's pending membership for them (for the operator's
 * tools: the API has no route for it, and the regional Kanwil role stays read-only). Audited with the
 * operator as the actor. Refuses as `answerInvitation`.
 */
export async function confirmMembership(
  ports: AnswerPorts,
  input: { username: string; officeId: string; operator: string },
): Promise<AnsweredInvitation> {
  const { username, officeId, operator } = input;
  return answer(ports, username, { officeId, answer: 'accept' }, `operator:${operator}`);
}

async function answer(
  ports: AnswerPorts,
  username: string,
  input: { officeId: string; answer: 'accept' | 'decline' },
  actorId: string,
): Promise<AnsweredInvitation> {
  const status = input.answer === 'accept' ? 'active' : 'declined';
  const { member, rolesElsewhere } = await retryOnConflict(
    async () => {
      const found = await ports.users.get(input.officeId, username);
      if (!found.member) throw refuse.notFound('No such invitation.');
      const violations = answerViolations(found.member.status);
      if (violations.length > 0)
        throw refuse.conflict('This invitation has already been answered.', violations);
      const actor: Actor = { actor: actorId, at: ports.now() };
      const answered = await ports.users.answer(
        input.officeId,
        found.member,
        status,
        found.member.version,
        actor,
      );
      return { member: answered, rolesElsewhere: found.rolesElsewhere };
    },
    { onExhausted: () => refuse.busy('The invitation is being changed; retry shortly.') },
  );
  if (status === 'active') {
    await ports.identityProvider.syncGroups(username, signInRoles(rolesElsewhere, member.roles));
  }
  return { officeId: input.officeId, status: member.status, roles: member.roles, siteIds: member.siteIds };
}
