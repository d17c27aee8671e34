import type { Office } from '../../domain';
import type { Principal, Role } from '../../identity/principal';
import type { Ports } from '../ports';

/** A role the caller holds in one office (a supervisor's with the sites it covers). */
export interface RoleGrant {
  readonly role: Role;
  readonly officeId: string;
  readonly siteIds?: string[];
  /** A Kanwil (`regional`) grant's region, which the region routes (`/v1/regions/{regionId}`) name. */
  readonly regionId?: string;
}

/**
 * The offices a principal may see, with the role grants expanded per office. A Kanwil (`regional`)
 * grant covers every office of its region, so it costs one Query per region the person belongs to.
 */
export async function visibleOffices(
  ports: Pick<Ports, 'directory'>,
  principal: Principal,
): Promise<{ roles: RoleGrant[]; offices: Office[] }> {
  const officeIds = principal.memberships.flatMap((m) => ('officeId' in m ? [m.officeId] : []));
  const regionIds = [...new Set(principal.memberships.flatMap((m) => ('regionId' in m ? [m.regionId] : [])))];
  const [direct, ...regional] = await Promise.all([
    ports.directory.getOffices(officeIds),
    ...regionIds.map((regionId) => ports.directory.listOfficesInRegion(regionId)),
  ]);
  const offices = new Map<string, Office>();
  for (const office of [...(direct ?? []), ...regional.flat()]) offices.set(office.id, office);

  const roles = principal.memberships.flatMap((m): RoleGrant[] => {
    if ('regionId' in m) {
      return regional
        .flat()
        .filter((office) => office.regionId === m.regionId)
        .map((office) => ({ role: m.role, officeId: office.id, regionId: m.regionId }));
    }
    return [
      { role: m.role, officeId: m.officeId, ...(m.role === 'supervisor' ? { siteIds: [...m.siteIds] } : {}) },
    ];
  });
  return { roles, offices: [...offices.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}
