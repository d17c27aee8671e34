import * as z from 'zod';
import type { Principal, Role } from '../../identity/principal';
import type { DirectoryStore, Office } from '../../store/directory-store';
import { access, staff } from '../access';
import type { GuardResult } from '../guard';
import { defineRoute } from '../route';
import { officeParams } from '../schemas/common';
import { meSchema, officeSchema } from '../schemas/identity';

type SignedIn = Extract<GuardResult, { kind: 'signed-in' }>;
type InOffice = Extract<GuardResult, { kind: 'office' }>;

/**
 * The offices a principal may see, with the role grants expanded per office. A Kanwil (`regional`)
 * grant covers every office of its region, so it costs one Query per region the person belongs to.
 */
async function visibleGrants(directory: DirectoryStore, principal: Principal) {
  const officeIds = principal.memberships.flatMap((m) => ('officeId' in m ? [m.officeId] : []));
  const regionIds = [...new Set(principal.memberships.flatMap((m) => ('regionId' in m ? [m.regionId] : [])))];
  const [direct, ...regional] = await Promise.all([
    directory.getOffices(officeIds),
    ...regionIds.map((regionId) => directory.listOfficesInRegion(regionId)),
  ]);
  const offices = new Map<string, Office>();
  for (const office of [...(direct ?? []), ...regional.flat()]) offices.set(office.id, office);

  const roles = principal.memberships.flatMap((m): { role: Role; officeId: string; siteIds?: string[] }[] => {
    if ('regionId' in m) {
      return regional
        .flat()
        .filter((office) => office.regionId === m.regionId)
        .map((office) => ({ role: m.role, officeId: office.id }));
    }
    return [
      { role: m.role, officeId: m.officeId, ...(m.role === 'supervisor' ? { siteIds: [...m.siteIds] } : {}) },
    ];
  });
  return { roles, offices: [...offices.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

export const getMe = defineRoute<unknown, unknown, unknown, SignedIn>({
  operationId: 'getMe',
  method: 'GET',
  path: '/v1/me',
  summary: 'The signed-in person or machine client, with its roles and offices',
  tags: ['identity'],
  access: access.signedIn,
  responses: { 200: { description: 'The caller', schema: meSchema } },
  async handle({ access: { principal }, deps }) {
    const { roles, offices } = await visibleGrants(deps.directory, principal);
    const officeSummaries = offices.map(({ id, name, timeZone }) => ({ id, name, timeZone }));
    const body =
      principal.kind === 'user'
        ? {
            kind: 'user',
            username: principal.username,
            fullName: principal.fullName,
            roles,
            offices: officeSummaries,
          }
        : {
            kind: 'client',
            clientId: principal.clientId,
            scopes: principal.scopes,
            roles,
            offices: officeSummaries,
          };
    return { status: 200, body };
  },
});

export const listOffices = defineRoute<unknown, unknown, unknown, SignedIn>({
  operationId: 'listOffices',
  method: 'GET',
  path: '/v1/offices',
  summary: 'The offices the caller may see',
  tags: ['identity'],
  access: access.signedIn,
  responses: { 200: { description: 'Offices', schema: z.object({ items: z.array(officeSchema) }) } },
  async handle({ access: { principal }, deps }) {
    const { offices } = await visibleGrants(deps.directory, principal);
    return { status: 200, body: { items: offices } };
  },
});

export const getOffice = defineRoute<z.infer<typeof officeParams>, unknown, unknown, InOffice>({
  operationId: 'getOffice',
  method: 'GET',
  path: '/v1/offices/{officeId}',
  summary: 'One office',
  tags: ['identity'],
  access: access.office(staff.readers, 'cases:read'),
  params: officeParams,
  responses: { 200: { description: 'The office', schema: officeSchema } },
  async handle({ access: { office } }) {
    return { status: 200, body: office };
  },
});
