import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { endExpiredPlacements } from '../../functions/actions/placements/end-expired';
import type { Office } from '../../functions/domain';
import { createHousekeepingWorkers } from '../../functions/platform/housekeeping-workers';
import { keys } from '../../functions/store/keys';
import { RetentionStore } from '../../functions/store/retention-store';
import { UpgradeStore } from '../../functions/store/upgrade-store';
import { parseDeployments } from '../../infra/config/schema';
import { backfillDeployment, backfillOffice, formatReport } from '../../infra/ops/backfill';
import { apiCaller } from '../support/api';
import { adultClient, childCase, lawfulCase, registeredCase } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, placedCase } from '../support/placed-case';

/**
 * Upgrading a live table (`npm run ops -- backfill`): records written before a feature kept its derived
 * data are made to look like that (the data stripped with raw updates), then backfilled, against
 * DynamoDB Local. Only this file's office is read and written.
 */
let now = new Date('2026-05-11T02:00:00Z');
const env = testEnvironment({ now: () => now });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let office: Office;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  await fixtureSite(env.deps, world);
  office = (await env.deps.directory.getOffice(world.home))!;
});

/** Palopo (WITA, UTC+8) at a local date and time. */
const wita = (date: string, time = '00:30') => new Date(`${date}T${time}:00+08:00`);
const ports = () => ({
  upgrade: new UpgradeStore(env.db, env.tableName),
  clients: new RetentionStore(env.db, env.tableName),
  audit: env.deps.audit,
});
const housekeeping = () => createHousekeepingWorkers(env.config, { now: () => now });
const stored = async (key: { pk: string; sk: string }) =>
  (await env.db.send(new GetCommand({ TableName: env.tableName, Key: key, ConsistentRead: true }))).Item!;
/** Makes an item look as written before a feature: its derived attributes removed (and `set` added). */
const strip = (key: { pk: string; sk: string }, names: string[], set: Record<string, unknown> = {}) =>
  env.db.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: key,
      UpdateExpression: [
        Object.keys(set).length
          ? `SET ${Object.keys(set)
              .map((n, i) => `#s${i} = :s${i}`)
              .join(', ')}`
          : '',
        `REMOVE ${names.map((_, i) => `#r${i}`).join(', ')}`,
      ].join(' '),
      ExpressionAttributeNames: Object.fromEntries([
        ...names.map((n, i) => [`#r${i}`, n]),
        ...Object.keys(set).map((n, i) => [`#s${i}`, n]),
      ]),
      ...(Object.keys(set).length
        ? { ExpressionAttributeValues: Object.fromEntries(Object.values(set).map((v, i) => [`:s${i}`, v])) }
        : {}),
    }),
  );
const created = (response: { status: number; body: { id: string } }) => {
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
};
const move = (caseId: string, to: string) =>
  call('POST', `/v1/offices/${world.home}/cases/${caseId}/transitions`, {
    claims: world.claims.officer,
    body: { to, reason: `Ke ${to}` },
  });
const retentionPlan = () =>
  call('GET', `/v1/offices/${world.home}/retention?through=2031-12-31`, { claims: world.claims.admin });

describe('ops backfill: upgrading a live table', () => {
  it('gives pre-upgrade clients, closed cases and placements their derived data, once, and a dry run writes nothing', async () => {
    // Arrange: a client (17 at a January 2026 offence, 18 since February) with an adult case and then a
    // child case; the adult case closed at 00:30 WITA on 13 May (still 12 May in UTC).
    const base = `/v1/offices/${world.home}`;
    const clientId = created(
      await call('POST', `${base}/clients`, {
        claims: world.claims.officer,
        body: adultClient({
          nik: `73730120020800${String(10 + (Date.now() % 89)).padStart(2, '0')}`,
          birthDate: '2008-02-20',
          guardian: { name: 'Hasnah', relation: 'ibu', phone: '+62 813 0000 1111' },
        }),
      }),
    );
    const adultCaseId = created(
      await call('POST', `${base}/cases`, {
        claims: world.claims.officer,
        body: lawfulCase(clientId, world.people.officer),
      }),
    );
    now = new Date('2026-05-11T03:00:00Z');
    const childCaseId = created(
      await call('POST', `${base}/cases`, {
        claims: world.claims.officer,
        body: childCase(clientId, world.people.officer),
      }),
    );
    now = wita('2026-05-12', '20:00');
    expect((await move(adultCaseId, 'terminated')).status).toBe(200);
    now = wita('2026-05-13', '00:30');
    expect((await move(adultCaseId, 'closed')).status).toBe(200);
    // A placement ending Friday 15 May; a client the retention job has anonymised.
    now = wita('2026-05-13', '10:00');
    const placed = await placedCase(call, world, {
      placement: { weekdays: [1, 2, 3, 4, 5], from: '2026-03-02', until: '2026-05-15' },
    });
    const gone = await registeredCase(call, world, { status: 'received' });

    const clientKey = keys.client(world.home, clientId);
    const closedKey = keys.caseRecord(world.home, adultCaseId);
    const placementKey = {
      pk: keys.casePartition(world.home, placed.caseId),
      sk: `PLACEMENT#${placed.placementId}`,
    };
    const goneKey = keys.client(world.home, gone.client.id);
    // What today's writes keep, which the backfill must reproduce.
    expect(await stored(clientKey)).toMatchObject({
      caseIds: [adultCaseId, childCaseId],
      childAtOffence: { caseId: childCaseId, offenceDate: '2026-01-10' },
    });
    expect(await stored(closedKey)).toMatchObject({
      closedOn: '2026-05-13',
      duepk: keys.retentionCases(world.home),
    });
    expect((await stored(placementKey)).duepk).toBe(keys.activePlacements(world.home));

    // Pre-upgrade data: the derived attributes gone.
    await strip(clientKey, ['caseIds', 'childAtOffence']);
    await strip(keys.client(world.home, placed.client.id), ['caseIds']);
    await strip(goneKey, ['caseIds', 'fullName', 'nik', 'address', 'phone'], {
      anonymisedAt: '2026-05-01T00:00:00.000Z',
    });
    await strip(closedKey, ['closedOn', 'duepk', 'duesk']);
    await strip(placementKey, ['duepk', 'duesk']);
    // The jobs miss them: the retention dry run lists nothing, the housekeeping ends nothing.
    expect((await retentionPlan()).body.items).toEqual([]);
    now = wita('2026-05-16');
    expect(await endExpiredPlacements(housekeeping(), office)).toMatchObject({ ended: 0 });
    const before = await Promise.all([clientKey, closedKey, placementKey, goneKey].map(stored));

    // Act 1: a dry run.
    const dry = await backfillOffice(ports(), office, { dryRun: true });

    // Assess 1: it says what it would do, and wrote nothing.
    const expected = {
      officeId: world.home,
      cases: 4,
      clientCaseIds: 2,
      childMarks: 1,
      closedFromAudit: 1,
      closedFromUpdatedAt: 0,
      retentionListed: 1,
      placementsListed: 1,
      anonymisedSkipped: 1,
      clientsNotFound: 0,
      changedMeanwhile: 0,
    };
    expect(dry).toEqual({ ...expected, dryRun: true });
    expect(formatReport(dry)).toMatch(/would set: .*dry run, nothing written$/);
    expect(await Promise.all([clientKey, closedKey, placementKey, goneKey].map(stored))).toEqual(before);

    // Act 2: the backfill.
    const report = await backfillOffice(ports(), office, { dryRun: false });

    // Assess 2: the client has both cases in order of creation and the child mark; the closed case its
    // office-local closure date and its place in the retention listing; the anonymised client nothing.
    expect(report).toEqual({ ...expected, dryRun: false });
    expect(formatReport(report)).not.toMatch(new RegExp(clientId));
    expect(await stored(clientKey)).toMatchObject({
      caseIds: [adultCaseId, childCaseId],
      childAtOffence: { caseId: childCaseId, offenceDate: '2026-01-10' },
    });
    expect((await stored(keys.client(world.home, placed.client.id))).caseIds).toEqual([placed.caseId]);
    expect(await stored(goneKey)).toEqual(before[3]);
    expect(await stored(closedKey)).toMatchObject({
      closedOn: '2026-05-13',
      duepk: keys.retentionCases(world.home),
      duesk: keys.caseByDay('2026-05-13', adultCaseId),
      version: before[1]!.version,
    });
    const plan = await retentionPlan();
    expect(plan.status).toBe(200);
    expect(plan.body.items).toEqual([
      expect.objectContaining({ caseId: adultCaseId, closedOn: '2026-05-13' }),
    ]);
    // The placement is now listed, and the housekeeping ends it after its last day.
    expect(await endExpiredPlacements(housekeeping(), office)).toMatchObject({ ended: 1, failed: 0 });
    expect((await stored(placementKey)).status).toBe('ended');

    // Act 3: a second run, real and dry.
    const after = await Promise.all([clientKey, closedKey, placementKey, goneKey].map(stored));
    const again = await backfillOffice(ports(), office, { dryRun: false });
    const dryAgain = await backfillOffice(ports(), office, { dryRun: true });

    // Assess 3: nothing more to do, and it says so.
    const nothing = {
      ...expected,
      clientCaseIds: 0,
      childMarks: 0,
      closedFromAudit: 0,
      retentionListed: 0,
      placementsListed: 0,
    };
    expect(again).toEqual({ ...nothing, dryRun: false });
    expect(dryAgain).toEqual({ ...nothing, dryRun: true });
    expect(formatReport(again)).toMatch(/nothing to do$/);
    expect(await Promise.all([clientKey, closedKey, placementKey, goneKey].map(stored))).toEqual(after);
  });

  it('never duplicates a case id beside a live registration, and keeps the order of creation', async () => {
    // Arrange: a client with one pre-upgrade case (its caseIds stripped), then a new case registered
    // live, which starts the list the backfill had decided to write without it.
    now = wita('2026-05-20', '09:00');
    const { client, caseId: first } = await registeredCase(call, world, { status: 'received' });
    const clientKey = keys.client(world.home, client.id);
    await strip(clientKey, ['caseIds']);
    const upgrade = new UpgradeStore(env.db, env.tableName);
    now = wita('2026-05-20', '10:00');
    const second = created(
      await call('POST', `/v1/offices/${world.home}/cases`, {
        claims: world.claims.officer,
        body: lawfulCase(client.id, world.people.officer),
      }),
    );
    expect((await stored(clientKey)).caseIds).toEqual([second]);

    // Act: a write decided on the client as it was (no list) is refused; the backfill reads again.
    const raced = await upgrade.setClientCases({
      officeId: world.home,
      clientId: client.id,
      seen: undefined,
      caseIds: [first],
    });
    const report = await backfillOffice(ports(), office, { dryRun: false });

    // Assess
    expect(raced).toBe(false);
    expect(report).toMatchObject({ clientCaseIds: 1, changedMeanwhile: 0 });
    expect((await stored(clientKey)).caseIds).toEqual([first, second]);
    expect((await backfillOffice(ports(), office, { dryRun: false })).clientCaseIds).toBe(0);
  });

  it('runs over every office of the deployment and its regions, or the one named, one line each', async () => {
    // Arrange: the deployment lists this file's office and one never synced; its region also holds the
    // neighbouring office, which the list does not name.
    const neverSynced = `bapas-never-${uniqueSuffix()}`;
    const [parsed] = parseDeployments([
      {
        name: `ops-${uniqueSuffix()}`,
        stage: 'staging',
        account: '111111111111',
        region: 'ap-southeast-3',
        regionId: world.regionId,
        offices: [
          { id: neverSynced, name: 'Bapas', class: 'II', timeZone: 'Asia/Makassar', address: 'Test' },
        ],
        retention: { evidenceObjectLockDays: 30, logRetentionDays: 30 },
        authDomainPrefix: `abdi-ops-${uniqueSuffix()}`,
        evidence: { maxUploadBytes: 1024 },
        webOrigins: [],
      },
    ]);
    // The fixture's office ids are not in the configuration's format: listed after parsing.
    const deployment = {
      ...parsed!,
      offices: [{ ...parsed!.offices[0]!, id: world.home }, ...parsed!.offices],
    };

    // Act
    const all = await backfillDeployment(ports(), env.directory, deployment, { dryRun: true });
    const one = await backfillDeployment(ports(), env.directory, deployment, {
      office: world.other,
      dryRun: false,
    });

    // Assess
    expect(all).toEqual([
      expect.stringMatching(new RegExp(`^${world.home}: \\d+ cases; would set: .*nothing to do$`)),
      `${neverSynced}: not in the directory (run sync-offices first)`,
      expect.stringMatching(new RegExp(`^${world.other}: 0 cases; would set: .*nothing to do$`)),
    ]);
    expect(one).toEqual([expect.stringMatching(new RegExp(`^${world.other}: 0 cases; set: `))]);
  });
});
