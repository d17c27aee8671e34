import { beforeAll } from 'vitest';
import { apiCaller } from './api';
import { testEnvironment, uniqueSuffix } from './environment';
import { seedDirectory } from './fixtures';

type Call = ReturnType<typeof apiCaller>;
type World = Awaited<ReturnType<typeof seedDirectory>>;

/** A lawful partner with a PKS (cooperation agreement) valid 2026–2028. */
export const newPartner = (overrides: Record<string, unknown> = {}) => ({
  name: `Pemerintah Kota Palopo ${uniqueSuffix()}`,
  kind: 'government' as const,
  nonCommercial: true,
  contact: { name: 'Bagian Hukum Setda', phone: '0471 000 0001', email: 'hukum@example.invalid' },
  agreement: {
    number: 'PKS/01/BAPAS-PLP/I/2026',
    signedOn: '2026-01-12',
    validFrom: '2026-01-12',
    validUntil: '2028-01-11',
  },
  ...overrides,
});

/** A work site of the partner, with room for four clients. */
export const newSite = (partnerId: string, overrides: Record<string, unknown> = {}) => ({
  partnerId,
  name: `Masjid Balandai ${uniqueSuffix()}`,
  address: 'Jl. Dr. Ratulangi',
  kelurahan: 'Balandai',
  kecamatan: 'Bara',
  kabupatenKota: 'Kota Palopo',
  location: { lat: -2.9712, lng: 120.1788, radiusMeters: 100 },
  capacity: 4,
  activities: ['Membersihkan masjid', 'Merawat taman'],
  ...overrides,
});

let nikSerial = 0;

/** A valid adult client (NIK born 15 Jan 1990, male, Kota Palopo); each call gets a fresh NIK serial. */
export function adultClient(overrides: Record<string, unknown> = {}) {
  nikSerial += 1;
  return {
    fullName: `Andi Baso ${nikSerial}`,
    nik: `737301150190${String(1000 + (nikSerial % 9000)).padStart(4, '0')}`,
    birthDate: '1990-01-15',
    sex: 'M',
    address: 'Jl. Ahmad Yani, Kelurahan Balandai, Kota Palopo',
    phone: '+62 812 3456 7890',
    ...overrides,
  };
}

/** A lawful kerja sosial registration: 40 hours, at most 4 a day, March to June 2026. */
export function lawfulCase(
  clientId: string,
  officerUsername: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    clientId,
    officerUsername,
    prosecutor: { name: 'Rahmawati Said', office: 'Kejaksaan Negeri Palopo' },
    decision: {
      number: '12/Pid.B/2026/PN Plp',
      court: 'PN Palopo',
      date: '2026-02-20',
      offenceArticles: ['Pasal 476 KUHP'],
      threatenedMaxMonths: 48,
      imposed: { prisonMonths: 3 },
      nonComplianceSanction: 'serve_prison',
    },
    sentence: {
      kind: 'kerja_sosial',
      hours: 40,
      maxHoursPerDay: 4,
      startDate: '2026-03-01',
      deadline: '2026-06-30',
    },
    consent: { given: true, recordedOn: '2026-02-25' },
    ...overrides,
  };
}

/** A Litmas as the PK records it: consent given, nothing advised against; dated before the decision. */
export const litmasAssessment = (overrides: Record<string, unknown> = {}) => ({
  litmas: { number: 'W23.PAS.PAS12-PK.01.05.02-101', date: '2026-02-10' },
  recommendation: 'Layak menjalani pidana kerja sosial di lingkungan pemerintah kota',
  consent: { status: 'given', recordedOn: '2026-02-10' },
  workSafety: 'Sehat, dapat bekerja di luar ruangan',
  ...overrides,
});

/** Each office's work site for `registeredCase` placements (one partner, one roomy site), made once. */
const workSites = new Map<string, Promise<string>>();

/**
 * A real work site of the office under test, with room for 500 clients, created once per office
 * through the API. It is not the fixture supervisor's site (`world.siteId`): cases placed here stay
 * hidden from that supervisor.
 */
export function workSite(call: Call, world: World): Promise<string> {
  let site = workSites.get(world.home);
  if (!site) {
    site = (async () => {
      const base = `/v1/offices/${world.home}`;
      const partner = await call('POST', `${base}/partners`, {
        claims: world.claims.admin,
        body: newPartner(),
      });
      if (partner.status !== 201) throw new Error(`partner: ${JSON.stringify(partner.body)}`);
      const created = await call('POST', `${base}/sites`, {
        claims: world.claims.admin,
        body: newSite(partner.body.id, { capacity: 500 }),
      });
      if (created.status !== 201) throw new Error(`site: ${JSON.stringify(created.body)}`);
      return created.body.id as string;
    })();
    workSites.set(world.home, site);
  }
  return site;
}

/**
 * Registers a client and a case through the API and takes it to `status` the way an office does: an
 * assessment (Litmas) makes it `assessed`, a placement (every day of the case window, at the office's
 * `workSite` unless `siteId` names another) makes it `placed`. Answers the site it is placed at.
 */
export async function registeredCase(
  call: Call,
  world: World,
  options: {
    status?: 'received' | 'assessed' | 'placed';
    case?: Record<string, unknown>;
    siteId?: string;
  } = {},
) {
  const base = `/v1/offices/${world.home}`;
  const status = options.status ?? 'placed';
  const client = await call('POST', `${base}/clients`, { claims: world.claims.officer, body: adultClient() });
  if (client.status !== 201) throw new Error(`client: ${JSON.stringify(client.body)}`);
  const body = lawfulCase(client.body.id, world.people.officer, options.case);
  const created = await call('POST', `${base}/cases`, { claims: world.claims.officer, body });
  if (created.status !== 201) throw new Error(`case: ${JSON.stringify(created.body)}`);
  const caseId = created.body.id as string;
  if (status !== 'received') {
    const assessed = await call('POST', `${base}/cases/${caseId}/assessments`, {
      claims: world.claims.officer,
      body: litmasAssessment(),
    });
    if (assessed.status !== 201) throw new Error(`assessment: ${JSON.stringify(assessed.body)}`);
  }
  let siteId: string | undefined;
  if (status === 'placed') {
    siteId = options.siteId ?? (await workSite(call, world));
    const placed = await call('POST', `${base}/cases/${caseId}/placements`, {
      claims: world.claims.officer,
      body: wholeWindowPlacement(siteId, body.sentence as Sentence),
    });
    if (placed.status !== 201) throw new Error(`placement: ${JSON.stringify(placed.body)}`);
  }
  return { client: client.body, caseId, base, siteId };
}

type Sentence = { maxHoursPerDay: number; startDate: string; deadline: string };

/**
 * The writes (route under the case, body) that take a registered `lawfulCase` to `active` as an office
 * does: its Litmas (assessed), a placement at the office's `workSite` (placed), then active by hand.
 */
export async function stepsToActive(call: Call, world: World) {
  const site = await workSite(call, world);
  return [
    ['assessments', litmasAssessment()],
    ['placements', wholeWindowPlacement(site, lawfulCase('', '').sentence)],
    ['transitions', { to: 'active', reason: 'Langkah ke active' }],
  ] as const;
}

/** A placement every day of the case's window, from 08:00 for as many hours as a day allows (at most 4). */
export const wholeWindowPlacement = (siteId: string, sentence: Sentence) => ({
  siteId,
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  startTime: '08:00',
  endTime: `${String(8 + Math.min(4, Math.floor(sentence.maxHoursPerDay))).padStart(2, '0')}:00`,
  from: sentence.startDate,
  until: sentence.deadline,
});

/** A child's pelayanan masyarakat decision (Pid.Sus-Anak): 20 hours on Sundays, 3 a day, to September 2026. */
export function childCase(
  clientId: string,
  officerUsername: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    ...lawfulCase(clientId, officerUsername),
    decision: {
      number: '9/Pid.Sus-Anak/2026/PN Plp',
      court: 'PN Palopo',
      date: '2026-03-05',
      offenceDate: '2026-01-10',
      offenceArticles: ['Pasal 476 KUHP'],
      nonComplianceSanction: 'repeat',
    },
    sentence: {
      kind: 'pelayanan_masyarakat',
      hours: 20,
      maxHoursPerDay: 3,
      daysPerWeek: 1,
      startDate: '2026-03-15',
      deadline: '2026-09-30',
    },
    ...overrides,
  };
}

/** A Pasal 82 conversion of an unpaid Rp1,025,000 fine into 21 hours of kerja sosial. */
export function conversionCase(clientId: string, officerUsername: string) {
  const { consent: _consent, ...base } = lawfulCase(clientId, officerUsername);
  return {
    ...base,
    origin: 'fine_conversion',
    decision: {
      number: '77/Pid.C/2026/PN Plp',
      court: 'PN Palopo',
      date: '2026-02-20',
      offenceArticles: ['Pasal 331 KUHP'],
      imposed: { fineRupiah: 1_025_000 },
      nonComplianceSanction: 'pay_fine',
    },
    conversion: { fineRupiah: 1_025_000, legalBasis: 'KUHP 82' },
    sentence: { ...base.sentence, hours: 21 },
  };
}

/** A children's diversion agreement and its penetapan: no decision number, 14 hours within 3 months. */
export function diversionCase(clientId: string, officerUsername: string) {
  return childCase(clientId, officerUsername, {
    origin: 'diversion',
    decision: {
      court: 'PN Palopo',
      date: '2026-03-05',
      offenceDate: '2026-01-10',
      offenceArticles: ['Pasal 476 KUHP'],
      nonComplianceSanction: 'repeat',
    },
    diversion: { penetapanNumber: '3/Pen.Div/2026/PN Plp', agreementDate: '2026-03-02', withoutVictim: true },
    sentence: {
      kind: 'pelayanan_masyarakat',
      hours: 14,
      maxHoursPerDay: 2,
      daysPerWeek: 2,
      startDate: '2026-03-15',
      deadline: '2026-06-12',
    },
  });
}

/**
 * A test file's API at the instant `now` against DynamoDB Local, and its office and people (`world`),
 * seeded before all of the file's tests.
 */
export function casesApi(now: string) {
  const env = testEnvironment({ now: () => new Date(now) });
  const api = {
    env,
    call: apiCaller(env.handler),
    world: undefined as unknown as World,
    base: () => `/v1/offices/${api.world.home}`,
  };
  beforeAll(async () => {
    api.world = await seedDirectory(env.directory, uniqueSuffix());
  });
  return api;
}
