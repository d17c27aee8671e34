import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, placedCase } from '../support/placed-case';
import { weekdayPlacement } from '../support/requests';

// An office's own holiday calendar (issue 15) through the API, and the planner counting it.
// Monday 11 May 2026, 16:00 in Palopo: plans start on Tuesday 12 May.
const env = testEnvironment({ now: () => new Date('2026-05-11T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  await fixtureSite(env.deps, world);
});

const local = { op: 'add', day: { date: '2026-05-12', kind: 'local', name: 'Hari jadi Kota Palopo (uji)' } };

describe('the office holiday calendar', () => {
  it("HOLIDAY-EDITS: an admin's local day is in the office's calendar, and the plan works around it", async () => {
    const base = `/v1/offices/${world.home}`;
    const { caseId } = await placedCase(call, world, { placement: weekdayPlacement(world.siteId) });
    const before = await call('GET', `${base}/cases/${caseId}/plan`, { claims: world.claims.officer });

    const put = await call('PUT', `${base}/holidays`, {
      claims: world.claims.admin,
      body: { lists: [], edits: [local] },
    });
    const read = await call('GET', `${base}/holidays?year=2026`, { claims: world.claims.officer });
    const after = await call('GET', `${base}/cases/${caseId}/plan`, { claims: world.claims.officer });
    const office = await call('GET', base, { claims: world.claims.officer });

    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(before.body.slots[0].date).toBe('2026-05-12');
    expect(read.body.days).toEqual(
      expect.arrayContaining([{ date: '2026-05-12', kind: 'local', name: 'Hari jadi Kota Palopo (uji)' }]),
    );
    expect(read.body.edits[0]).toMatchObject({ ...local, by: world.people.admin });
    expect(read.body).toMatchObject({ year: 2026, lastPublishedYear: 2026, provisional: false });
    expect(after.body.slots.map((s: { date: string }) => s.date)).not.toContain('2026-05-12');
    expect(office.body).not.toHaveProperty('holidays');
  });

  it("is the office's own: another office keeps the national calendar; only its admin changes it", async () => {
    const other = await call('GET', `/v1/offices/${world.other}/holidays?year=2026`, {
      claims: world.claims.otherAdmin,
    });
    const byOfficer = await call('PUT', `/v1/offices/${world.home}/holidays`, {
      claims: world.claims.officer,
      body: { lists: [], edits: [] },
    });

    expect(other.body.days.map((d: { date: string }) => d.date)).not.toContain('2026-05-12');
    expect(other.body.days).toHaveLength(25);
    expect(byOfficer.status).toBe(403);
  });

  it('HOLIDAY-EDITS: a list for 2027 makes 2027 published; bad entries name their field', async () => {
    const base = `/v1/offices/${world.other}`;
    const listed = await call('PUT', `${base}/holidays?year=2027`, {
      claims: world.claims.otherAdmin,
      body: {
        lists: [
          {
            year: 2027,
            source: 'SKB 3 Menteri tentang Hari Libur Nasional dan Cuti Bersama Tahun 2027 (uji)',
            days: [{ date: '2027-01-01', kind: 'libur_nasional', name: 'Tahun Baru 2027 Masehi' }],
          },
        ],
        edits: [],
      },
    });
    const bad = await call('PUT', `${base}/holidays`, {
      claims: world.claims.otherAdmin,
      body: { lists: [], edits: [{ op: 'move', date: '2026-03-21', to: '2026-03-21' }] },
    });

    expect(listed.body).toMatchObject({ year: 2027, lastPublishedYear: 2027, provisional: false });
    expect(listed.body.days).toEqual([
      { date: '2027-01-01', kind: 'libur_nasional', name: 'Tahun Baru 2027 Masehi' },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'edits.0.to', rule: 'HOLIDAY-EDITS' })]);
  });
});
