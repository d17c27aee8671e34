/**
 * The columns of a partners file (one row per partner with its cooperation agreement, PKS) and of a
 * sites file (one row per work site, naming its partner by the agreement number). They fill
 * createPartnerBody and createSiteBody (api/schemas/partners.ts, sites.ts), which recordPartner and
 * recordSite take.
 */
import { PARTNER_KINDS } from '../work-sites';
import { choicesOf, type ImportColumn } from './column-model';

const text = (maxLength: number) => ({ type: 'text', maxLength }) as const;
const date = { type: 'date' } as const;

/** The dashboard's labels (web/messages `partner_kind_*`; a unit test holds them equal). */
export const PARTNER_KIND_CHOICES = choicesOf(PARTNER_KINDS, {
  government: { id: 'Pemerintah', en: 'Government' },
  religious: { id: 'Keagamaan', en: 'Religious' },
  education: { id: 'Pendidikan', en: 'Education' },
  health: { id: 'Kesehatan', en: 'Health' },
  social: { id: 'Sosial', en: 'Social' },
  ngo: { id: 'LSM', en: 'NGO', aliases: ['Lembaga Swadaya Masyarakat'] },
  other: { id: 'Lainnya', en: 'Other' },
});

export const PARTNER_COLUMNS: readonly ImportColumn[] = [
  {
    key: 'partner.agreement.number',
    header: { id: 'Nomor PKS', en: 'Agreement number' },
    required: true,
    reader: text(100),
    description: {
      id: 'Nomor perjanjian kerja sama (PKS); satu mitra per nomor.',
      en: 'The cooperation agreement (PKS) number; one partner per number.',
    },
    example: 'PKS/01/BAPAS-PLP/I/2026',
  },
  {
    key: 'partner.name',
    header: { id: 'Nama mitra', en: 'Partner name' },
    required: true,
    reader: text(200),
    description: { id: 'Nama lembaga mitra.', en: 'The partner institution’s name.' },
    example: 'Masjid Agung Luwu',
  },
  {
    key: 'partner.kind',
    header: { id: 'Jenis mitra', en: 'Partner kind' },
    required: true,
    reader: { type: 'choice', choices: PARTNER_KIND_CHOICES },
    description: { id: 'Jenis lembaga mitra.', en: 'The kind of institution.' },
    example: 'Keagamaan',
  },
  {
    key: 'partner.nonCommercial',
    header: { id: 'Nirlaba', en: 'Non-commercial' },
    required: true,
    reader: { type: 'yes-no' },
    description: {
      id: 'Ya bila kerja sosial di mitra ini tidak dikomersialkan (Pasal 85 ayat (3) KUHP); penempatan memerlukan Ya.',
      en: 'Yes when kerja sosial at this partner is not commercialised (KUHP 85(3)); placements need Yes.',
    },
    example: 'Ya',
  },
  {
    key: 'partner.contact.name',
    header: { id: 'Nama kontak', en: 'Contact name' },
    required: true,
    reader: text(200),
    description: { id: 'Orang yang dihubungi di mitra.', en: 'The person to contact at the partner.' },
    example: 'H. Abdul Rahman',
  },
  {
    key: 'partner.contact.phone',
    header: { id: 'Telepon kontak', en: 'Contact phone' },
    required: false,
    reader: { type: 'phone' },
    description: { id: 'Nomor telepon kontak.', en: 'The contact’s phone number.' },
    example: '081234567890',
  },
  {
    key: 'partner.contact.email',
    header: { id: 'Email kontak', en: 'Contact email' },
    required: false,
    reader: text(254),
    description: { id: 'Alamat email kontak.', en: 'The contact’s email address.' },
    example: 'sekretariat@masjidagungluwu.or.id',
  },
  {
    key: 'partner.agreement.signedOn',
    header: { id: 'Tanggal tanda tangan PKS', en: 'Agreement signed on' },
    required: true,
    reader: date,
    description: { id: 'Tanggal PKS ditandatangani.', en: 'The day the agreement was signed.' },
    example: '05/01/2026',
  },
  {
    key: 'partner.agreement.validFrom',
    header: { id: 'PKS berlaku mulai', en: 'Agreement valid from' },
    required: true,
    reader: date,
    description: { id: 'Hari pertama PKS berlaku.', en: 'The first day the agreement is valid.' },
    example: '12/01/2026',
  },
  {
    key: 'partner.agreement.validUntil',
    header: { id: 'PKS berlaku sampai', en: 'Agreement valid until' },
    required: true,
    reader: date,
    description: {
      id: 'Hari terakhir PKS berlaku (termasuk hari itu).',
      en: 'The last day the agreement is valid (inclusive).',
    },
    example: '31/12/2027',
  },
];

export const SITE_COLUMNS: readonly ImportColumn[] = [
  {
    key: 'site.partner',
    header: { id: 'Nomor PKS mitra', en: 'Partner agreement number' },
    required: true,
    reader: text(100),
    lookup: true,
    description: {
      id: 'Nomor PKS mitra pemilik lokasi; mitra harus sudah ada di kantor ini.',
      en: 'The agreement number of the partner the site belongs to; the partner must exist in this office.',
    },
    example: 'PKS/01/BAPAS-PLP/I/2026',
  },
  {
    key: 'site.name',
    header: { id: 'Nama lokasi', en: 'Site name' },
    required: true,
    reader: text(200),
    description: {
      id: 'Nama lokasi kerja; satu baris per mitra dan nama.',
      en: 'The work site’s name; one row per partner and name.',
    },
    example: 'Masjid Agung Luwu – halaman',
  },
  {
    key: 'site.address',
    header: { id: 'Alamat lokasi', en: 'Site address' },
    required: true,
    reader: text(500),
    description: { id: 'Alamat jalan lokasi.', en: 'The site’s street address.' },
    example: 'Jl. Andi Djemma No. 1',
  },
  {
    key: 'site.kelurahan',
    header: { id: 'Kelurahan/Desa', en: 'Kelurahan/village' },
    required: true,
    reader: text(100),
    description: { id: 'Kelurahan atau desa.', en: 'The kelurahan or village.' },
    example: 'Batupasi',
  },
  {
    key: 'site.kecamatan',
    header: { id: 'Kecamatan', en: 'District (kecamatan)' },
    required: true,
    reader: text(100),
    description: { id: 'Kecamatan.', en: 'The kecamatan.' },
    example: 'Wara Utara',
  },
  {
    key: 'site.kabupatenKota',
    header: { id: 'Kabupaten/Kota', en: 'Regency/city' },
    required: true,
    reader: text(100),
    description: { id: 'Kabupaten atau kota.', en: 'The regency or city.' },
    example: 'Kota Palopo',
  },
  {
    key: 'site.location.lat',
    header: { id: 'Lintang', en: 'Latitude' },
    required: true,
    reader: { type: 'number', options: { decimals: 7, min: -11, max: 6 } },
    description: {
      id: 'Garis lintang lokasi (desimal, negatif di selatan khatulistiwa), mis. dari Google Maps.',
      en: 'The site’s latitude (decimal, negative south of the equator), e.g. from Google Maps.',
    },
    example: '-2,9925',
  },
  {
    key: 'site.location.lng',
    header: { id: 'Bujur', en: 'Longitude' },
    required: true,
    reader: { type: 'number', options: { decimals: 7, min: 94, max: 142 } },
    description: { id: 'Garis bujur lokasi (desimal).', en: 'The site’s longitude (decimal).' },
    example: '120,1969',
  },
  {
    key: 'site.location.radiusMeters',
    header: { id: 'Radius kehadiran (meter)', en: 'Attendance radius (metres)' },
    required: true,
    reader: { type: 'number', options: { whole: true, min: 10, max: 5000 } },
    description: {
      id: 'Jarak dari titik lokasi di mana kehadiran dihitung di lokasi.',
      en: 'The distance from the site’s point within which attendance counts as on site.',
    },
    example: '100',
  },
  {
    key: 'site.capacity',
    header: { id: 'Kapasitas', en: 'Capacity' },
    required: true,
    reader: { type: 'number', options: { whole: true, min: 1, max: 500 } },
    description: {
      id: 'Jumlah klien sekaligus di lokasi per hari kerja.',
      en: 'Clients at the site at once, per weekday.',
    },
    example: '5',
  },
  {
    key: 'site.activities',
    header: { id: 'Kegiatan', en: 'Activities' },
    required: true,
    reader: { type: 'text-list', maxLength: 200, maxItems: 50 },
    description: { id: 'Kegiatan kerja sosial di lokasi.', en: 'The kerja sosial activities at the site.' },
    example: 'Membersihkan halaman; Merawat taman',
  },
  {
    key: 'site.active',
    header: { id: 'Aktif', en: 'Active' },
    required: false,
    reader: { type: 'yes-no' },
    description: {
      id: 'Tidak bila lokasi tidak menerima penempatan baru; kosong berarti Ya.',
      en: 'No when the site takes no new placements; empty means Yes.',
    },
    example: 'Ya',
  },
];
