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

const palopoCity: PartnerInput = {
  name: 'Pemerintah Kota Palopo',
  kind: 'government',
  nonCommercial: true,
  contact: { name: 'Bagian Hukum Sekretariat Daerah Kota Palopo', phone: '0471 000 0001' },
  agreement: {
    number: 'PKS/01/BAPAS-PLP/I/2026',
    signedOn: '2026-01-12',
    validFrom: '2026-01-12',
    validUntil: '2028-01-11',
  },
};

const demoPartners: readonly { officeId: string; id: string; input: PartnerInput }[] = [
  { officeId: 'bapas-palopo', id: DEMO_PARTNERS.palopoCity, input: palopoCity },
  {
    officeId: 'bapas-palopo',
    id: DEMO_PARTNERS.palopoOrphanage,
    input: {
      name: 'Panti Asuhan Nurul Ikhlas Palopo',
      kind: 'social',
      nonCommercial: true,
      contact: { name: 'Hj. Sitti Aminah', phone: '0812 0000 0002' },
      agreement: {
        number: 'PKS/02/BAPAS-PLP/II/2026',
        signedOn: '2026-02-03',
        validFrom: '2026-02-03',
        validUntil: '2027-02-02',
      },
    },
  },
  {
    officeId: 'bapas-palopo',
    id: DEMO_PARTNERS.palopoCommercial,
    input: {
      name: 'CV Sinar Luwu',
      kind: 'other',
      nonCommercial: false,
      contact: { name: 'Andi Rahman', email: 'kontak@sinarluwu.example.invalid' },
      agreement: {
        number: 'PKS/03/BAPAS-PLP/III/2026',
        signedOn: '2026-03-02',
        validFrom: '2026-03-02',
        validUntil: '2027-03-01',
      },
    },
  },
  {
    officeId: 'bapas-makassar',
    id: DEMO_PARTNERS.makassarCity,
    input: {
      name: 'Pemerintah Kota Makassar',
      kind: 'government',
      nonCommercial: true,
      contact: { name: 'Bagian Hukum Sekretariat Daerah Kota Makassar', phone: '0411 000 0003' },
      agreement: {
        number: 'PKS/01/BAPAS-MKS/II/2026',
        signedOn: '2026-02-16',
        validFrom: '2026-02-16',
        validUntil: '2028-02-15',
      },
    },
  },
];

const palopo = { kabupatenKota: 'Kota Palopo' };

const demoSites: readonly { officeId: string; id: string; input: SiteInput }[] = [
  {
    officeId: 'bapas-palopo',
    id: DEMO_SITES.palopoMasjidBara,
    input: {
      partnerId: DEMO_PARTNERS.palopoCity,
      name: 'Masjid Nurul Huda Balandai',
      address: 'Jl. Dr. Ratulangi, Balandai',
      kelurahan: 'Balandai',
      kecamatan: 'Bara',
      ...palopo,
      location: { lat: -2.9712, lng: 120.1788, radiusMeters: 100 },
      capacity: 4,
      activities: ['Membersihkan masjid', 'Merawat taman'],
      active: true,
    },
  },
  {
    officeId: 'bapas-palopo',
    id: DEMO_SITES.palopoKelurahanBalandai,
    input: {
      partnerId: DEMO_PARTNERS.palopoCity,
      name: 'Kantor Kelurahan Balandai',
      address: 'Jl. Poros Balandai',
      kelurahan: 'Balandai',
      kecamatan: 'Bara',
      ...palopo,
      location: { lat: -2.9689, lng: 120.1812, radiusMeters: 80 },
      capacity: 3,
      activities: ['Membersihkan lingkungan kantor', 'Membantu pelayanan administrasi ringan'],
      active: true,
    },
  },
  {
    officeId: 'bapas-palopo',
    id: DEMO_SITES.palopoCamatWara,
    input: {
      partnerId: DEMO_PARTNERS.palopoCity,
      name: 'Kantor Camat Wara',
      address: 'Jl. Andi Djemma',
      kelurahan: 'Amassangan',
      kecamatan: 'Wara',
      ...palopo,
      location: { lat: -2.9934, lng: 120.1952, radiusMeters: 100 },
      capacity: 5,
      activities: ['Membersihkan halaman kantor', 'Merawat taman kota'],
      active: true,
    },
  },
  {
    officeId: 'bapas-palopo',
    id: DEMO_SITES.palopoPantiAsuhan,
    input: {
      partnerId: DEMO_PARTNERS.palopoOrphanage,
      name: 'Panti Asuhan Nurul Ikhlas',
      address: 'Jl. Kelapa',
      kelurahan: 'Surutanga',
      kecamatan: 'Wara Timur',
      ...palopo,
      location: { lat: -2.9958, lng: 120.2041, radiusMeters: 60 },
      capacity: 2,
      activities: ['Membersihkan asrama', 'Membantu dapur umum'],
      active: true,
    },
  },
  {
    officeId: 'bapas-palopo',
    id: DEMO_SITES.palopoCommercialShop,
    input: {
      partnerId: DEMO_PARTNERS.palopoCommercial,
      name: 'Gudang CV Sinar Luwu',
      address: 'Jl. Jenderal Sudirman',
      kelurahan: 'Lagaligo',
      kecamatan: 'Wara',
      ...palopo,
      location: { lat: -2.9991, lng: 120.1917, radiusMeters: 50 },
      capacity: 2,
      activities: ['Bongkar muat barang'],
      active: true,
    },
  },
  {
    officeId: 'bapas-makassar',
    id: DEMO_SITES.makassarCamatTamalate,
    input: {
      partnerId: DEMO_PARTNERS.makassarCity,
      name: 'Kantor Camat Tamalate',
      address: 'Jl. Daeng Tata Raya',
      kelurahan: 'Parang Tambung',
      kecamatan: 'Tamalate',
      kabupatenKota: 'Kota Makassar',
      location: { lat: -5.1818, lng: 119.4186, radiusMeters: 100 },
      capacity: 4,
      activities: ['Membersihkan halaman kantor', 'Merawat taman'],
      active: true,
    },
  },
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
