/**
 * The columns of a cases file that fill the client and the court order: one row per case, its client
 * named by NIK (registered on the first row that names them, found again on the next). They fill
 * createClientBody and createCaseBody (api/schemas/clients.ts, cases.ts), which registerClient and
 * registerCase take; which of the order's optional fields the law requires (the decision number unless a
 * diversion, the offence date for a child, …) stays the domain's to say, with its rule ids. The lawful
 * basis is left to the API's default (legal obligation, KUHP 85 / SPPA 76). The placement and what was
 * done on paper are ./columns-history.ts.
 */
import { CONVERSION_BASES, CASE_ORIGINS, REPLACED_PENALTIES } from '../registration-model';
import { HOURS_LIMITS, NON_COMPLIANCE_SANCTIONS, SENTENCE_KINDS } from '../sentence';
import { choicesOf, column, type ImportColumn } from './column-model';

const text = (maxLength: number) => ({ type: 'text', maxLength }) as const;
const date = { type: 'date' } as const;
const phone = { type: 'phone' } as const;
const required = { required: true } as const;

/** The sexes createClientBody takes. */
export const SEX_CHOICES = choicesOf(['M', 'F'] as const, {
  M: { id: 'Laki-laki', en: 'Male', aliases: ['L', 'Pria'] },
  F: { id: 'Perempuan', en: 'Female', aliases: ['P', 'Wanita'] },
});

/** Labels as the dashboard shows them (web/messages `origin_*`, `kind_*`, `sanction_*`; a test holds them). */
export const ORIGIN_CHOICES = choicesOf(CASE_ORIGINS, {
  decision: { id: 'Putusan', en: 'Decision' },
  diversion: { id: 'Diversi (UU SPPA)', en: 'Diversion (SPPA)', aliases: ['Diversi'] },
  fine_conversion: {
    id: 'Konversi denda (Pasal 82 KUHP)',
    en: 'Fine conversion (KUHP 82)',
    aliases: ['Konversi denda'],
  },
});

export const SENTENCE_KIND_CHOICES = choicesOf(SENTENCE_KINDS, {
  kerja_sosial: {
    id: 'Pidana kerja sosial',
    en: 'Pidana kerja sosial (community work)',
    aliases: ['Kerja sosial', 'Community work'],
  },
  pelayanan_masyarakat: {
    id: 'Pidana pelayanan masyarakat (Anak)',
    en: 'Pidana pelayanan masyarakat (child)',
    aliases: ['Pelayanan masyarakat', 'Community service'],
  },
});

export const SANCTION_CHOICES = choicesOf(NON_COMPLIANCE_SANCTIONS, {
  repeat: { id: 'Mengulang seluruh atau sebagian', en: 'Repeat all or part', aliases: ['Mengulang'] },
  serve_prison: {
    id: 'Menjalani pidana penjara yang diganti',
    en: 'Serve the replaced prison term',
    aliases: ['Penjara'],
  },
  pay_fine: { id: 'Membayar pidana denda yang diganti', en: 'Pay the replaced fine', aliases: ['Denda'] },
});

export const REPLACED_PENALTY_CHOICES = choicesOf(REPLACED_PENALTIES, {
  prison: { id: 'Penjara', en: 'Prison' },
  fine: { id: 'Denda', en: 'Fine' },
});

/** The articles are their own labels: `KUHP 82` is written the same in both languages. */
export const CONVERSION_BASIS_CHOICES = CONVERSION_BASES.map((value) => ({
  value,
  id: value,
  en: value,
  aliases: [value.replace('KUHP ', 'Pasal ')],
}));

export const CLIENT_COLUMNS: readonly ImportColumn[] = [
  column(
    'client.nik',
    ['NIK', 'NIK'],
    { type: 'nik' },
    [
      'NIK 16 angka dari KTP atau KK, di kolom berformat Teks; satu klien per NIK.',
      'The 16-digit NIK from the KTP or family card, in a column formatted as Text; one client per NIK.',
    ],
    '7373011003851234',
    required,
  ),
  column(
    'client.fullName',
    ['Nama lengkap', 'Full name'],
    text(200),
    ['Nama klien seperti di KTP.', 'The client’s name as on the KTP.'],
    'Andi Saputra',
    required,
  ),
  column(
    'client.birthDate',
    ['Tanggal lahir', 'Date of birth'],
    date,
    ['Tanggal lahir klien.', 'The client’s date of birth.'],
    '10/03/1985',
    required,
  ),
  column(
    'client.sex',
    ['Jenis kelamin', 'Sex'],
    { type: 'choice', choices: SEX_CHOICES },
    ['Jenis kelamin klien.', 'The client’s sex.'],
    'Laki-laki',
    required,
  ),
  column(
    'client.address',
    ['Alamat', 'Address'],
    text(500),
    ['Alamat tempat tinggal klien.', 'Where the client lives.'],
    'Jl. Sawerigading No. 12, Palopo',
    required,
  ),
  column(
    'client.phone',
    ['Telepon', 'Phone'],
    phone,
    ['Nomor telepon klien, untuk pengingat SMS.', 'The client’s phone number, for SMS reminders.'],
    '081234567890',
  ),
  column(
    'client.guardian.name',
    ['Nama wali', 'Guardian name'],
    text(200),
    ['Orang tua atau wali (untuk Anak).', 'The parent or guardian (for a child).'],
    'Siti Aminah',
  ),
  column(
    'client.guardian.relation',
    ['Hubungan wali', 'Guardian relation'],
    text(50),
    ['Hubungan wali dengan klien.', 'How the guardian is related to the client.'],
    'Ibu',
    { requiredWith: ['client.guardian.name'] },
  ),
  column(
    'client.guardian.phone',
    ['Telepon wali', 'Guardian phone'],
    phone,
    ['Nomor telepon wali.', 'The guardian’s phone number.'],
    '081298765432',
  ),
];

export const CASE_ORDER_COLUMNS: readonly ImportColumn[] = [
  column(
    'case.officerUsername',
    ['Nama pengguna PK', 'Officer username'],
    text(64),
    [
      'Nama pengguna Abdi PK yang membimbing klien; harus PK di kantor ini.',
      'The Abdi username of the officer (PK) in charge; must be an officer of this office.',
    ],
    'pk.rahmawati',
    required,
  ),
  column(
    'case.prosecutor.name',
    ['Nama jaksa', 'Prosecutor name'],
    text(200),
    ['Jaksa pelaksana putusan.', 'The prosecutor who executes the decision.'],
    'Muh. Yusuf, S.H.',
    required,
  ),
  column(
    'case.prosecutor.office',
    ['Kejaksaan', 'Prosecutor office'],
    text(200),
    ['Kantor kejaksaan.', 'The prosecutor’s office.'],
    'Kejaksaan Negeri Palopo',
    required,
  ),
  column(
    'case.origin',
    ['Asal perkara', 'Origin'],
    { type: 'choice', choices: ORIGIN_CHOICES },
    ['Putusan, diversi atau konversi denda; kosong berarti Putusan.', 'Empty means Decision.'],
    'Putusan',
  ),
  column(
    'case.decision.number',
    ['Nomor putusan', 'Decision number'],
    { type: 'decision-number' },
    [
      'Nomor putusan tingkat mana pun; wajib kecuali diversi. Satu perkara per pengadilan dan nomor.',
      'The decision number at any level; required unless diversion. One case per court and number.',
    ],
    '231/Pid.B/2026/PN Plp',
  ),
  column(
    'case.decision.court',
    ['Pengadilan', 'Court'],
    text(120),
    ['Pengadilan yang memutus.', 'The court that decided.'],
    'PN Palopo',
    required,
  ),
  column(
    'case.decision.date',
    ['Tanggal putusan', 'Decision date'],
    date,
    ['Tanggal putusan (diversi: tanggal penetapan).', 'The decision’s date (diversion: the penetapan’s).'],
    '12/01/2026',
    required,
  ),
  column(
    'case.decision.offenceDate',
    ['Tanggal tindak pidana', 'Offence date'],
    date,
    ['Wajib untuk pelayanan masyarakat (usia Anak).', 'Required for pelayanan masyarakat (a child’s age).'],
    '03/09/2025',
  ),
  column(
    'case.decision.offenceArticles',
    ['Pasal yang dilanggar', 'Offence articles'],
    { type: 'text-list', maxLength: 120, maxItems: 20 },
    ['Pasal tindak pidana, dipisah titik koma.', 'The offence’s articles, separated by semicolons.'],
    'Pasal 476 KUHP',
    required,
  ),
  column(
    'case.decision.threatenedMaxMonths',
    ['Ancaman maksimum (bulan)', 'Threatened maximum (months)'],
    { type: 'number', options: { whole: true, min: 0, max: 2400 } },
    [
      'Ancaman pidana penjara maksimum pasal; 0 bila hanya denda. Wajib untuk terpidana dewasa.',
      'The offence’s maximum prison term; 0 when only a fine. Required for an adult.',
    ],
    '36',
  ),
  column(
    'case.decision.imposed.prisonMonths',
    ['Pidana penjara dijatuhkan (bulan)', 'Prison imposed (months)'],
    { type: 'number', options: { min: 0, max: 600 } },
    ['Pidana penjara yang dijatuhkan hakim.', 'The prison term the court imposed.'],
    '3',
  ),
  column(
    'case.decision.imposed.fineRupiah',
    ['Pidana denda dijatuhkan (Rp)', 'Fine imposed (Rp)'],
    { type: 'number', options: { whole: true, min: 0 } },
    ['Pidana denda yang dijatuhkan hakim.', 'The fine the court imposed.'],
    '10.000.000',
  ),
  column(
    'case.decision.replaces',
    ['Kerja sosial mengganti', 'Kerja sosial replaces'],
    { type: 'choice', choices: REPLACED_PENALTY_CHOICES },
    [
      'Wajib bila penjara dan denda dijatuhkan (Pasal 85 ayat (7) KUHP).',
      'Required when both prison and a fine are imposed (KUHP 85(7)).',
    ],
    'Penjara',
  ),
  column(
    'case.decision.nonComplianceSanction',
    ['Sanksi bila tidak dijalankan', 'Sanction on non-compliance'],
    { type: 'choice', choices: SANCTION_CHOICES },
    ['Yang diperintahkan putusan bila tidak dijalankan.', 'What the decision orders on non-compliance.'],
    'Menjalani pidana penjara yang diganti',
    required,
  ),
  column(
    'case.diversion.penetapanNumber',
    ['Nomor penetapan diversi', 'Diversion penetapan number'],
    text(80),
    ['Hanya untuk diversi.', 'Diversion only.'],
    '5/Pen.Div/2026/PN Plp',
  ),
  column(
    'case.diversion.agreementDate',
    ['Tanggal kesepakatan diversi', 'Diversion agreement date'],
    date,
    ['Hanya untuk diversi.', 'Diversion only.'],
    '05/01/2026',
    { requiredWith: ['case.diversion.penetapanNumber'] },
  ),
  column(
    'case.diversion.withoutVictim',
    ['Diversi tanpa korban', 'Diversion without victim'],
    { type: 'yes-no' },
    [
      'Ya bila tindak pidana tanpa korban (Pasal 10 UU SPPA).',
      'Yes for an offence without a victim (SPPA 10).',
    ],
    'Tidak',
  ),
  column(
    'case.conversion.fineRupiah',
    ['Denda dikonversi (Rp)', 'Fine converted (Rp)'],
    { type: 'number', options: { whole: true, min: 1 } },
    ['Hanya untuk konversi denda.', 'Fine conversion only.'],
    '2.500.000',
  ),
  column(
    'case.conversion.legalBasis',
    ['Dasar konversi', 'Conversion basis'],
    { type: 'choice', choices: CONVERSION_BASIS_CHOICES },
    ['Pasal yang mengonversi denda.', 'The article converting the fine.'],
    'KUHP 82',
    { requiredWith: ['case.conversion.fineRupiah'] },
  ),
  column(
    'case.sentence.kind',
    ['Jenis pidana', 'Sentence kind'],
    { type: 'choice', choices: SENTENCE_KIND_CHOICES },
    [
      'Kerja sosial (dewasa) atau pelayanan masyarakat (Anak).',
      'Kerja sosial (adult) or pelayanan masyarakat.',
    ],
    'Pidana kerja sosial',
    required,
  ),
  column(
    'case.sentence.hours',
    ['Jam diputus', 'Hours ordered'],
    {
      type: 'number',
      options: {
        whole: true,
        min: Math.min(...Object.values(HOURS_LIMITS).map((l) => l.min)),
        max: Math.max(...Object.values(HOURS_LIMITS).map((l) => l.max)),
      },
    },
    ['Jumlah jam yang diputus.', 'The hours the court ordered.'],
    '120',
    required,
  ),
  column(
    'case.sentence.maxHoursPerDay',
    ['Jam maksimal per hari', 'Max hours per day'],
    { type: 'number', options: { min: 0.25, max: 24 } },
    ['Paling banyak jam kerja dalam sehari.', 'The most hours worked in one day.'],
    '4',
    required,
  ),
  column(
    'case.sentence.daysPerWeek',
    ['Hari per minggu', 'Days per week'],
    { type: 'number', options: { whole: true, min: 1, max: 7 } },
    ['Bila putusan menentukannya.', 'When the decision sets it.'],
    '3',
  ),
  column(
    'case.sentence.startDate',
    ['Tanggal mulai', 'Start date'],
    date,
    ['Hari mulai menjalani pidana.', 'The day the sentence starts.'],
    '19/01/2026',
    required,
  ),
  column(
    'case.sentence.deadline',
    ['Batas waktu', 'Deadline'],
    date,
    ['Hari terakhir pidana harus selesai.', 'The last day to finish the sentence.'],
    '17/07/2026',
    required,
  ),
  column(
    'case.consent.given',
    ['Persetujuan terpidana', 'Consent given'],
    { type: 'yes-no' },
    ['Persetujuan yang dipertimbangkan hakim.', 'The consent the judge weighed.'],
    'Ya',
  ),
  column(
    'case.consent.recordedOn',
    ['Tanggal persetujuan', 'Consent date'],
    date,
    ['Tanggal persetujuan dicatat.', 'When the consent was recorded.'],
    '12/01/2026',
    { requiredWith: ['case.consent.given'] },
  ),
  column(
    'case.notes',
    ['Catatan', 'Notes'],
    text(4000),
    ['Catatan bebas.', 'Free notes.'],
    'Dipindahkan dari register manual 2025.',
  ),
];
