import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../support/api';
import { adultClient } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';

/**
 * An office's admins review who read a client's full NIK: `GET /audit/nik-reveals` lists the audit
 * entries the reveals wrote (who, when, why, which client), newest first, a page at a time.
 */
let clock = new Date('2026-03-10T01:00:00Z');
const env = testEnvironment({ now: () => clock });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
const base = () => `/v1/offices/${world.home}`;
const reveals = () => `${base()}/audit/nik-reveals`;

const first = adultClient({ fullName: 'Andi Reveal Pertama' });
const second = adultClient({ fullName: 'Baso Reveal Kedua' });
const ids: string[] = [];

/** Reads the client's NIK in clear as `role`, for `reason`, at `at`. */
async function reveal(role: 'admin' | 'officer', clientId: string, reason: string, at: string) {
  clock = new Date(at);
  const url = `${base()}/clients/${clientId}?reveal=nik&reason=${encodeURIComponent(reason)}`;
  return call('GET', url, { claims: world.claims[role] });
}

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  for (const person of [first, second]) {
    const created = await call('POST', `${base()}/clients`, { claims: world.claims.officer, body: person });
    expect(created.status).toBe(201);
    ids.push(created.body.id);
  }
  // Refused reads leave nothing to list: a prosecutor may not reveal, a reveal needs a reason.
  const url = `${base()}/clients/${ids[0]}`;
  expect(
    (await call('GET', `${url}?reveal=nik&reason=Ingin%20tahu`, { claims: world.claims.prosecutor })).status,
  ).toBe(403);
  expect((await call('GET', `${url}?reveal=nik`, { claims: world.claims.officer })).status).toBe(400);
  expect((await call('GET', url, { claims: world.claims.officer })).status).toBe(200);

  expect(
    (await reveal('officer', ids[0]!, 'Verifikasi identitas untuk Litmas', '2026-03-10T02:00:00Z')).status,
  ).toBe(200);
  expect(
    (await reveal('admin', ids[1]!, 'Permintaan Kejaksaan, surat B-12/2026', '2026-03-10T03:00:00Z')).status,
  ).toBe(200);
  expect((await reveal('officer', ids[1]!, 'Cocokkan dengan KTP asli', '2026-03-10T04:00:00Z')).status).toBe(
    200,
  );
});

describe('NIK reveals', () => {
  it("lists the office's reveals for its admin, newest first: who, when, why, which client", async () => {
    const { status, body } = await call('GET', reveals(), { claims: world.claims.admin });

    expect(status).toBe(200);
    expect(body.items).toEqual([
      expect.objectContaining({
        at: '2026-03-10T04:00:00.000Z',
        actor: world.people.officer,
        reason: 'Cocokkan dengan KTP asli',
        clientId: ids[1],
        clientName: second.fullName,
      }),
      expect.objectContaining({
        at: '2026-03-10T03:00:00.000Z',
        actor: world.people.admin,
        reason: 'Permintaan Kejaksaan, surat B-12/2026',
        clientId: ids[1],
        clientName: second.fullName,
      }),
      expect.objectContaining({
        at: '2026-03-10T02:00:00.000Z',
        actor: world.people.officer,
        reason: 'Verifikasi identitas untuk Litmas',
        clientId: ids[0],
        clientName: first.fullName,
      }),
    ]);
    expect(body.nextCursor).toBeNull();
    // The review names who was read, never what was read.
    expect(JSON.stringify(body)).not.toContain(first.nik.slice(4, 12));
    expect(JSON.stringify(body)).not.toContain(second.nik.slice(4, 12));
  });

  it('pages with a cursor bound to this list', async () => {
    const one = await call('GET', `${reveals()}?limit=2`, { claims: world.claims.admin });
    expect(one.body.items.map((r: { at: string }) => r.at)).toEqual([
      '2026-03-10T04:00:00.000Z',
      '2026-03-10T03:00:00.000Z',
    ]);
    expect(one.body.nextCursor).toEqual(expect.any(String));

    const two = await call('GET', `${reveals()}?limit=2&cursor=${encodeURIComponent(one.body.nextCursor)}`, {
      claims: world.claims.admin,
    });
    expect(two.body.items.map((r: { at: string }) => r.at)).toEqual(['2026-03-10T02:00:00.000Z']);

    // The cursor of another list of the office is refused here.
    const clients = await call('GET', `${base()}/clients?limit=1`, { claims: world.claims.admin });
    const foreign = await call('GET', `${reveals()}?cursor=${encodeURIComponent(clients.body.nextCursor)}`, {
      claims: world.claims.admin,
    });
    expect(foreign.status).toBe(400);
  });

  it('is for admins only (403), and another office answers 404 and lists only its own', async () => {
    for (const role of ['officer', 'supervisor', 'prosecutor', 'regional', 'integration'] as const) {
      expect((await call('GET', reveals(), { claims: world.claims[role] })).status, role).toBe(403);
    }
    expect((await call('GET', reveals(), { claims: world.claims.otherAdmin })).status).toBe(404);

    const own = await call('GET', `/v1/offices/${world.other}/audit/nik-reveals`, {
      claims: world.claims.otherAdmin,
    });
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([]);
  });
});
