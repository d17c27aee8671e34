import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll } from 'vitest';
import { warningStats } from '../../functions/store/warning-store';
import { apiCaller } from './api';
import { registeredCase } from './cases';
import { testEnvironment, uniqueSuffix } from './environment';
import { seedDirectory } from './fixtures';

type Call = ReturnType<typeof apiCaller>;
type World = Awaited<ReturnType<typeof seedDirectory>>;
type Claims = Record<string, unknown>;

/**
 * The non-compliance path through the API, for one office: warnings, referrals, outcomes and cases
 * taken to `active` the way an office does (an assessment, a placement, then active by hand). `world`
 * is read on each call, since tests seed it in `beforeAll`.
 */
export function nonComplianceApi(call: Call, world: () => World) {
  const office = () => `/v1/offices/${world().home}`;
  const casePath = (caseId: string) => `${office()}/cases/${caseId}`;
  const officer = () => world().claims.officer;
  const post = (url: string, body: unknown, claims: Claims) => call('POST', url, { claims, body });

  return {
    office,
    casePath,
    /** The case as the officer reads it. */
    getCase: async (caseId: string) => (await call('GET', casePath(caseId), { claims: officer() })).body,
    warn: (caseId: string, body: Record<string, unknown>, claims: Claims = officer()) =>
      post(`${casePath(caseId)}/warnings`, body, claims),
    refer: (caseId: string, warningIds: string[], claims: Claims = officer()) =>
      post(
        `${casePath(caseId)}/referrals`,
        { reason: 'Tiga kali tidak hadir tanpa alasan yang sah', warningIds },
        claims,
      ),
    recordOutcome: (
      referralId: string,
      body: Record<string, unknown>,
      claims: Claims = world().claims.prosecutor,
    ) => post(`${office()}/referrals/${referralId}/outcome`, body, claims),
    transition: (caseId: string, to: string) =>
      post(`${casePath(caseId)}/transitions`, { to, reason: `Langkah ke ${to}` }, officer()),
    /** A registered case (a new adult client, `lawfulCase` with `overrides`), still `received`. */
    receivedCase: async (overrides?: Record<string, unknown>) =>
      (await registeredCase(call, world(), { status: 'received', case: overrides })).caseId,
    /** An `active` case placed at the office's work site: its id and the site. */
    activeCase: async (overrides?: Record<string, unknown>) => {
      const placed = await registeredCase(call, world(), { case: overrides });
      const moved = await post(
        `${casePath(placed.caseId)}/transitions`,
        { to: 'active', reason: 'Langkah ke active' },
        officer(),
      );
      if (moved.status !== 200) throw new Error(`active: ${JSON.stringify(moved.body)}`);
      return { caseId: placed.caseId, siteId: placed.siteId! };
    },
  };
}

/**
 * A test file's office for the non-compliance path: the API at `now` over the emulators, a world seeded
 * once before its tests, and `nonComplianceApi` over both.
 */
export function nonComplianceSuite(now: string) {
  const env = testEnvironment({ now: () => new Date(now) });
  const call = apiCaller(env.handler);
  let seeded: World | undefined;
  beforeAll(async () => {
    seeded = await seedDirectory(env.directory, uniqueSuffix());
  });
  const world = () => seeded!;
  /** The office's open-warning counter, read from its item. */
  const officeOpenWarnings = async (): Promise<number> => {
    const { Item } = await env.db.send(
      new GetCommand({ TableName: env.tableName, Key: warningStats(world().home), ConsistentRead: true }),
    );
    return Number(Item?.openWarnings ?? 0);
  };
  return { env, call, world, officeOpenWarnings, api: nonComplianceApi(call, world) };
}
