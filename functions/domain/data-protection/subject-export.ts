/**
 * The readable half of a subject's export (UU 27/2022 Pasal 7 and 32: the subject's access to, and copy
 * of, their personal data): everything the office holds about one client laid out as an A4 document in
 * Bahasa Indonesia, a section per record type, for the same renderer as the office's letters
 * (functions/documents/render-pdf.ts). The JSON half carries the same records whole; this one is what a
 * person reads. Pure: the records come in, the document goes out.
 */
import { toLocalDateTime, type LocalDate, type OfficeTimeZone } from '../calendar';
import { clockTime, longDate, numericDate, zoneAbbreviation } from '../indonesian-format';
import {
  CASE_STATUS_LABELS,
  OUTCOME_LABELS,
  SENTENCE_NAMES,
  WARNING_STATUS_LABELS,
  type DocumentBlock,
  type KanwilLetterhead,
  type Letterhead,
  type OfficialDocument,
  type TableColumn,
} from '../documents';
import { PDP_ARTICLE, type LawfulBasis } from './lawful-basis';

/** One stored record, as the store reads it (its own fields, no keys). */
export type ExportRecord = Readonly<Record<string, unknown>>;

export interface ExportAuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly reason?: string;
  readonly changes: readonly { readonly field: string; readonly before: unknown; readonly after: unknown }[];
}

/** One case of the client with the records of its partition, by type. */
export interface ExportCase {
  readonly record: ExportRecord;
  readonly assessments: readonly ExportRecord[];
  readonly placements: readonly ExportRecord[];
  readonly sessions: readonly ExportRecord[];
  readonly warnings: readonly ExportRecord[];
  readonly referrals: readonly ExportRecord[];
  readonly payments: readonly ExportRecord[];
  readonly evidence: readonly ExportRecord[];
  readonly documents: readonly ExportRecord[];
  readonly audit: readonly ExportAuditEntry[];
}

export interface SubjectExportInput {
  readonly exportId: string;
  readonly letterhead: Letterhead | KanwilLetterhead;
  readonly timeZone: OfficeTimeZone;
  readonly generatedAt: Date;
  readonly generatedOn: LocalDate;
  readonly expiresOn: LocalDate;
  readonly client: ExportRecord;
  readonly lawfulBasis: LawfulBasis;
  readonly clientAudit: readonly ExportAuditEntry[];
  readonly cases: readonly ExportCase[];
}

const BASIS_NAMES: Readonly<Record<LawfulBasis['basis'], string>> = {
  legal_obligation: 'Pemenuhan kewajiban hukum',
  public_task: 'Pelaksanaan tugas untuk kepentingan umum / kewenangan resmi',
};

/** A value as one cell: dates as forms write them (05/12/2026), lists joined, nothing left blank. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null || value === '') return '–';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return numericDate(value);
  if (typeof value === 'boolean') return value ? 'ya' : 'tidak';
  if (Array.isArray(value)) return value.length === 0 ? '–' : value.map(cellText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** An instant in the office's zone: `29/06/2026 16.00 WITA`. */
const instantText = (value: unknown, zone: OfficeTimeZone): string => {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return cellText(value);
  const local = toLocalDateTime(value, zone);
  return `${numericDate(local.date)} ${clockTime(local.time)} ${zoneAbbreviation(zone)}`;
};

/** A stored code in words where the office's documents have them (`attended` → `Hadir`). */
const labelled =
  (name: string, labels: Readonly<Record<string, string>>) =>
  (record: ExportRecord): string => {
    const code = field(name)(record);
    return labels[code] ?? code;
  };

/** A SHA-256 on two lines of 32 digits: a table cell cannot break a word. */
const hashCell = (name: string) => (record: ExportRecord) => {
  const hash = field(name)(record);
  return hash.length === 64 ? `${hash.slice(0, 32)}\n${hash.slice(32)}` : hash;
};

const EVIDENCE_STATUS_LABELS: Readonly<Record<string, string>> = {
  pending: 'Menunggu unggahan',
  verified: 'Terverifikasi',
  rejected: 'Ditolak',
  expired: 'Kedaluwarsa',
};
const PLACEMENT_STATUS_LABELS: Readonly<Record<string, string>> = { active: 'Aktif', ended: 'Berakhir' };

interface Column {
  readonly title: string;
  readonly width: TableColumn['width'];
  readonly cell: (record: ExportRecord) => string;
}

const field =
  (name: string) =>
  (record: ExportRecord): string =>
    cellText(
      name.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], record),
    );

/** A section: its heading, then a table of its records, or a line saying there are none. */
function section(
  heading: string,
  records: readonly ExportRecord[],
  columns: readonly Column[],
): DocumentBlock[] {
  if (records.length === 0)
    return [
      { type: 'heading', text: heading },
      { type: 'paragraph', text: 'Tidak ada.' },
    ];
  return [
    { type: 'heading', text: heading },
    {
      type: 'table',
      columns: columns.map(({ title, width }) => ({ title, width })),
      rows: records.map((record) => columns.map((column) => column.cell(record))),
    },
  ];
}

const auditTable = (entries: readonly ExportAuditEntry[], zone: OfficeTimeZone): DocumentBlock[] =>
  section('Jejak audit (siapa membaca atau mengubah apa)', entries as unknown as ExportRecord[], [
    { title: 'Waktu', width: 110, cell: (e) => instantText(e.at, zone) },
    { title: 'Oleh', width: 80, cell: field('actor') },
    { title: 'Tindakan', width: 90, cell: field('action') },
    {
      title: 'Keterangan',
      width: 'fill',
      cell: (e) => {
        const entry = e as unknown as ExportAuditEntry;
        // The records touched, not every field: `sentence`, not `sentence.hours, sentence.kind, …`.
        const fields = [...new Set(entry.changes.map((c) => c.field.split('.')[0]))].join(', ');
        return [entry.reason, fields && `data: ${fields}`].filter(Boolean).join('; ') || '–';
      },
    },
  ]);

function caseBlocks(item: ExportCase, index: number, zone: OfficeTimeZone): DocumentBlock[] {
  const record = item.record;
  return [
    { type: 'heading', text: `Kasus ${index + 1}` },
    {
      type: 'fields',
      rows: [
        { label: 'Nomor kasus (Abdi)', value: field('id')(record) },
        { label: 'Putusan / penetapan', value: field('decision.number')(record) },
        { label: 'Pengadilan', value: field('decision.court')(record) },
        { label: 'Jenis pidana', value: labelled('sentence.kind', SENTENCE_NAMES)(record) },
        { label: 'Jam yang diputus', value: field('sentence.hours')(record) },
        { label: 'Status', value: labelled('status', CASE_STATUS_LABELS)(record) },
        { label: 'Menit diakui', value: field('creditedMinutes')(record) },
        { label: 'PK', value: field('officerUsername')(record) },
      ],
    },
    ...section('Penelitian kemasyarakatan (Litmas)', item.assessments, [
      { title: 'Nomor Litmas', width: 110, cell: field('litmas.number') },
      { title: 'Tanggal', width: 70, cell: field('litmas.date') },
      { title: 'Rekomendasi', width: 'fill', cell: field('recommendation') },
      { title: 'Persetujuan', width: 70, cell: field('consent.status') },
    ]),
    ...section('Penempatan', item.placements, [
      { title: 'Lokasi kerja', width: 'fill', cell: field('siteId') },
      { title: 'Dari', width: 70, cell: field('from') },
      { title: 'Sampai', width: 70, cell: field('until') },
      { title: 'Status', width: 60, cell: labelled('status', PLACEMENT_STATUS_LABELS) },
    ]),
    ...section('Sesi kerja', item.sessions, [
      { title: 'Tanggal', width: 70, cell: field('date') },
      {
        title: 'Jam',
        width: 70,
        cell: (r) => `${clockTime(field('startTime')(r))}–${clockTime(field('endTime')(r))}`,
      },
      { title: 'Hasil', width: 70, cell: labelled('outcome', OUTCOME_LABELS) },
      { title: 'Menit diakui', width: 60, cell: field('creditedMinutes') },
      {
        title: 'Catatan',
        width: 'fill',
        cell: (r) => [r.activity, r.notes].filter(Boolean).join('; ') || '–',
      },
    ]),
    ...section('Peringatan', item.warnings, [
      { title: 'Tingkat', width: 50, cell: field('level') },
      { title: 'Diberikan', width: 110, cell: (r) => instantText(r.issuedAt, zone) },
      { title: 'Alasan', width: 'fill', cell: field('reason') },
      { title: 'Status', width: 60, cell: labelled('status', WARNING_STATUS_LABELS) },
    ]),
    ...section('Pelimpahan ke jaksa', item.referrals, [
      { title: 'Tanggal', width: 110, cell: (r) => instantText(r.createdAt ?? r.referredAt, zone) },
      { title: 'Alasan', width: 'fill', cell: field('reason') },
      { title: 'Keputusan', width: 80, cell: field('outcome.decision') },
    ]),
    ...section('Pembayaran denda', item.payments, [
      { title: 'Tanggal bayar', width: 80, cell: field('paidOn') },
      { title: 'Jumlah (Rp)', width: 'fill', cell: field('amountRupiah') },
    ]),
    ...section('Bukti (foto dan berkas)', item.evidence, [
      { title: 'Berkas', width: 80, cell: field('fileName') },
      { title: 'Status', width: 70, cell: labelled('status', EVIDENCE_STATUS_LABELS) },
      { title: 'Diambil', width: 90, cell: (r) => instantText(r.capturedAt, zone) },
      { title: 'SHA-256', width: 'fill', cell: hashCell('sha256') },
    ]),
    ...section('Dokumen yang diterbitkan', item.documents, [
      { title: 'Nomor', width: 120, cell: field('number') },
      { title: 'Judul', width: 'fill', cell: field('title') },
      { title: 'Tanggal', width: 70, cell: field('issuedOn') },
      { title: 'Status', width: 50, cell: field('status') },
    ]),
    ...auditTable(item.audit, zone),
  ];
}

/** The export as a document for the office renderer: unnumbered (no register), no QR code. */
export function buildSubjectExport(input: SubjectExportInput): OfficialDocument {
  const { client, lawfulBasis, timeZone: zone } = input;
  const guardian = client.guardian as Readonly<Record<string, unknown>> | undefined;
  const blocks: DocumentBlock[] = [
    {
      type: 'paragraph',
      text: `Salinan ini memuat seluruh data pribadi yang disimpan oleh Balai Pemasyarakatan di Abdi tentang subjek data di bawah, dibuat atas permintaan subjek data (UU 27/2022 Pasal 7 dan Pasal 32) pada ${longDate(input.generatedOn)}. Berkas JSON yang menyertainya memuat catatan yang sama secara lengkap. Kantor menyimpan salinan ini sampai ${longDate(input.expiresOn)}; setelah itu salinan dihapus.`,
    },
    { type: 'heading', text: 'A. Data subjek' },
    {
      type: 'fields',
      rows: [
        { label: 'Nama', value: field('fullName')(client) },
        { label: 'NIK', value: field('nik')(client) },
        { label: 'Tanggal lahir', value: field('birthDate')(client) },
        { label: 'Jenis kelamin', value: client.sex === 'F' ? 'Perempuan' : 'Laki-laki' },
        { label: 'Alamat', value: field('address')(client) },
        { label: 'Telepon', value: field('phone')(client) },
        ...(guardian
          ? [
              {
                label: 'Wali',
                value: `${cellText(guardian.name)} (${cellText(guardian.relation)}), ${cellText(guardian.phone)}`,
              },
            ]
          : []),
        { label: 'Terdaftar', value: instantText(client.createdAt, zone) },
      ],
    },
    { type: 'heading', text: 'B. Dasar pemrosesan' },
    {
      type: 'fields',
      rows: [
        { label: 'Dasar', value: BASIS_NAMES[lawfulBasis.basis] },
        { label: 'Ketentuan', value: lawfulBasis.article || PDP_ARTICLE[lawfulBasis.basis] },
      ],
    },
    { type: 'heading', text: `C. Kasus (${input.cases.length})` },
    ...input.cases.flatMap((item, index) => caseBlocks(item, index, zone)),
    { type: 'heading', text: 'D. Data subjek: riwayat' },
    ...auditTable(input.clientAudit, zone),
    {
      type: 'paragraph',
      text: 'Tidak dimuat: berkas foto dan dokumen itu sendiri (dicantumkan dengan sidik SHA-256-nya; salinannya dapat diminta), catatan teknis sistem, dan data orang lain selain nama pengguna petugas yang tercatat dalam jejak audit.',
    },
  ];
  return {
    kind: 'subject_export',
    letterhead: input.letterhead,
    title: 'SALINAN DATA PRIBADI',
    subtitle: `Nomor ekspor ${input.exportId}`,
    issuedOn: input.generatedOn,
    blocks,
    pageLabel: 'Halaman {page} dari {pages}',
    // No name in the file's properties: they travel further than the pages.
    metadata: {
      title: 'Salinan data pribadi',
      subject: `Ekspor ${input.exportId}`,
      author: 'Abdi',
    },
  };
}
