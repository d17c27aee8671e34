import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, clientClaims, type ApiResponse } from '../support/api';
import { adultClient, lawfulCase, litmasAssessment, wholeWindowPlacement } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite } from '../support/placed-case';

/**
 * CL-NIK-MASK through the HTTP API. A NIK spells out the birth date (digits 7–12: DDMMYY, 40 added to
 * the day for a woman) after the region (digits 1–6, which the address names anyway), so a reader who
 * may not reveal it must get neither those digits nor the birth date, nor anything that moves on the
 * birthday. Every response such a reader can get about the client is searched, and then an attacker's
 * rebuild is tried with whatever the response gives.
 */

// 10 March 2026, 16:00 in Palopo (WITA).
const env = testEnvironment({ now: () => new Date('2026-03-10T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
const base = () => `/v1/offices/${world.home}`;

/** Born 17 March 1999, a woman (57 = 17 + 40), Kota Makassar (73 71), district 01, serial 0042. */
const person = adultClient({
  fullName: `Sitti Rahma ${uniqueSuffix()}`,
  nik: '7371015703990042',
  birthDate: '1999-03-17',
  sex: 'F',
});
const NIK = person.nik;
let clientId: string;
let caseId: string;
/** A partner system allowed to write cases (the fixture's machine client may only read). */
let writerClaims: Record<string, unknown>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  await fixtureSite(env.deps, world);
  const writer = `writer-${uniqueSuffix()}`;
  await env.directory.putMachineClient(
    { clientId: writer, name: 'Sistem Kejaksaan', status: 'active', scopes: ['cases:read', 'cases:write'] },
    [{ role: 'integration', officeId: world.home }],
  );
  writerClaims = clientClaims(writer, ['cases:read', 'cases:write']);

  const client = await call('POST', `${base()}/clients`, { claims: world.claims.officer, body: person });
  expect(client.status).toBe(201);
  clientId = client.body.id;
  // Placed at the fixture supervisor's site, so the supervisor sees the case and its client's name.
  const body = lawfulCase(clientId, world.people.officer);
  const created = await call('POST', `${base()}/cases`, { claims: world.claims.officer, body });
  expect(created.status).toBe(201);
  caseId = created.body.id;
  const steps: [string, unknown][] = [
    ['assessments', litmasAssessment()],
    ['placements', wholeWindowPlacement(world.siteId, body.sentence)],
  ];
  for (const [kind, step] of steps) {
    const done = await call('POST', `${base()}/cases/${caseId}/${kind}`, {
      claims: world.claims.officer,
      body: step,
    });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
  }
});

/** Every read that can carry the client or their case, as each reader would send it. */
const reads = () => [
  `${base()}/clients/${clientId}`,
  `${base()}/clients?q=${encodeURIComponent(person.fullName.slice(0, 8))}`,
  `${base()}/clients?limit=100`,
  `${base()}/clients/${clientId}?reveal=nik&reason=${encodeURIComponent('Ingin tahu saja')}`,
  `${base()}/cases/${caseId}`,
  `${base()}/cases?limit=100`,
  `${base()}/cases?siteId=${world.siteId}`,
  `${base()}/cases/${caseId}/audit`,
  `${base()}/cases/${caseId}/placements`,
  `${base()}/cases/${caseId}/assessments`,
  `${base()}/summary`,
];

const READERS_WHO_MAY_NOT_REVEAL = ['supervisor', 'prosecutor', 'regional', 'integration'] as const;

/** What a response must never hold for these readers: the NIK, its digits 5–12, the birth date. */
function assertNothingOfTheNik(response: ApiResponse, what: string) {
  const text = JSON.stringify(response.body ?? '');
  expect(text, what).not.toContain(NIK);
  expect(text, `${what}: digits 5–12`).not.toContain(NIK.slice(4, 12));
  expect(text, `${what}: DDMMYY`).not.toContain(NIK.slice(6, 12));
  expect(text, `${what}: birth date`).not.toContain(person.birthDate);
  expect(text, `${what}: birth date, day first`).not.toMatch(/17[-/.]03[-/.]1999/);
}

/**
 * An attacker's rebuild: digits the masked NIK shows, the region granted outright (the address names
 * it), and digits 7–12 from the birth date and sex where given, else every date of the given birth
 * year. Answers every 16-digit NIK consistent with the response.
 */
function rebuildNik(view: Record<string, unknown>): string[] {
  const shown = String(view.nik ?? '');
  const region = NIK.slice(0, 6);
  const serial = /(\d{4})$/.exec(shown)?.[1];
  const serials = serial ? [serial] : Array.from({ length: 9999 }, (_, i) => String(i + 1).padStart(4, '0'));
  const birthDates =
    typeof view.birthDate === 'string'
      ? [view.birthDate]
      : typeof view.birthYear === 'number'
        ? datesOfYear(view.birthYear)
        : [];
  const sexes = view.sex === 'M' || view.sex === 'F' ? [view.sex] : ['M', 'F'];
  const candidates: string[] = [];
  for (const date of birthDates) {
    const [y, m, d] = date.split('-');
    for (const sex of sexes) {
      const day = String(Number(d) + (sex === 'F' ? 40 : 0)).padStart(2, '0');
      for (const s of serials.slice(0, 10)) candidates.push(`${region}${day}${m}${y!.slice(2)}${s}`);
    }
  }
  return candidates;
}

function datesOfYear(year: number): string[] {
  const dates: string[] = [];
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

describe('CL-NIK-MASK through the API', () => {
  it('CL-NIK-MASK: no response to a supervisor, prosecutor, Kanwil or partner system holds NIK digits 5–12 or the birth date', async () => {
    for (const role of READERS_WHO_MAY_NOT_REVEAL) {
      for (const url of reads()) {
        const response = await call('GET', url, { claims: world.claims[role] });
        expect(response.status, `${role} ${url}`).toBeLessThan(500);
        assertNothingOfTheNik(response, `${role} GET ${url}`);
      }
    }
    const registered = await call('POST', `${base()}/clients`, {
      claims: writerClaims,
      body: adultClient({ nik: '7371016508010007', birthDate: '2001-08-25', sex: 'F' }),
    });
    expect(registered.status).toBe(201);
    expect(registered.body).not.toHaveProperty('birthDate');
    expect(JSON.stringify(registered.body)).not.toMatch(/650801|2001-08-25/);
  });

  it('CL-NIK-MASK: readers who may not reveal still get what they need: the serial, the birth year, the name on the case', async () => {
    for (const role of ['prosecutor', 'regional', 'integration'] as const) {
      const { status, body } = await call('GET', `${base()}/clients/${clientId}`, {
        claims: world.claims[role],
      });
      expect(status, role).toBe(200);
      expect(body, role).toMatchObject({
        nik: '••••••••••••0042',
        nikMasked: true,
        birthYear: 1999,
        sex: 'F',
      });
      expect(body, role).not.toHaveProperty('birthDate');
      expect(body, role).not.toHaveProperty('isChild');
    }
    const seen = await call('GET', `${base()}/cases/${caseId}`, { claims: world.claims.supervisor });
    expect(seen.status).toBe(200);
    expect(seen.body.client).toEqual({ id: clientId, fullName: person.fullName });
  });

  it('CL-NIK-MASK: rebuilding the NIK from what a client read gives leaves a year of birth dates to guess', async () => {
    for (const role of ['prosecutor', 'regional', 'integration'] as const) {
      const { body } = await call('GET', `${base()}/clients/${clientId}`, { claims: world.claims[role] });
      const candidates = rebuildNik(body);
      // The attack is granted the region; the birth date still hides among every day of the year.
      expect(new Set(candidates).size, role).toBeGreaterThanOrEqual(365);
      expect(
        candidates.filter((c) => c === NIK),
        role,
      ).toHaveLength(1);
    }
  });

  it('CL-NIK-MASK: admins and PKs keep the birth date but see only the serial until they reveal', async () => {
    const plain = await call('GET', `${base()}/clients/${clientId}`, { claims: world.claims.admin });
    expect(plain.body).toMatchObject({
      nik: '••••••••••••0042',
      nikMasked: true,
      birthDate: '1999-03-17',
      birthYear: 1999,
      isChild: false,
    });
    // Without a reveal the NIK's first six digits stay out: the birth date would leave only them to guess.
    expect(JSON.stringify(plain.body)).not.toContain(NIK.slice(0, 4));
    const revealed = await call(
      'GET',
      `${base()}/clients/${clientId}?reveal=nik&reason=${encodeURIComponent('Cocokkan dengan KTP')}`,
      { claims: world.claims.officer },
    );
    expect(revealed.body).toMatchObject({ nik: NIK, nikMasked: false, birthDate: '1999-03-17' });
  });
});
