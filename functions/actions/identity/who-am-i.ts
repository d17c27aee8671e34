import type { Principal } from '../../identity/principal';
import type { Ports } from '../ports';
import { visibleOffices, type RoleGrant } from './queries';

export type { RoleGrant } from './queries';

/** The signed-in person or machine client, with its roles and the offices it may see. */
export async function whoAmI(
  ports: Pick<Ports, 'directory'>,
  principal: Principal,
): Promise<{
  principal: Principal;
  roles: RoleGrant[];
  offices: { id: string; name: string; timeZone: string }[];
}> {
  const { roles, offices } = await visibleOffices(ports, principal);
  return { principal, roles, offices: offices.map(({ id, name, timeZone }) => ({ id, name, timeZone })) };
}
