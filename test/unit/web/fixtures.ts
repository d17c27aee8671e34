import type { Case, Placement, Site, WorkSession } from '../../../web/src/lib/api-types';

/** Small builders for the dashboard's unit tests: only what a test names differs from a plain record. */
const builder =
  <T>(plain: T) =>
  (overrides: Partial<T> = {}): T => ({ ...plain, ...overrides });

export function aCase(overrides: Partial<Case> & { name?: string } = {}): Case {
  const { name, ...rest } = overrides;
  return {
    id: 'C1',
    status: 'active',
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    client: { id: 'K1', fullName: name ?? 'Rudi Hartono' },
    officerUsername: 'pk.palopo',
    origin: 'decision',
    flags: [],
    sentence: {
      kind: 'kerja_sosial',
      hours: 60,
      maxHoursPerDay: 4,
      startDate: '2026-01-05',
      deadline: '2026-06-30',
    },
    openWarnings: 0,
    terms: { hours: 60, deadline: '2026-06-30', source: 'decision' },
    clock: { paused: false },
    progress: {
      hoursOrdered: 60,
      hoursCredited: 12,
      hoursRemaining: 48,
      deadline: '2026-06-30',
      daysLeft: 40,
      onTrack: true,
    },
    ...rest,
  };
}

/** Cases C1, C2, … whose clients have these names. */
export const casesOf = <const Names extends readonly string[]>(...names: Names) =>
  names.map((name, i) => aCase({ id: `C${i + 1}`, name })) as { [K in keyof Names]: Case };

export const aPlacement = builder<Placement>({
  id: 'P1',
  caseId: 'C1',
  siteId: 'site-palopo-masjid-bara',
  weekdays: [1, 6],
  startTime: '08:00',
  endTime: '12:00',
  from: '2026-01-05',
  until: '2026-06-30',
  status: 'active',
  createdAt: '2026-01-05T00:00:00Z',
});

export const aSession = builder<WorkSession>({
  id: 'S1',
  caseId: 'C1',
  siteId: 'site-palopo-masjid-bara',
  date: '2026-03-02',
  startTime: '08:00',
  endTime: '12:00',
  outcome: 'attended',
  misconduct: false,
  durationHours: 4,
  hoursCredited: 4,
  clipped: false,
  clippedBy: [],
  verified: true,
  recordedBy: 'user:pk.palopo',
  version: 1,
  createdAt: '2026-03-02T05:00:00Z',
  updatedAt: '2026-03-02T05:00:00Z',
});

export const aSite = builder<Site>({
  id: 'site-palopo-masjid-bara',
  partnerId: 'partner-palopo-pemkot',
  name: 'Masjid Nurul Huda Balandai',
  address: 'Jl. Dr. Ratulangi',
  kelurahan: 'Balandai',
  kecamatan: 'Bara',
  kabupatenKota: 'Kota Palopo',
  location: { lat: -2.9712, lng: 120.1788, radiusMeters: 100 },
  capacity: 4,
  activities: ['Membersihkan masjid'],
  active: true,
  occupancy: { '1': 2, '2': 0, '3': 0, '4': 0, '5': 0, '6': 4, '7': 3 },
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});
