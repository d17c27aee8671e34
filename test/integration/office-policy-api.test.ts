import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFICE_POLICY } from '../../functions/domain';
import {
  adultClient,
  casesApi,
  childCase,
  lawfulCase,
  litmasAssessment,
  wholeWindowPlacement,
  workSite,
} from '../support/cases';
import { patch } from '../support/requests';

// The office's own policy (issue 10): a child's advisory hours a day and the school hours, set by the
// office admin and read by registration and by every session of a child's case. Monday 20 April 2026.
const api = casesApi('2026-04-20T12:00:00Z');
const { call, base } = api;
const admin = () => api.world.claims.admin;
const officer = () => api.world.claims.officer;

const policy = (more: Record<string, unknown> = {}) => ({
  childMaxHoursPerDay: 4,
  schoolHours: { weekdays: [1, 2, 3, 4, 5, 6], start: '07:00', end: '13:00' },
  ...more,
});

let serial = Math.floor(Math.random() * 4000);

/** A child's case (15 at the offence), assessed and placed every day 08:00–11:00, March to September. */
async function placedChildCase(sentence: Record<string, unknown> = {}) {
  const client = await call('POST', `${base()}/clients`, {
    claims: officer(),
    body: adultClient({
      nik: `737301200510${String(5000 + (serial += 1)).padStart(4, '0')}`,
      birthDate: '2010-05-20',
      guardian: { name: 'Hasnah', relation: 'ibu' },
    }),
  });
  expect(client.status).toBe(201);
  const body = childCase(client.body.id, api.world.people.officer, {
    sentence: { ...childCase('', '').sentence, daysPerWeek: 7, ...sentence },
  });
  const created = await call('POST', `${base()}/cases`, { claims: officer(), body });
  expect(created.status).toBe(201);
  const caseUrl = `${base()}/cases/${created.body.id}`;
  const assessed = await call('POST', `${caseUrl}/assessments`, {
    claims: officer(),
    body: litmasAssessment(),
  });
  expect(assessed.status).toBe(201);
  const siteId = await workSite(call, api.world);
  const placed = await call('POST', `${caseUrl}/placements`, {
    claims: officer(),
    body: wholeWindowPlacement(siteId, body.sentence as never),
  });
  expect(placed.status).toBe(201);
  return { created: created.body, caseUrl, siteId };
}

const session = (siteId: string, date: string, startTime: string, endTime: string) => ({
  siteId,
  date,
  startTime,
  endTime,
  outcome: 'attended',
});

describe('the office policy', () => {
  it('OFFICE-POLICY: an office that set none answers with the defaults', async () => {
    const office = await call('GET', base(), { claims: officer() });
    expect(office.status).toBe(200);
    expect(office.body.policy).toEqual(DEFAULT_OFFICE_POLICY);
  });

  it('OFFICE-POLICY refuses school ending before it starts and a day named twice, naming the fields', async () => {
    const response = await call('PUT', `${base()}/policy`, {
      claims: admin(),
      body: policy({ schoolHours: { weekdays: [1, 1], start: '13:00', end: '07:00' } }),
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'OFFICE-POLICY', path: 'schoolHours.weekdays' }),
        expect.objectContaining({ rule: 'OFFICE-POLICY', path: 'schoolHours.end' }),
      ]),
    );
    const malformed = await call('PUT', `${base()}/policy`, {
      claims: admin(),
      body: policy({ childMaxHoursPerDay: 9 }),
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toContainEqual(expect.objectContaining({ path: 'childMaxHoursPerDay' }));
  });

  it('only an admin sets it; the change is audited and every reader sees it', async () => {
    const byOfficer = await call('PUT', `${base()}/policy`, { claims: officer(), body: policy() });
    expect(byOfficer.status).toBe(403);

    const set = await call('PUT', `${base()}/policy`, { claims: admin(), body: policy() });
    expect(set.status).toBe(200);
    expect(set.body.policy).toEqual(policy());
    const read = await call('GET', base(), { claims: api.world.claims.supervisor });
    expect(read.body.policy).toEqual(policy());

    const audit = await api.env.deps.audit.trail(
      api.world.home,
      { type: 'office', id: api.world.home },
      { limit: 20 },
    );
    expect(audit.items).toContainEqual(
      expect.objectContaining({
        action: 'office.policy',
        changes: expect.arrayContaining([
          { field: 'policy.childMaxHoursPerDay', before: expect.any(Number), after: 4 },
        ]),
      }),
    );
  });

  it("survives the operator's office sync", async () => {
    await call('PUT', `${base()}/policy`, { claims: admin(), body: policy({ childMaxHoursPerDay: 2 }) });
    const office = await api.env.directory.getOffice(api.world.home);
    await api.env.directory.putOffice({ ...office!, name: `${office!.name} (renamed)` });
    const read = await call('GET', base(), { claims: officer() });
    expect(read.body.name).toContain('(renamed)');
    expect(read.body.policy.childMaxHoursPerDay).toBe(2);
  });
});

describe("the policy applied to a child's case", () => {
  it("CHILD-ADVISORY-HOURS flags a child's order above the office's own advisory, not the default's", async () => {
    await call('PUT', `${base()}/policy`, { claims: admin(), body: policy({ childMaxHoursPerDay: 2 }) });
    const { created } = await placedChildCase({ maxHoursPerDay: 3 });
    expect(created.flags).toContainEqual(expect.objectContaining({ rule: 'CHILD-ADVISORY-HOURS' }));

    await call('PUT', `${base()}/policy`, { claims: admin(), body: policy({ childMaxHoursPerDay: 3 }) });
    const { created: within } = await placedChildCase({ maxHoursPerDay: 3 });
    expect(within.flags.map((f: { rule: string }) => f.rule)).not.toContain('CHILD-ADVISORY-HOURS');
  });

  it("CHILD-SCHOOL-HOURS flags a child's session inside school hours on the session and once on the case", async () => {
    await call('PUT', `${base()}/policy`, { claims: admin(), body: policy() });
    const { caseUrl, siteId } = await placedChildCase();

    // Monday 13 April 09:00–11:00: a school day, inside 07:00–13:00.
    const first = await call('POST', `${caseUrl}/sessions`, {
      claims: officer(),
      body: session(siteId, '2026-04-13', '09:00', '11:00'),
    });
    expect(first.status).toBe(201);
    expect(first.body.flags).toEqual([
      expect.objectContaining({ rule: 'CHILD-SCHOOL-HOURS', path: 'startTime' }),
    ]);
    // Tuesday again inside: the session carries it, the case keeps one flag.
    const second = await call('POST', `${caseUrl}/sessions`, {
      claims: officer(),
      body: session(siteId, '2026-04-14', '08:00', '10:00'),
    });
    expect(second.body.flags).toHaveLength(1);
    const theCase = await call('GET', caseUrl, { claims: officer() });
    const schoolFlags = theCase.body.flags.filter((f: { rule: string }) => f.rule === 'CHILD-SCHOOL-HOURS');
    expect(schoolFlags).toHaveLength(1);
    expect(theCase.body.progress.hoursCredited).toBe(4);
  });

  it('CHILD-SCHOOL-HOURS leaves Sundays and the afternoon alone, and a correction re-reads it', async () => {
    await call('PUT', `${base()}/policy`, { claims: admin(), body: policy() });
    const { caseUrl, siteId } = await placedChildCase({ maxHoursPerDay: 2 });
    const sunday = await call('POST', `${caseUrl}/sessions`, {
      claims: officer(),
      body: session(siteId, '2026-04-19', '08:00', '10:00'),
    });
    expect(sunday.status).toBe(201);
    expect(sunday.body.flags).toBeUndefined();
    // Monday from the end of school (13:00): the edges touch, they do not overlap.
    const afternoon = await call('POST', `${caseUrl}/sessions`, {
      claims: officer(),
      body: session(siteId, '2026-04-13', '13:00', '15:00'),
    });
    expect(afternoon.status).toBe(201);
    expect(afternoon.body.flags).toBeUndefined();

    // Corrected to the morning, the same session is inside school hours.
    const url = `${base()}/sessions/${afternoon.body.id}`;
    const moved = await patch(call, url, officer(), { startTime: '11:00', endTime: '13:00' }, 1);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.flags).toEqual([expect.objectContaining({ rule: 'CHILD-SCHOOL-HOURS' })]);
    const back = await patch(call, url, officer(), { startTime: '13:00', endTime: '15:00' }, 2);
    expect(back.body.flags).toBeUndefined();
  });

  it("an adult's session in the same hours raises nothing", async () => {
    const siteId = await workSite(call, api.world);
    const client = await call('POST', `${base()}/clients`, { claims: officer(), body: adultClient() });
    const body = lawfulCase(client.body.id, api.world.people.officer);
    const created = await call('POST', `${base()}/cases`, { claims: officer(), body });
    const caseUrl = `${base()}/cases/${created.body.id}`;
    await call('POST', `${caseUrl}/assessments`, { claims: officer(), body: litmasAssessment() });
    await call('POST', `${caseUrl}/placements`, {
      claims: officer(),
      body: wholeWindowPlacement(siteId, body.sentence as never),
    });
    const recorded = await call('POST', `${caseUrl}/sessions`, {
      claims: officer(),
      body: session(siteId, '2026-04-13', '08:00', '10:00'),
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.flags).toBeUndefined();
  });
});
