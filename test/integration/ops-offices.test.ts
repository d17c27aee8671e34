import { describe, expect, it } from 'vitest';
import { LocalIdentityProvider } from '../../functions/store/local-identity-provider';
import { parseDeployments } from '../../infra/config/schema';
import { inviteFirstAdmin, syncOffices } from '../../infra/ops/offices';
import { apiCaller, userClaims } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';

const env = testEnvironment();
const call = apiCaller(env.handler);

function deploymentWith(officeId: string) {
  const [deployment] = parseDeployments([
    {
      name: `ops-${uniqueSuffix()}`,
      stage: 'staging',
      account: '111111111111',
      region: 'ap-southeast-3',
      offices: [
        {
          id: officeId,
          name: 'Bapas Kelas II Parepare',
          class: 'II',
          timeZone: 'Asia/Makassar',
          address: 'Jl. Bau Massepe, Parepare',
        },
      ],
      retention: { evidenceObjectLockDays: 30, logRetentionDays: 30 },
      authDomainPrefix: `abdi-ops-${uniqueSuffix()}`,
      evidence: { maxUploadBytes: 1024 },
      webOrigins: [],
    },
  ]);
  return deployment!;
}

describe('operator: adding a tenant without a redeploy', () => {
  it('syncs a new office from the configuration, idempotently', async () => {
    const officeId = `bapas-${uniqueSuffix()}`;
    const deployment = deploymentWith(officeId);

    const first = await syncOffices(env.directory, deployment);
    const second = await syncOffices(env.directory, deployment);
    const renamed = await syncOffices(env.directory, {
      ...deployment,
      offices: [{ ...deployment.offices[0]!, name: 'Bapas Kelas I Parepare' }],
    });

    expect(first).toEqual([{ id: officeId, action: 'created' }]);
    expect(second).toEqual([{ id: officeId, action: 'unchanged' }]);
    expect(renamed).toEqual([{ id: officeId, action: 'updated' }]);
    expect(await env.directory.getOffice(officeId)).toMatchObject({
      name: 'Bapas Kelas I Parepare',
      regionId: deployment.name,
      timeZone: 'Asia/Makassar',
    });
  });

  it("puts offices in the deployment's regionId or their own, and reports one the list no longer names", async () => {
    const [kept, moved, dropped] = [
      `bapas-${uniqueSuffix()}`,
      `bapas-${uniqueSuffix()}`,
      `bapas-${uniqueSuffix()}`,
    ];
    const base = deploymentWith(kept);
    const region = `kanwil-${uniqueSuffix()}`;
    const elsewhere = `kanwil-${uniqueSuffix()}`;
    const office = (id: string, extra = {}) => ({ ...base.offices[0]!, id, ...extra });
    const deployment = { ...base, regionId: region, offices: [office(kept), office(moved), office(dropped)] };

    const first = await syncOffices(env.directory, deployment);
    const later = await syncOffices(env.directory, {
      ...deployment,
      offices: [office(kept), office(moved, { regionId: elsewhere })],
    });

    expect(first.map((r) => r.action)).toEqual(['created', 'created', 'created']);
    expect(later).toEqual([
      { id: kept, action: 'unchanged' },
      { id: moved, action: 'updated' },
      { id: dropped, action: 'unlisted' },
    ]);
    expect((await env.directory.listOfficesInRegion(region)).map((o) => o.id).sort()).toEqual(
      [kept, dropped].sort(),
    );
    expect((await env.directory.listOfficesInRegion(elsewhere)).map((o) => o.id)).toEqual([moved]);
    expect(await env.directory.getOffice(moved)).toMatchObject({ regionId: elsewhere });
  });

  it("invites the office's first admin, who can then manage the office through the API", async () => {
    const officeId = `bapas-${uniqueSuffix()}`;
    await syncOffices(env.directory, deploymentWith(officeId));
    const identityProvider = new LocalIdentityProvider(env.db, env.tableName, () => new Date());
    const username = `admin.${uniqueSuffix()}`;
    const stores = { directory: env.directory, users: env.deps.users, identityProvider };
    const input = {
      officeId,
      username,
      email: 'a@example.invalid',
      fullName: 'Andi',
      operator: 'ops',
      now: new Date(),
    };

    const invitation = await inviteFirstAdmin(stores, input);
    const users = await call('GET', `/v1/offices/${officeId}/users`, { claims: userClaims(username) });

    expect(invitation?.delivery).toBe('link');
    expect(users.status).toBe(200);
    expect(users.body.items).toEqual([expect.objectContaining({ username, roles: ['admin'] })]);
    await expect(inviteFirstAdmin(stores, input)).rejects.toThrow(/already a member/);
    await expect(inviteFirstAdmin(stores, { ...input, officeId: 'bapas-nowhere' })).rejects.toThrow(
      /sync-offices/,
    );
  });

  it('makes a person who already has an account admin of a second office without touching their credentials', async () => {
    const [first, second] = [`bapas-${uniqueSuffix()}`, `bapas-${uniqueSuffix()}`];
    await syncOffices(env.directory, deploymentWith(first));
    await syncOffices(env.directory, deploymentWith(second));
    const invited: string[] = [];
    const identityProvider = {
      invite: async (user: { username: string }) => {
        invited.push(user.username);
        return { delivery: 'link' as const, setPasswordUrl: '/set-password?token=x' };
      },
      syncGroups: async () => undefined,
      setEnabled: async () => undefined,
    };
    const stores = { directory: env.directory, users: env.deps.users, identityProvider };
    const username = `admin.${uniqueSuffix()}`;
    const input = {
      username,
      email: 'a@example.invalid',
      fullName: 'Andi',
      operator: 'ops',
      now: new Date(),
    };

    expect(await inviteFirstAdmin(stores, { ...input, officeId: first })).toBeDefined();
    expect(await inviteFirstAdmin(stores, { ...input, officeId: second })).toBeUndefined();

    expect(invited).toEqual([username]);
    const users = await call('GET', `/v1/offices/${second}/users`, { claims: userClaims(username) });
    expect(users.body.items).toEqual([expect.objectContaining({ username, roles: ['admin'] })]);
  });
});
