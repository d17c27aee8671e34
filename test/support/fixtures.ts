import type { DirectoryStore } from '../../functions/store/directory-store';
import type { Role, Scope } from '../../functions/identity/principal';
import { clientClaims, userClaims } from './api';

/**
 * Offices and one principal per role, all with ids unique to the calling test file. `home` is the
 * office under test; `other` is its neighbour in the same region, whose data must stay invisible to
 * everyone but the Kanwil; `far` is in another region.
 */
export async function seedDirectory(directory: DirectoryStore, suffix: string) {
  const regionId = `region-${suffix}`;
  const home = `home-${suffix}`;
  const other = `other-${suffix}`;
  /** In another region: not even the Kanwil of `home`'s region may see it. */
  const far = `far-${suffix}`;
  const farRegionId = `far-region-${suffix}`;
  const siteId = `site-${suffix}`;
  for (const [id, region] of [
    [home, regionId],
    [other, regionId],
    [far, farRegionId],
  ] as const) {
    await directory.putOffice({
      id,
      name: `Bapas ${id}`,
      class: 'II',
      timeZone: 'Asia/Makassar',
      regionId: region,
      address: 'Test',
    });
  }
  const people: Record<Exclude<Role, 'integration'> | 'otherAdmin', string> = {
    admin: `admin-${suffix}`,
    officer: `officer-${suffix}`,
    supervisor: `supervisor-${suffix}`,
    prosecutor: `prosecutor-${suffix}`,
    regional: `regional-${suffix}`,
    otherAdmin: `other-admin-${suffix}`,
  };
  await directory.putUser(profile(people.admin), [{ role: 'admin', officeId: home }]);
  await directory.putUser(profile(people.officer), [{ role: 'officer', officeId: home }]);
  await directory.putUser(profile(people.supervisor), [
    { role: 'supervisor', officeId: home, siteIds: [siteId] },
  ]);
  await directory.putUser(profile(people.prosecutor), [{ role: 'prosecutor', officeId: home }]);
  await directory.putUser(profile(people.regional), [{ role: 'regional', regionId }]);
  await directory.putUser(profile(people.otherAdmin), [{ role: 'admin', officeId: other }]);

  const clientId = `client-${suffix}`;
  const clientScopes: Scope[] = ['cases:read'];
  await directory.putMachineClient(
    { clientId, name: 'Test client', status: 'active', scopes: clientScopes },
    [{ role: 'integration', officeId: home }],
  );

  const claims = {
    admin: userClaims(people.admin),
    officer: userClaims(people.officer),
    supervisor: userClaims(people.supervisor),
    prosecutor: userClaims(people.prosecutor),
    regional: userClaims(people.regional),
    otherAdmin: userClaims(people.otherAdmin),
    /** The token asks for more than the server granted: only cases:read must survive. */
    integration: clientClaims(clientId, ['cases:read', 'cases:write']),
  };
  return { regionId, farRegionId, home, other, far, siteId, people, clientId, claims };
}

function profile(username: string) {
  return {
    username,
    fullName: `Name of ${username}`,
    email: `${username}@example.invalid`,
    status: 'active' as const,
  };
}
