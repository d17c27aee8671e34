import type { Principal } from '../../identity/principal';
import type { PendingInvitation } from '../../store/user-store';
import type { Ports } from '../ports';
import { visibleOffices, type RoleGrant } from './queries';

export type { RoleGrant } from './queries';
export type { PendingInvitation };

/**
 * The signed-in person or machine client, with its roles and the offices it may see, and (people
 * only) the offices' invitations waiting for their answer (USER-PENDING-MEMBERSHIP): those grant
 * nothing yet, so they are listed apart from the roles.
 */
export async function whoAmI(
  ports: Pick<Ports, 'directory' | 'users'>,
  principal: Principal,
): Promise<{
  principal: Principal;
  roles: RoleGrant[];
  offices: { id: string; name: string; timeZone: string }[];
  invitations: PendingInvitation[];
}> {
  const [{ roles, offices }, invitations] = await Promise.all([
    visibleOffices(ports, principal),
    principal.kind === 'user' ? ports.users.pendingInvitations(principal.username) : [],
  ]);
  return {
    principal,
    roles,
    offices: offices.map(({ id, name, timeZone }) => ({ id, name, timeZone })),
    invitations,
  };
}
