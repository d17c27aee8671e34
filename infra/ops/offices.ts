import type { IdentityProvider, Invitation } from '../../functions/identity/identity-provider';
import type { DirectoryStore, Office } from '../../functions/store/directory-store';
import type { UserStore } from '../../functions/store/user-store';
import type { DeploymentConfig } from '../config/schema';

/**
 * Operator actions on tenants. A Bapas joins a deployment by being added to its entry in
 * infra/config/deployments.ts and synced here: the stack itself does not change, so no redeploy.
 */

/** The offices of a deployment as directory records; a deployment is one Kanwil region. */
export function officesOf(deployment: DeploymentConfig): Office[] {
  return deployment.offices.map((office) => ({
    id: office.id,
    name: office.name,
    class: office.class,
    timeZone: office.timeZone,
    regionId: deployment.name,
    address: office.address ?? '',
  }));
}

/**
 * Writes every configured office (new ones appear, existing ones get the configured name and zone).
 * Idempotent: running it twice changes nothing. Offices are never deleted here: their cases are not.
 */
export async function syncOffices(directory: DirectoryStore, deployment: DeploymentConfig) {
  const results: { id: string; action: 'created' | 'updated' | 'unchanged' }[] = [];
  for (const office of officesOf(deployment)) {
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
