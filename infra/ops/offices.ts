import type { IdentityProvider, Invitation } from '../../functions/identity/identity-provider';
import type { DirectoryStore, Office } from '../../functions/store/directory-store';
import type { UserStore } from '../../functions/store/user-store';
import type { DeploymentConfig } from '../config/schema';

/**
 * Operator actions on tenants. A Bapas joins a deployment by being added to its list,
 * infra/config/offices/<deployment>.json, and synced here: the stack itself does not change, so no
 * redeploy.
 */

/** The Kanwil region of a deployment's offices: its `regionId`, by default its name. */
export const regionOf = (deployment: Pick<DeploymentConfig, 'name' | 'regionId'>): string =>
  deployment.regionId ?? deployment.name;

/**
 * The offices of a deployment as directory records. Each reports to the deployment's region unless it
 * names its own, so one deployment can serve several regions and two deployments one region.
 */
export function officesOf(deployment: DeploymentConfig): Office[] {
  return deployment.offices.map((office) => ({
    id: office.id,
    name: office.name,
    class: office.class,
    timeZone: office.timeZone,
    regionId: office.regionId ?? regionOf(deployment),
    address: office.address ?? '',
  }));
}

/**
 * Writes every configured office (new ones appear, existing ones get the configured name, zone and
 * region). Idempotent: running it twice changes nothing. Offices are never deleted here: their cases
 * are not. An office of the deployment's regions that the list no longer names is reported as
 * `unlisted` (taken off the list, or moved to another deployment), for the operator to retire by hand.
 */
export async function syncOffices(directory: DirectoryStore, deployment: DeploymentConfig) {
  const results: { id: string; action: 'created' | 'updated' | 'unchanged' | 'unlisted' }[] = [];
  const wanted = officesOf(deployment);
  for (const office of wanted) {
    const existing = await directory.getOffice(office.id);
    // The office's own policy is its admin's, not the configuration's: left out of the comparison.
    const { policy: _policy, ...configured } = existing ?? {};
    if (existing && JSON.stringify(configured) === JSON.stringify(office)) {
      results.push({ id: office.id, action: 'unchanged' });
      continue;
    }
    await directory.putOffice(office);
    results.push({ id: office.id, action: existing ? 'updated' : 'created' });
  }
  const listed = new Set(wanted.map((office) => office.id));
  for (const regionId of new Set(wanted.map((office) => office.regionId))) {
    for (const office of await directory.listOfficesInRegion(regionId)) {
      if (!listed.has(office.id)) results.push({ id: office.id, action: 'unlisted' });
    }
  }
  return results;
}

/**
 * Invites the first admin of an office, who then manages everyone else through the API. The sign-in
 * account comes first, so a failed second step can simply be run again. A person who already has an
 * account (an admin of another office) keeps it untouched: the operator, a deployment administrator,
 * confirms the membership by running this (clarifications: identity); the answer is then undefined.
 */
export async function inviteFirstAdmin(
  stores: { directory: DirectoryStore; users: UserStore; identityProvider: IdentityProvider },
  input: { officeId: string; username: string; email: string; fullName: string; operator: string; now: Date },
): Promise<Invitation | undefined> {
  if (!(await stores.directory.getOffice(input.officeId))) {
    throw new Error(`Office ${input.officeId} does not exist: run sync-offices first.`);
  }
  const existing = await stores.users.get(input.officeId, input.username);
  if (existing.member) throw new Error(`${input.username} is already a member of ${input.officeId}.`);
  const invitation = existing.accountExists ? undefined : await stores.identityProvider.invite(input);
  await stores.users.create(
    input.officeId,
    { username: input.username, email: input.email, fullName: input.fullName, roles: ['admin'], siteIds: [] },
    { actor: `operator:${input.operator}`, at: input.now },
  );
  await stores.identityProvider.syncGroups(input.username, [
    ...new Set([...existing.rolesElsewhere, 'admin' as const]),
  ]);
  return invitation;
}
