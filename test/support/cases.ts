import type { apiCaller } from './api';
import { uniqueSuffix } from './environment';
import type { seedDirectory } from './fixtures';

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

/** Registers a client and a case through the API and walks it to `status`. */
export async function registeredCase(
  call: Call,
  world: World,
  options: { status?: 'received' | 'assessed' | 'placed'; case?: Record<string, unknown> } = {},
) {
  const base = `/v1/offices/${world.home}`;
  const client = await call('POST', `${base}/clients`, { claims: world.claims.officer, body: adultClient() });
  if (client.status !== 201) throw new Error(`client: ${JSON.stringify(client.body)}`);
  const created = await call('POST', `${base}/cases`, {
    claims: world.claims.officer,
    body: lawfulCase(client.body.id, world.people.officer, options.case),
  });
  if (created.status !== 201) throw new Error(`case: ${JSON.stringify(created.body)}`);
  const steps = { received: [], assessed: ['assessed'], placed: ['assessed', 'placed'] }[
    options.status ?? 'placed'
  ];
  for (const to of steps) {
    const moved = await call('POST', `${base}/cases/${created.body.id}/transitions`, {
      claims: world.claims.officer,
      body: { to, reason: `Langkah ${to}` },
    });
    if (moved.status !== 200) throw new Error(`transition: ${JSON.stringify(moved.body)}`);
  }
  return { client: client.body, caseId: created.body.id as string, base };
}
