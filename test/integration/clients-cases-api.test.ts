import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../support/api';
import { adultClient, lawfulCase, registeredCase } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { patch } from '../support/requests';

// 10 March 2026, 16:00 in Palopo (WITA).
const env = testEnvironment({ now: () => new Date('2026-03-10T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
const base = () => `/v1/offices/${world.home}`;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
});

describe('clients', () => {
  it('registers a client and shows the NIK masked', async () => {
    const body = adultClient();
    const created = await call('POST', `${base()}/clients`, { claims: world.claims.officer, body });

    expect(created.status).toBe(201);
    // CL-NIK-MASK: the serial only, even for the PK (the birth date beside it spells digits 7–12).
    expect(created.body.nik).toBe(`${'•'.repeat(12)}${body.nik.slice(12)}`);
    expect(created.body).toMatchObject({ nikMasked: true, isChild: false, birthYear: 1990 });
    expect(JSON.stringify(created.body)).not.toContain(body.nik);
  });

  it('ID-NIK-MATCH refuses a NIK whose birth date disagrees with the record', async () => {
    const response = await call('POST', `${base()}/clients`, {
      claims: world.claims.officer,
      body: adultClient({ birthDate: '1991-01-15' }),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual(
      expect.objectContaining({ path: 'birthDate', rule: 'ID-NIK-MATCH' }),
    );
  });

  it('requires a guardian for a child', async () => {
    // Born 1 Feb 2011 (a woman: day + 40 in the NIK), 15 years old on 10 March 2026.
    const child = adultClient({ nik: '7373014102110001', birthDate: '2011-02-01', sex: 'F' });
    const refused = await call('POST', `${base()}/clients`, { claims: world.claims.officer, body: child });
    const accepted = await call('POST', `${base()}/clients`, {
      claims: world.claims.officer,
      body: { ...child, guardian: { name: 'Hasnah', relation: 'ibu' } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('guardian');
    expect(accepted.status).toBe(201);
    expect(accepted.body.isChild).toBe(true);
  });

  it('refuses a second client with the same NIK in the office (409)', async () => {
    const body = adultClient();
    await call('POST', `${base()}/clients`, { claims: world.claims.officer, body });
    const again = await call('POST', `${base()}/clients`, { claims: world.claims.officer, body });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].path).toBe('nik');
  });

  it('reveals the NIK only to admins and officers, with a reason, and audits the read', async () => {
    const body = adultClient();
    const { body: client } = await call('POST', `${base()}/clients`, { claims: world.claims.officer, body });
    const url = `${base()}/clients/${client.id}`;

    const noReason = await call('GET', `${url}?reveal=nik`, { claims: world.claims.officer });
    const prosecutor = await call('GET', `${url}?reveal=nik&reason=Verifikasi%20identitas`, {
      claims: world.claims.prosecutor,
    });
    const officer = await call('GET', `${url}?reveal=nik&reason=Verifikasi%20identitas`, {
      claims: world.claims.officer,
    });

    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('query.reason');
    expect(prosecutor.status).toBe(403);
    expect(officer.body).toMatchObject({ nik: body.nik, nikMasked: false });
    const audit = await env.db.send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `O#${world.home}#AUDIT#client#${client.id}` },
      }),
    );
    const actions = (audit.Items ?? []).map((i) => i.action).sort();
    expect(actions).toEqual(['client.create', 'client.reveal-nik']);
    expect(JSON.stringify(audit.Items)).not.toContain(body.nik);
  });

  it('keeps clients away from site supervisors (403) and other offices (404)', async () => {
    expect((await call('GET', `${base()}/clients`, { claims: world.claims.supervisor })).status).toBe(403);
    expect((await call('GET', `${base()}/clients`, { claims: world.claims.otherAdmin })).status).toBe(404);
  });
});

describe('cases', () => {
  it('registers a lawful case as received, with progress', async () => {
    const { caseId } = await registeredCase(call, world, { status: 'received' });
    const response = await call('GET', `${base()}/cases/${caseId}`, { claims: world.claims.officer });

    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toMatchObject({
      status: 'received',
      progress: {
        hoursOrdered: 40,
        hoursCredited: 0,
        hoursRemaining: 40,
        deadline: '2026-06-30',
        onTrack: true,
      },
      origin: 'decision',
      decision: { number: '12/Pid.B/2026/PN Plp', level: 'first_instance', replaces: 'prison' },
      flags: [],
    });
    expect(response.body.progress.daysLeft).toBe(112);
  });

  // Issue 10 changed KS-CONSENT from a refusal into a flag (the judge weighs consent; Abdi records it),
  // so a refused consent is no longer among the refusals: it is flagged (legal-model-v2.test.ts).
  it('KS-HOURS, KS-DEADLINE and KS-PER-DAY refuse an unlawful sentence, each on its field; KS-CONSENT does not', async () => {
    const { body: client } = await call('POST', `${base()}/clients`, {
      claims: world.claims.officer,
      body: adultClient(),
    });
    const unlawful = lawfulCase(client.id, world.people.officer, {
      sentence: {
        kind: 'kerja_sosial',
        hours: 241,
        maxHoursPerDay: 9,
        startDate: '2026-03-01',
        deadline: '2026-09-30',
      },
      consent: { given: false, recordedOn: '2026-02-25' },
    });
    const response = await call('POST', `${base()}/cases`, { claims: world.claims.officer, body: unlawful });

    expect(response.status).toBe(400);
    const rules = response.body.errors.map((e: { rule: string }) => e.rule);
    expect(rules).toEqual(expect.arrayContaining(['KS-HOURS', 'KS-DEADLINE', 'KS-PER-DAY']));
    expect(rules).not.toContain('KS-CONSENT');
    const list = await call('GET', `${base()}/cases?status=received&limit=100`, {
      claims: world.claims.officer,
    });
    expect(list.body.items.some((c: { client: { id: string } }) => c.client.id === client.id)).toBe(false);
  });

  it('refuses an officer who is not a PK of the office', async () => {
    const { body: client } = await call('POST', `${base()}/clients`, {
      claims: world.claims.officer,
      body: adultClient(),
    });
    const response = await call('POST', `${base()}/cases`, {
      claims: world.claims.officer,
      body: lawfulCase(client.id, world.people.prosecutor),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('officerUsername');
  });

  it('lists cases by status and officer, with due-date filtering', async () => {
    const { caseId } = await registeredCase(call, world, { status: 'assessed' });
    const byStatus = await call('GET', `${base()}/cases?status=assessed`, { claims: world.claims.officer });
    const byOfficer = await call(
      'GET',
      `${base()}/cases?officerUsername=${world.people.officer}&dueBefore=2026-06-30`,
      {
        claims: world.claims.officer,
      },
    );
    const tooEarly = await call('GET', `${base()}/cases?status=assessed&dueBefore=2026-06-29`, {
      claims: world.claims.officer,
    });

    expect(byStatus.body.items.map((c: { id: string }) => c.id)).toContain(caseId);
    expect(byOfficer.body.items.map((c: { id: string }) => c.id)).toContain(caseId);
    expect(tooEarly.body.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
  });

  it('LC-TRANSITION refuses a jump along the lifecycle; LC-COMPLETE-HOURS refuses completion with hours left', async () => {
    const { caseId } = await registeredCase(call, world, { status: 'received' });
    const jump = await call('POST', `${base()}/cases/${caseId}/transitions`, {
      claims: world.claims.officer,
      body: { to: 'active', reason: 'terlalu cepat' },
    });
    expect(jump.status).toBe(400);
    expect(jump.body.errors[0]).toMatchObject({ path: 'to', rule: 'LC-TRANSITION' });
  });

  it('PATCH needs If-Match: 428 without it, 412 when stale', async () => {
    const { caseId } = await registeredCase(call, world, { status: 'received' });
    const url = `${base()}/cases/${caseId}`;
    const missing = await patch(call, url, world.claims.officer, { notes: 'x' });
    const stale = await patch(call, url, world.claims.officer, { notes: 'x' }, 9);
    const fresh = await patch(call, url, world.claims.officer, { notes: 'Litmas dijadwalkan' }, 1);
    expect(missing.status).toBe(428);
    expect(stale.status).toBe(412);
    expect(fresh.status).toBe(200);
    expect(fresh.body.notes).toBe('Litmas dijadwalkan');
  });

  it('hides a case from a supervisor whose sites it is not placed at', async () => {
    const { caseId } = await registeredCase(call, world);
    expect((await call('GET', `${base()}/cases/${caseId}`, { claims: world.claims.supervisor })).status).toBe(
      404,
    );
  });
});
