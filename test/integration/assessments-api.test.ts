import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../support/api';
import {
  adultClient,
  childCase,
  litmasAssessment,
  newPartner,
  newSite,
  registeredCase,
  wholeWindowPlacement,
} from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';

// The assessment (Litmas) and the lifecycle without bypasses (issue 10 items 8 and 10), through the
// API. 10 March 2026, 16:00 in Palopo.
const env = testEnvironment({ now: () => new Date('2026-03-10T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
});

const casePath = (caseId: string) => `/v1/offices/${world.home}/cases/${caseId}`;
const assess = (caseId: string, body: unknown, claims = world.claims.officer) =>
  call('POST', `${casePath(caseId)}/assessments`, { claims, body });
const move = (caseId: string, to: string) =>
  call('POST', `${casePath(caseId)}/transitions`, {
    claims: world.claims.officer,
    body: { to, reason: `Langkah ke ${to}` },
  });
const readCase = async (caseId: string) =>
  (await call('GET', casePath(caseId), { claims: world.claims.officer })).body;
const rulesOf = (body: { errors?: { rule?: string }[] }) => (body.errors ?? []).map((e) => e.rule);

/** A site of a new partner of `kind`, with room for ten. */
async function siteOf(kind: string): Promise<string> {
  const office = `/v1/offices/${world.home}`;
  const partner = await call('POST', `${office}/partners`, {
    claims: world.claims.admin,
    body: newPartner({ kind }),
  });
  const site = await call('POST', `${office}/sites`, {
    claims: world.claims.admin,
    body: newSite(partner.body.id, { capacity: 10 }),
  });
  expect(site.status, JSON.stringify(site.body)).toBe(201);
  return site.body.id as string;
}

describe('POST /cases/{caseId}/assessments', () => {
  it('AS-LITMAS: a received case becomes assessed in the same write, and shows the Litmas', async () => {
    const { caseId } = await registeredCase(call, world, { status: 'received' });

    const recorded = await assess(caseId, litmasAssessment({ religion: 'Islam; salat Jumat dihormati' }));
    const kase = await readCase(caseId);
    const list = await call('GET', `${casePath(caseId)}/assessments`, { claims: world.claims.prosecutor });
    const audit = await call('GET', `${casePath(caseId)}/audit`, { claims: world.claims.officer });

    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expect(recorded.body).toMatchObject({
      caseId,
      litmas: { number: 'W23.PAS.PAS12-PK.01.05.02-101', date: '2026-02-10' },
      consent: { status: 'given' },
      religion: 'Islam; salat Jumat dihormati',
      flags: [],
      recordedBy: world.people.officer,
      case: { id: caseId, status: 'assessed', version: 2 },
    });
    expect(kase.status).toBe('assessed');
    expect(kase.assessment).toEqual({
      id: recorded.body.id,
      litmas: { number: 'W23.PAS.PAS12-PK.01.05.02-101', date: '2026-02-10' },
      recommendation: litmasAssessment().recommendation,
      consent: { status: 'given', recordedOn: '2026-02-10' },
      recordedAt: '2026-03-10T08:00:00.000Z',
    });
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([recorded.body.id]);
    const [entry] = audit.body.items as { action: string; changes: { field: string; after: unknown }[] }[];
    expect(entry!.action).toBe('assessment.create');
    expect(entry!.changes).toContainEqual({ field: 'status', before: 'received', after: 'assessed' });
  });

  it('AS-LITMAS: a later assessment is a re-assessment: the status stays, the case shows the latest', async () => {
    const { caseId } = await registeredCase(call, world);
    const again = await assess(
      caseId,
      litmasAssessment({ litmas: { number: 'LITMAS-2/2026', date: '2026-03-09' } }),
    );
    const kase = await readCase(caseId);

    expect(again.status).toBe(201);
    expect(again.body.case.status).toBe('placed');
    expect(kase.status).toBe('placed');
    expect(kase.assessment.litmas.number).toBe('LITMAS-2/2026');
  });

  it('AS-LITMAS refuses a Litmas dated after today (400), and an ended case takes none (409)', async () => {
    const { caseId } = await registeredCase(call, world, { status: 'received' });
    const future = await assess(caseId, litmasAssessment({ litmas: { number: 'L-9', date: '2026-03-11' } }));
    await move(caseId, 'terminated');
    const ended = await assess(caseId, litmasAssessment());

    expect(future.status).toBe(400);
    expect(future.body.errors).toContainEqual(
      expect.objectContaining({ path: 'litmas.date', rule: 'AS-LITMAS' }),
    );
    expect((await readCase(caseId)).status).toBe('terminated');
    expect(ended.status).toBe(409);
    expect(rulesOf(ended.body)).toEqual(['LC-TRANSITION']);
  });

  it('KS-CONSENT: consent refused is recorded and flagged on the case, never refused', async () => {
    const { caseId } = await registeredCase(call, world, { status: 'received' });
    const refused = await assess(
      caseId,
      litmasAssessment({ consent: { status: 'refused', recordedOn: '2026-03-09' } }),
    );
    const kase = await readCase(caseId);

    expect(refused.status).toBe(201);
    expect(refused.body.flags.map((f: { rule: string }) => f.rule)).toEqual(['KS-CONSENT']);
    expect(kase.status).toBe('assessed');
    expect(kase.flags).toContainEqual(
      expect.objectContaining({ rule: 'KS-CONSENT', path: 'consent.status' }),
    );
  });

  it('is the PK’s: a prosecutor may not record one (403), a site supervisor may not read them (403)', async () => {
    const { caseId } = await registeredCase(call, world, { status: 'received' });
    const byProsecutor = await assess(caseId, litmasAssessment(), world.claims.prosecutor);
    const bySupervisor = await call('GET', `${casePath(caseId)}/assessments`, {
      claims: world.claims.supervisor,
    });
    expect(byProsecutor.status).toBe(403);
    expect(bySupervisor.status).toBe(403);
  });
});

describe('no bypass through POST /transitions (409, naming the route to use)', () => {
  it('LC-VIA-ASSESSMENT, LC-VIA-PLACEMENT: assessed and placed come with their records', async () => {
    const { caseId } = await registeredCase(call, world, { status: 'received' });
    const assessed = await move(caseId, 'assessed');
    const placed = await move(caseId, 'placed');

    expect(assessed.status).toBe(409);
    expect(rulesOf(assessed.body)).toEqual(['LC-VIA-ASSESSMENT']);
    expect(assessed.body.detail).toContain(`/cases/{caseId}/assessments`);
    expect(placed.status).toBe(409);
    expect(rulesOf(placed.body)).toEqual(['LC-VIA-PLACEMENT']);
    expect(placed.body.detail).toContain('/placements');
    expect((await readCase(caseId)).status).toBe('received');
  });

  it('LC-VIA-WARNING, LC-VIA-REFERRAL, LC-COMPLETE-HOURS and LC-CLOSE on an active case', async () => {
    const { caseId } = await registeredCase(call, world);
    expect((await move(caseId, 'active')).status).toBe(200);

    const answers = await Promise.all(
      ['warned', 'referred', 'completed', 'closed'].map((to) => move(caseId, to)),
    );

    expect(answers.map((a) => a.status)).toEqual([409, 409, 409, 409]);
    expect(answers.map((a) => rulesOf(a.body)[0])).toEqual([
      'LC-VIA-WARNING',
      'LC-VIA-REFERRAL',
      'LC-COMPLETE-HOURS',
      'LC-CLOSE',
    ]);
    expect(answers[0]!.body.detail).toContain('/warnings');
    expect(answers[1]!.body.detail).toContain('/referrals');
    expect(answers[2]!.body.detail).toContain('/sessions');
    expect((await readCase(caseId)).status).toBe('active');
  });
});

describe('placement and the Litmas', () => {
  it("CHILD-LITMAS: a child's case assessed without a Litmas on record (a v1 record) is not placed", async () => {
    const client = await call('POST', `/v1/offices/${world.home}/clients`, {
      claims: world.claims.officer,
      body: adultClient({
        nik: '7373014106100077',
        birthDate: '2010-06-01',
        sex: 'F',
        guardian: { name: 'Hasnah', relation: 'ibu' },
      }),
    });
    const registered = await call('POST', `/v1/offices/${world.home}/cases`, {
      claims: world.claims.officer,
      body: childCase(client.body.id, world.people.officer),
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    // As v1 left such a case: assessed by a bare status change, with no assessment record.
    const current = (await env.deps.cases.get(world.home, registered.body.id))!;
    await env.deps.cases.transition(
      current,
      { ...current, status: 'assessed' },
      { actor: 'v1', at: new Date('2026-03-09T00:00:00Z') },
    );
    const site = await siteOf('education');
    const body = wholeWindowPlacement(site, registered.body.sentence);

    const refused = await call('POST', `${casePath(registered.body.id)}/placements`, {
      claims: world.claims.officer,
      body,
    });
    await assess(registered.body.id, litmasAssessment({ schooling: 'Kelas IX SMP; sekolah pagi' }));
    const placed = await call('POST', `${casePath(registered.body.id)}/placements`, {
      claims: world.claims.officer,
      body: { ...body, weekdays: [7] },
    });

    expect(refused.status).toBe(409);
    expect(rulesOf(refused.body)).toEqual(['CHILD-LITMAS']);
    expect(refused.body.detail).toContain('/assessments');
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  });

  it('AS-AVOID-KIND: a partner of a kind the Litmas advises against is allowed and flagged', async () => {
    const { caseId } = await registeredCase(call, world, { status: 'received' });
    await assess(
      caseId,
      litmasAssessment({ religion: 'Kristen Protestan', avoidPartnerKinds: ['religious'] }),
    );
    const mosque = await siteOf('religious');
    const sentence = (await readCase(caseId)).sentence;

    const placed = await call('POST', `${casePath(caseId)}/placements`, {
      claims: world.claims.officer,
      body: wholeWindowPlacement(mosque, sentence),
    });
    const kase = await readCase(caseId);

    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(kase.status).toBe('placed');
    expect(kase.flags).toContainEqual(expect.objectContaining({ rule: 'AS-AVOID-KIND', path: 'siteId' }));
  });
});
