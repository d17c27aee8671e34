import type { OfficeGrant } from '../../identity/grant';
import type { Role } from '../../identity/principal';
import type { OfficeMember } from '../../store/user-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';

export type { OfficeMember };

/**
 * The member and their active roles in other offices and regions (and whether another office's
 * invitation waits for them), or not-found: people of other offices are as invisible as nobody.
 */
export async function loadMember(ports: Pick<Ports, 'users'>, grant: OfficeGrant, username: string) {
  const found = await ports.users.get(grant.office.id, username);
  if (!found.member) throw refuse.notFound('No such user in this office.');
  return {
    member: found.member,
    rolesElsewhere: found.rolesElsewhere,
    pendingElsewhere: found.pendingElsewhere,
  };
}

/** One person of the office. */
export async function readMember(
  ports: Pick<Ports, 'users'>,
  grant: OfficeGrant,
  username: string,
): Promise<OfficeMember> {
  return (await loadMember(ports, grant, username)).member;
}

/** A page of the office's people and their roles. */
export async function findMembers(
  ports: Pick<Ports, 'users'>,
  grant: OfficeGrant,
  page: { limit: number; startKey?: Record<string, unknown> },
) {
  return ports.users.list(grant.office.id, page);
}

/** The sign-in account's groups: every role the person still has, here and elsewhere, once each. */
export const signInRoles = (...roleLists: readonly (readonly Role[])[]): Role[] => [
  ...new Set(roleLists.flat()),
];
