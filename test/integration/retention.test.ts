import {
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectRetentionCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyStoredObjects } from '../../functions/actions/evidence/verify-stored-objects';
import { applyRetention } from '../../functions/actions/retention/apply-retention';
import type { Office } from '../../functions/domain';
import { createEvidenceWorkers } from '../../functions/platform/dependencies';
import { createHousekeepingWorkers } from '../../functions/platform/housekeeping-workers';
import { auditPartition } from '../../functions/store/audit';
import { keys } from '../../functions/store/keys';
import { housekeepingTableAccess } from '../../infra/constructs/housekeeping';
import { allows } from '../../infra/constructs/table-access';
import { lawfulCase } from '../support/cases';
import { recordingDynamoClient } from '../support/dynamo-calls';
import { photoJpeg } from '../support/evidence-files';
import { createdEvent, evidenceFlow, putUpload } from '../support/evidence-flow';

/**
 * Issue 17, item 1: the retention schedule applied by the nightly job, read first in its dry run,
 * through the API against DynamoDB Local and s3rver with the test's clock (defaults: access logs 2 years,
 * evidence and thumbnails 5, case, client and audit 10; client steps from the last closure).
 *
 * What this cannot prove: s3rver has no versions and no Object Lock (checked below), so the job runs
 * here with the adapter that lists and deletes current objects. That the locks are extended to the end
 * of the evidence period, that S3 refuses a deletion before it, and that the bucket policy lets the
 * housekeeping role do exactly this, only the cloud shows (the command contract is unit-tested).
 */
const flow = evidenceFlow();
const { clock, env, call, caseAtSite, request } = flow;
let office: Office;
let world: typeof flow.world;

/** Palopo (WITA) at a local date, 00:30: when the nightly job runs. */
const setClock = (date: string, time = '00:30') => clock.setTime(Date.parse(`${date}T${time}:00+08:00`));
const ports = (dynamo?: ReturnType<typeof recordingDynamoClient>['client']) =>
  createHousekeepingWorkers(env.config, { now: () => new Date(clock), ...(dynamo ? { dynamo } : {}) });
const s3 = new S3Client({
  region: 'ap-southeast-3',
  endpoint: env.config.s3Endpoint,
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
});
const objectsUnder = async (prefix: string) =>
  (
    (await s3.send(new ListObjectsV2Command({ Bucket: env.config.evidenceBucket, Prefix: prefix })))
      .Contents ?? []
  ).length;
const partitionItems = async (pk: string) =>
  (
    await env.db.send(
      new (await import('@aws-sdk/lib-dynamodb')).QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
      }),
    )
  ).Items ?? [];

const plan = (through?: string) =>
  call('GET', `/v1/offices/${world.home}/retention${through ? `?through=${through}` : ''}`, {
    claims: world.claims.admin,
  });
const log = () => call('GET', `/v1/offices/${world.home}/retention/log`, { claims: world.claims.admin });
const move = (caseId: string, to: string) =>
  call('POST', `/v1/offices/${world.home}/cases/${caseId}/transitions`, {
    claims: world.claims.officer,
    body: { to, reason: `Ke ${to}` },
  });

beforeAll(async () => {
  world = flow.world;
  office = (await env.deps.directory.getOffice(world.home))!;
});

describe('s3rver, as local mode stands in for the evidence bucket', () => {
  it('has neither object versions nor Object Lock: the job gets the adapter that says so', async () => {
    const bucket = env.config.evidenceBucket;
    await expect(s3.send(new ListObjectVersionsCommand({ Bucket: bucket }))).rejects.toThrow();
    await expect(
      s3.send(
        new PutObjectRetentionCommand({
          Bucket: bucket,
          Key: 'evidence/x',
          Retention: { Mode: 'GOVERNANCE', RetainUntilDate: new Date('2031-01-01') },
        }),
      ),
    ).rejects.toThrow();
    expect(ports().retentionObjects.locks).toBe(false);
  });
});

describe('the retention schedule, applied by the nightly job after its dry run', () => {
  it('deletes a closed case’s evidence at the end of its period, logs it, repeats nothing, and anonymises the client only after their last case', async () => {
    // Arrange: a case with a verified photo (and its thumbnail), read once; the client's NIK revealed.
    setClock('2026-03-02', '12:00');
    const target = await caseAtSite();
    const bytes = await photoJpeg(800, 600, { padding: 'retention' });
    const requested = await request(target.url, bytes, { sessionId: target.sessionId });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    await putUpload(requested.body.upload, bytes);
    await verifyStoredObjects(
      createEvidenceWorkers(env.config, { now: () => new Date(clock) }),
      createdEvent(requested.body.upload.url),
    );
    const evidenceId = requested.body.id as string;
    expect((await call('GET', `${target.url}/${evidenceId}`, { claims: world.claims.officer })).status).toBe(
      200,
    );
    const caseRead = await call('GET', `/v1/offices/${world.home}/cases/${target.caseId}`, {
      claims: world.claims.admin,
    });
    const clientId = caseRead.body.client.id as string;
    const revealed = await call(
      'GET',
      `/v1/offices/${world.home}/clients/${clientId}?reveal=nik&reason=Cek%20KTP`,
      {
        claims: world.claims.admin,
      },
    );
    expect(revealed.status).toBe(200);
    // A second case of the same client, still open: it holds the client's own steps.
    const second = await call('POST', `/v1/offices/${world.home}/cases`, {
      claims: world.claims.officer,
      body: lawfulCase(clientId, world.people.officer, {
        decision: { ...lawfulCase('', '').decision, number: '13/Pid.B/2026/PN Plp' },
      }),
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const prefix = `${world.home}/${target.caseId}/`;
    expect(await objectsUnder(`evidence/${prefix}`)).toBe(1);
    expect(await objectsUnder(`thumbnails/${prefix}`)).toBe(1);

    // Act 1: the case ends and is closed on 2 March 2026; that night the job first sees it.
    expect((await move(target.caseId, 'terminated')).status).toBe(200);
    const closed = await move(target.caseId, 'closed');
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    setClock('2026-03-03');
    const first = await applyRetention(ports(), office);

    // Assess 1: its locks were extended (a no-op on s3rver) and its record opened; nothing due.
    expect(first).toMatchObject({ locked: 1, steps: 0, failed: 0 });
    const opened = await env.deps.cases.get(world.home, target.caseId);
    expect(opened).toMatchObject({
      closedOn: '2026-03-02',
      retention: { evidenceLockedUntil: '2031-03-01' },
    });
    // A through-date in the past is refused, naming the field; a supervisor may not read the dry run.
    const past = await plan('2026-01-01');
    expect(past.status).toBe(400);
    expect(JSON.stringify(past.body.errors)).toContain('through');
    const refused = await call('GET', `/v1/offices/${world.home}/retention`, {
      claims: world.claims.officer,
    });
    expect(refused.status).toBe(403);
    // The dry run with its default through-date (30 days) shows nothing; by the end of 2031, the steps.
    expect((await plan()).body.items).toEqual([]);
    env.calls.reset();
    const ahead = await plan('2031-12-31');
    expect(ahead.status, JSON.stringify(ahead.body)).toBe(200);
    // The guard, the listing's Query, the page's clients and their other cases: one call each.
    expect(env.calls.snapshot()).toEqual({ BatchGetItemCommand: 3, QueryCommand: 1 });
    const listed = ahead.body.items.find((c: { caseId: string }) => c.caseId === target.caseId);
    expect(listed).toMatchObject({ decisionNumber: '12/Pid.B/2026/PN Plp', closedOn: '2026-03-02' });
    const stepOf = (steps: { id: string }[], id: string) => steps.find((s) => s.id === id);
    expect(stepOf(listed.steps, 'thumbnails')).toMatchObject({
      dueOn: '2031-03-01',
      due: true,
      action: 'delete',
    });
    expect(stepOf(listed.steps, 'evidence')).toMatchObject({ dueOn: '2031-03-01', due: true });
    expect(stepOf(listed.steps, 'case')).toMatchObject({
      dueOn: '2036-02-28',
      due: false,
      action: 'anonymise',
    });
    expect(stepOf(listed.steps, 'client')).toMatchObject({ due: false, scope: 'client' });
    expect(stepOf(listed.steps, 'client')).not.toHaveProperty('dueOn');

    // Act 2: the night the evidence period ends (1 March 2031), under the job's IAM access list.
    setClock('2031-03-01');
    const recorder = recordingDynamoClient(env.config.dynamoEndpoint!);
    const report = await applyRetention(ports(recorder.client), office);

    // Assess 2: thumbnails, evidence and the reads of it gone, each logged; the client's held.
    expect(report).toMatchObject({ steps: 3, held: 0, failed: 0 });
    expect(await objectsUnder(`evidence/${prefix}`)).toBe(0);
    expect(await objectsUnder(`thumbnails/${prefix}`)).toBe(0);
    const partition = await partitionItems(keys.casePartition(world.home, target.caseId));
    expect(partition.filter((i) => String(i.sk).startsWith('EVIDENCE'))).toEqual([]);
    expect(await partitionItems(auditPartition(world.home, { type: 'evidence', id: evidenceId }))).toEqual(
      [],
    );
    const clientTrail = await partitionItems(auditPartition(world.home, { type: 'client', id: clientId }));
    expect(clientTrail.some((e) => e.action === 'client.reveal-nik')).toBe(true);
    const records = (await log()).body.items.filter((r: { caseId: string }) => r.caseId === target.caseId);
    expect(records.map((r: { step: string }) => r.step).sort()).toEqual([
      'accessLogs',
      'evidence',
      'thumbnails',
    ]);
    expect(records.find((r: { step: string }) => r.step === 'evidence')).toMatchObject({
      recordType: 'evidence',
      action: 'delete',
      objects: 1,
      items: 2,
      dueOn: '2031-03-01',
      periodDays: 1825,
    });
    expect(JSON.stringify((await log()).body)).not.toMatch(/Andi|Rahmawati|7373/);
    const done = (await plan('2031-03-31')).body.items.find(
      (c: { caseId: string }) => c.caseId === target.caseId,
    );
    expect(stepOf(done.steps, 'evidence')).toHaveProperty('doneAt', clock.toISOString());
    expect(stepOf(done.steps, 'audit')).not.toHaveProperty('doneAt');
    // Every call the job made is one its role allows; its work list was one Query of the listing.
    expect(recorder.calls.filter((c) => !allows(housekeepingTableAccess, c))).toEqual([]);
    expect(recorder.calls).toContainEqual(
      expect.objectContaining({
        action: 'dynamodb:Query',
        index: 'due',
        partitionKey: keys.retentionCases(world.home),
      }),
    );

    // Act 3: the same night again.
    const again = await applyRetention(ports(), office);

    // Assess 3: nothing more done, nothing more logged.
    expect(again).toMatchObject({ steps: 0, failed: 0 });
    expect(
      (await log()).body.items.filter((r: { caseId: string }) => r.caseId === target.caseId),
    ).toHaveLength(3);

    // Act 4: the second case closes that day; ten years on, every period has ended.
    setClock('2031-03-01', '10:00');
    expect((await move(second.body.id, 'terminated')).status).toBe(200);
    expect((await move(second.body.id, 'closed')).status).toBe(200);
    setClock('2041-03-01');
    const last = await applyRetention(ports(), office);

    // Assess 4: the client is gone for the API, the case kept without what identifies anyone.
    expect(last.failed).toBe(0);
    expect(
      (await call('GET', `/v1/offices/${world.home}/clients/${clientId}`, { claims: world.claims.admin }))
        .status,
    ).toBe(404);
    const kept = await call('GET', `/v1/offices/${world.home}/cases/${target.caseId}`, {
      claims: world.claims.admin,
    });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ status: 'closed', client: { id: clientId, fullName: '' } });
    expect(kept.body.decision).not.toHaveProperty('number');
    expect(JSON.stringify(kept.body)).not.toMatch(/Rahmawati|Andi/);
    const clientItem = (await partitionItems(keys.client(world.home, clientId).pk)).find(
      (i) => i.sk === 'CLIENT',
    );
    expect(Object.keys(clientItem!).sort()).toEqual(
      [
        'anonymisedAt',
        'birthYear',
        'caseIds',
        'createdAt',
        'id',
        'officeId',
        'pk',
        'sex',
        'sk',
        'type',
        'version',
      ].sort(),
    );
    expect(await partitionItems(auditPartition(world.home, { type: 'client', id: clientId }))).toEqual([]);
    expect(await partitionItems(auditPartition(world.home, { type: 'case', id: target.caseId }))).toEqual([]);
    // Done with both cases: they left the retention listing, and the dry run has nothing more.
    expect((await plan('2041-03-31')).body.items).toEqual([]);
    const again2 = await applyRetention(ports(), office);
    expect(again2).toMatchObject({ cases: 0, steps: 0 });
  });

  it('looks at a closed case again only on the night its next step falls due', async () => {
    // Arrange: a client's only case, closed on 1 April 2026; the office has no other case left to do.
    setClock('2026-04-01', '12:00');
    const target = await caseAtSite();
    expect((await move(target.caseId, 'terminated')).status).toBe(200);
    expect((await move(target.caseId, 'closed')).status).toBe(200);

    // Act 1: the first night opens it and notes its first step's date: the read logs and the guardian, 2 years on.
    setClock('2026-04-02');
    expect(await applyRetention(ports(), office)).toMatchObject({ cases: 1, locked: 1, steps: 0 });
    const opened = await env.deps.cases.get(world.home, target.caseId);
    expect(opened?.retention?.nextDueOn).toBe('2028-03-31');

    // Act 2: the nights before it pass it by, reading only the listing.
    setClock('2026-04-03');
    const recorder = recordingDynamoClient(env.config.dynamoEndpoint!);
    expect(await applyRetention(ports(recorder.client), office)).toMatchObject({ cases: 0, steps: 0 });
    expect(recorder.calls.map((c) => c.action)).toEqual(['dynamodb:Query']);
    setClock('2028-03-30');
    expect(await applyRetention(ports(), office)).toMatchObject({ cases: 0 });

    // Act 3: on its date the job does the steps and moves the date on, to the evidence's 5 years.
    setClock('2028-03-31');
    const due = await applyRetention(ports(), office);
    expect(due).toMatchObject({ cases: 1, failed: 0 });
    expect(due.steps).toBeGreaterThan(0);
    const after = await env.deps.cases.get(world.home, target.caseId);
    expect(after?.retention?.nextDueOn).toBe('2031-03-31');
  });
});
