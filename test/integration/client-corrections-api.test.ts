import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../support/api';
import { adultClient, childCase, lawfulCase } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { created, patch } from '../support/requests';

// 10 March 2026, 16:00 in Palopo (WITA).
const env = testEnvironment({ now: () => new Date('2026-03-10T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
const base = () => `/v1/offices/${world.home}`;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
});

async function registered(body = adultClient()) {
  const client = created(await call('POST', `${base()}/clients`, { claims: world.claims.officer, body }));
  return { ...client, body };
}

describe('client corrections (UU 27/2022 Pasal 30)', () => {
  it('records the reason in the client trail, with the NIK masked, and a new version', async () => {
    const client = await registered();
    const nik = `${client.body.nik.slice(0, 12)}9${client.body.nik.slice(13)}`;
    const response = await patch(
      call,
      `${base()}/clients/${client.id}`,
      world.claims.admin,
      { nik, address: 'Jl. Andi Djemma 12, Palopo', phone: null, reason: 'Subjek meminta, KTP baru dilihat' },
      1,
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.headers.etag).toBe('"2"');
    expect(response.body).toMatchObject({ address: 'Jl. Andi Djemma 12, Palopo', version: 2 });
    expect(response.body.phone).toBeUndefined();

    const trail = await call('GET', `${base()}/clients/${client.id}/audit`, { claims: world.claims.admin });
    const entry = trail.body.items.find((e: { action: string }) => e.action === 'client.correct');
    expect(entry.reason).toBe('Subjek meminta, KTP baru dilihat');
    expect(entry.changes).toContainEqual({ field: 'phone', before: '+62 812 3456 7890', after: null });
    const nikChange = entry.changes.find((c: { field: string }) => c.field === 'nik');
    expect(nikChange.after).toBe(`${'•'.repeat(12)}${nik.slice(12)}`);
    expect(JSON.stringify(trail.body)).not.toContain(nik);
  });

  it('moves the NIK guard: the old NIK is free again, a taken one is refused (409)', async () => {
    const first = await registered();
    const second = await registered();
    const freed = first.body.nik;
    const newNik = `${freed.slice(0, 12)}8${freed.slice(13)}`;
    const url = `${base()}/clients/${first.id}`;
    expect(
      (await patch(call, url, world.claims.officer, { nik: newNik, reason: 'Salah ketik NIK' }, 1)).status,
    ).toBe(200);

    const taken = await patch(
      call,
      url,
      world.claims.officer,
      { nik: second.body.nik, reason: 'Salah ketik' },
      2,
    );
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toContainEqual(expect.objectContaining({ rule: 'CL-NIK-UNIQUE' }));
    // The old NIK can belong to a newly registered client now.
    expect(
      (
        await call('POST', `${base()}/clients`, {
          claims: world.claims.officer,
          body: adultClient({ nik: freed }),
        })
      ).status,
    ).toBe(201);
  });

  it("copies a corrected name onto the client's cases", async () => {
    const client = await registered();
    const kase = created(
      await call('POST', `${base()}/cases`, {
        claims: world.claims.officer,
        body: lawfulCase(client.id, world.people.officer),
      }),
    );
    const fixed = await patch(
      call,
      `${base()}/clients/${client.id}`,
      world.claims.officer,
      { fullName: 'Andi Baso Pawelloi', reason: 'Nama sesuai KTP' },
      1,
    );
    expect(fixed.body.caseIds).toEqual([kase.id]);
    const read = await call('GET', `${base()}/cases/${kase.id}`, { claims: world.claims.officer });
    expect(read.body.client.fullName).toBe('Andi Baso Pawelloi');
    expect(read.body.version).toBe(kase.version + 1);
  });

  it("never drops a case registered between the correction's read and its write", async () => {
    const client = await registered();
    const readBefore = (await env.deps.clients.get(world.home, client.id))!;
    const kase = created(
      await call('POST', `${base()}/cases`, {
        claims: world.claims.officer,
        body: lawfulCase(client.id, world.people.officer),
      }),
    );
    // The registration appended the case without a new version: the stale write must still fail.
    const stale = env.deps.clients.correct(
      readBefore,
      { ...readBefore, address: 'Jl. Lama 1' },
      { actor: world.people.officer, at: new Date('2026-03-10T08:00:00Z'), reason: 'Uji balapan' },
    );
    await expect(stale).rejects.toThrow(/write conflict/);
    expect((await env.deps.clients.get(world.home, client.id))?.caseIds).toEqual([kase.id]);
  });

  it('refuses without a reason, without If-Match, when stale, and for readers who may not correct', async () => {
    const client = await registered();
    const url = `${base()}/clients/${client.id}`;
    const noReason = await patch(call, url, world.claims.officer, { address: 'Jl. Baru 1' }, 1);
    expect(noReason.status).toBe(400);
    expect(noReason.headers['content-type']).toContain('application/problem+json');
    expect(noReason.body.errors[0].path).toBe('reason');
    expect(
      (await patch(call, url, world.claims.officer, { address: 'Jl. Baru 1', reason: 'Pindah rumah' }))
        .status,
    ).toBe(428);
    expect(
      (await patch(call, url, world.claims.officer, { address: 'Jl. Baru 1', reason: 'Pindah rumah' }, 7))
        .status,
    ).toBe(412);
    expect(
      (await patch(call, url, world.claims.prosecutor, { address: 'Jl. Baru 1', reason: 'Pindah rumah' }, 1))
        .status,
    ).toBe(403);
    expect(
      (await patch(call, url, world.claims.otherAdmin, { address: 'Jl. Baru 1', reason: 'Pindah rumah' }, 1))
        .status,
    ).toBe(404);
  });

  it('records the lawful basis: the default at registration, a stated one on correction', async () => {
    const client = await registered();
    const read = await call('GET', `${base()}/clients/${client.id}`, { claims: world.claims.prosecutor });
    expect(read.body.lawfulBasis.basis).toBe('legal_obligation');
    expect(read.body.lawfulBasis.article).toContain('Pasal 20 ayat (2) huruf c');
    const basis = { basis: 'public_task', article: 'UU 27/2022 Pasal 20 ayat (2) huruf e; UU 22/2022' };
    const fixed = await patch(
      call,
      `${base()}/clients/${client.id}`,
      world.claims.admin,
      { lawfulBasis: basis, reason: 'Dasar pemrosesan ditetapkan kepala Bapas' },
      1,
    );
    expect(fixed.body.lawfulBasis).toEqual(basis);
  });
});

describe("PDP-CHILD-AT-OFFENCE: a child's protections follow the age at the offence", () => {
  // Born 20 February 2008: 17 at the offence (10 January 2026), 18 since 20 February 2026.
  const turned18 = () =>
    adultClient({
      nik: `73730120020800${String(10 + (Date.now() % 89)).padStart(2, '0')}`,
      birthDate: '2008-02-20',
      guardian: { name: 'Hasnah', relation: 'ibu', phone: '+62 813 0000 1111' },
    });

  it('keeps them after the 18th birthday: guardian kept, initials only for partner systems', async () => {
    const client = await registered(turned18());
    const before = await call('GET', `${base()}/clients/${client.id}`, { claims: world.claims.officer });
    expect(before.body).toMatchObject({ isChild: false, childAtOffence: false });

    created(
      await call('POST', `${base()}/cases`, {
        claims: world.claims.officer,
        body: childCase(client.id, world.people.officer),
      }),
    );
    const after = await call('GET', `${base()}/clients/${client.id}`, { claims: world.claims.officer });
    expect(after.body).toMatchObject({ isChild: false, childAtOffence: true });

    const dropGuardian = await patch(
      call,
      `${base()}/clients/${client.id}`,
      world.claims.officer,
      { guardian: null, reason: 'Sudah dewasa' },
      after.body.version,
    );
    expect(dropGuardian.status).toBe(400);
    expect(dropGuardian.body.errors).toContainEqual(
      expect.objectContaining({ rule: 'CL-GUARDIAN', path: 'guardian' }),
    );

    const partner = await call('GET', `${base()}/clients/${client.id}`, { claims: world.claims.integration });
    expect(partner.status).toBe(200);
    expect(partner.body.fullName).toMatch(/^A\. B\. \d\.$/);
    expect(partner.body).toMatchObject({ address: '', childAtOffence: true });
    expect(partner.body.guardian).toBeUndefined();
    expect(partner.body.phone).toBeUndefined();
  });

  it('an adult at the offence is shown in full to a partner system', async () => {
    const client = await registered();
    const partner = await call('GET', `${base()}/clients/${client.id}`, { claims: world.claims.integration });
    expect(partner.body.fullName).toBe(client.body.fullName);
    expect(partner.body.childAtOffence).toBe(false);
  });
});
