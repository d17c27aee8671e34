import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PartnerExists, PartnerStore, type PartnerInput } from '../../functions/store/partner-store';
import { SiteExists, SiteStore, type SiteInput } from '../../functions/store/site-store';
import { DEMO_SITE_MASJID_BARA } from './seed';

/** Fixed ids of the demo partners, so demo cases and placements can name them. */
export const DEMO_PARTNERS = {
  /** The first PKS in the area: Bapas Palopo and the City of Palopo, 12 January 2026. */
  palopoCity: 'partner-palopo-pemkot',
  palopoOrphanage: 'partner-palopo-panti-asuhan',
  /** A commercial partner: recorded, but placements there are refused (KUHP 85(3)). */
  palopoCommercial: 'partner-palopo-cv-sinar-luwu',
  makassarCity: 'partner-makassar-pemkot',
} as const;

/** Fixed ids of the demo work sites. `palopoMasjidBara` is the demo supervisor's (pengawas.bara) site. */
export const DEMO_SITES = {
  palopoMasjidBara: 'site-palopo-masjid-bara',
  palopoKelurahanBalandai: 'site-palopo-kelurahan-balandai',
  palopoCamatWara: 'site-palopo-camat-wara',
  palopoPantiAsuhan: 'site-palopo-panti-asuhan',
  palopoCommercialShop: 'site-palopo-toko-sinar-luwu',
  makassarCamatTamalate: 'site-makassar-camat-tamalate',
} as const;

/** A partner whose PKS (number, signed on, valid until) runs from the day it was signed. */
function partner(
  officeId: string,
  id: string,
  input: Omit<PartnerInput, 'agreement'>,
  [number, signedOn, validUntil]: readonly [string, string, string],
): { officeId: string; id: string; input: PartnerInput } {
  return {
    officeId,
    id,
    input: { ...input, agreement: { number, signedOn, validFrom: signedOn, validUntil } },
  };
}

const demoPartners = [
  partner(
    'bapas-palopo',
    DEMO_PARTNERS.palopoCity,
    {
      name: 'Pemerintah Kota Palopo',
      kind: 'government',
      nonCommercial: true,
      contact: { name: 'Bagian Hukum Sekretariat Daerah Kota Palopo', phone: '0471 000 0001' },
    },
    ['PKS/01/BAPAS-PLP/I/2026', '2026-01-12', '2028-01-11'],
  ),
  partner(
    'bapas-palopo',
    DEMO_PARTNERS.palopoOrphanage,
    {
      name: 'Panti Asuhan Nurul Ikhlas Palopo',
      kind: 'social',
      nonCommercial: true,
      contact: { name: 'Hj. Sitti Aminah', phone: '0812 0000 0002' },
    },
    ['PKS/02/BAPAS-PLP/II/2026', '2026-02-03', '2027-02-02'],
  ),
  partner(
    'bapas-palopo',
    DEMO_PARTNERS.palopoCommercial,
    {
      name: 'CV Sinar Luwu',
      kind: 'other',
      nonCommercial: false,
      contact: { name: 'Andi Rahman', email: 'kontak@sinarluwu.example.invalid' },
    },
    ['PKS/03/BAPAS-PLP/III/2026', '2026-03-02', '2027-03-01'],
  ),
  partner(
    'bapas-makassar',
    DEMO_PARTNERS.makassarCity,
    {
      name: 'Pemerintah Kota Makassar',
      kind: 'government',
      nonCommercial: true,
      contact: { name: 'Bagian Hukum Sekretariat Daerah Kota Makassar', phone: '0411 000 0003' },
    },
    ['PKS/01/BAPAS-MKS/II/2026', '2026-02-16', '2028-02-15'],
  ),
];

/**
 * An active work site: `where` is [name, street address, kelurahan, kecamatan], `at` its centre and
 * the radius (metres) within which a photo counts as taken there.
 */
function site(
  [officeId, kabupatenKota]: readonly [string, string],
  id: string,
  partnerId: string,
  [name, address, kelurahan, kecamatan]: readonly [string, string, string, string],
  [lat, lng, radiusMeters]: readonly [number, number, number],
  capacity: number,
  activities: string[],
): { officeId: string; id: string; input: SiteInput } {
  const location = { lat, lng, radiusMeters };
  const input = { partnerId, name, address, kelurahan, kecamatan, kabupatenKota, location, capacity };
  return { officeId, id, input: { ...input, activities, active: true } };
}

const palopo = ['bapas-palopo', 'Kota Palopo'] as const;
const makassar = ['bapas-makassar', 'Kota Makassar'] as const;

const demoSites = [
  site(
    palopo,
    DEMO_SITES.palopoMasjidBara,
    DEMO_PARTNERS.palopoCity,
    ['Masjid Nurul Huda Balandai', 'Jl. Dr. Ratulangi, Balandai', 'Balandai', 'Bara'],
    [-2.9712, 120.1788, 100],
    4,
    ['Membersihkan masjid', 'Merawat taman'],
  ),
  site(
    palopo,
    DEMO_SITES.palopoKelurahanBalandai,
    DEMO_PARTNERS.palopoCity,
    ['Kantor Kelurahan Balandai', 'Jl. Poros Balandai', 'Balandai', 'Bara'],
    [-2.9689, 120.1812, 80],
    3,
    ['Membersihkan lingkungan kantor', 'Membantu pelayanan administrasi ringan'],
  ),
  site(
    palopo,
    DEMO_SITES.palopoCamatWara,
    DEMO_PARTNERS.palopoCity,
    ['Kantor Camat Wara', 'Jl. Andi Djemma', 'Amassangan', 'Wara'],
    [-2.9934, 120.1952, 100],
    5,
    ['Membersihkan halaman kantor', 'Merawat taman kota'],
  ),
  site(
    palopo,
    DEMO_SITES.palopoPantiAsuhan,
    DEMO_PARTNERS.palopoOrphanage,
    ['Panti Asuhan Nurul Ikhlas', 'Jl. Kelapa', 'Surutanga', 'Wara Timur'],
    [-2.9958, 120.2041, 60],
    2,
    ['Membersihkan asrama', 'Membantu dapur umum'],
  ),
  site(
    palopo,
    DEMO_SITES.palopoCommercialShop,
    DEMO_PARTNERS.palopoCommercial,
    ['Gudang CV Sinar Luwu', 'Jl. Jenderal Sudirman', 'Lagaligo', 'Wara'],
    [-2.9991, 120.1917, 50],
    2,
    ['Bongkar muat barang'],
  ),
  site(
    makassar,
    DEMO_SITES.makassarCamatTamalate,
    DEMO_PARTNERS.makassarCity,
    ['Kantor Camat Tamalate', 'Jl. Daeng Tata Raya', 'Parang Tambung', 'Tamalate'],
    [-5.1818, 119.4186, 100],
    4,
    ['Membersihkan halaman kantor', 'Merawat taman'],
  ),
];

/**
 * Writes the demo partners (with their PKS) and work sites through the stores, so each has its audit
 * entry as a real one would. Records that already exist are left as they are, so a reseed is safe.
 * Call it after the offices exist.
 */
export async function seedPartnersAndSites(options: {
  db: DynamoDBDocumentClient;
  tableName: string;
  now?: () => Date;
}): Promise<void> {
  // Read here, not at module load: seed.ts imports this module.
  if (DEMO_SITES.palopoMasjidBara !== DEMO_SITE_MASJID_BARA) {
    throw new Error('the demo supervisor must be granted the seeded mosque site');
  }
  const partners = new PartnerStore(options.db, options.tableName);
  const sites = new SiteStore(options.db, options.tableName);
  const actor = () => ({ actor: 'seed', at: (options.now ?? (() => new Date()))() });
  for (const { officeId, id, input } of demoPartners) {
    await ignoreExisting(() => partners.create(officeId, id, input, actor()));
  }
  for (const { officeId, id, input } of demoSites) {
    await ignoreExisting(() => sites.create(officeId, id, input, actor()));
  }
}

async function ignoreExisting(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (error instanceof PartnerExists || error instanceof SiteExists) return;
    throw error;
  }
}
