/**
 * The laporan pelanggaran / rujukan (referral report, issue 14): the PK's report of a client's
 * non-compliance to the one who decides on it. For an adult that is the jaksa pengawas (KUHP 85(7)-(8));
 * for a child it is the hakim pengawas, on the pejabat pembina's proposal, and the only consequence is
 * repeating all or part of the hours (SPPA 76(2)). The report states facts: the warnings, the sessions
 * missed with their reasons, the evidence with its SHA-256, the hours, and what the decision allows; it
 * never proposes an outcome, which is the jaksa's and the court's (domain.md).
 */
import { compareDates, localDateOf, type LocalDate } from '../calendar';
import { longDate } from '../indonesian-format';
import type { EvidenceKind, EvidenceStatus } from '../evidence';
import {
  addresseeBlock,
  caseRows,
  headSigner,
  numberColumn,
  officerRow,
  officerSigner,
  officialDocument,
  servicePeriodRow,
  signatures,
  supervisorRow,
  warningTable,
} from './document-blocks';
import {
  byDateAndTime,
  clientNoun,
  hoursOf,
  hoursText,
  isChildCase,
  OUTCOME_LABELS,
  recipientOf,
  rupiah,
  SENTENCE_NAMES,
  siteLookup,
  type Official,
} from './document-parts';
import type { ReportCase, ReportFrame, ReportSession, ReportSite, ReportWarning } from './document-parts';
import type { DocumentBlock, OfficialDocument } from './official-document';

/** A piece of evidence as the store keeps it (EvidenceRecord), the fields the report lists. */
export interface ReportEvidence {
  readonly id: string;
  readonly kind: EvidenceKind;
  readonly sessionId?: string;
  readonly fileName: string;
  /** Lower-case hex, as declared and checked by the verifier. */
  readonly sha256: string;
  readonly status: EvidenceStatus;
  /** When it was taken (a photo's EXIF time), else when it was uploaded: instants. */
  readonly capturedAt?: string;
  readonly createdAt: string;
}

export interface ReferralReportInput extends ReportFrame {
  readonly case: ReportCase;
  /** Why the PK refers the case now (the referral's own reason). */
  readonly reason: string;
  /** The warnings the referral cites (the case's open ones). */
  readonly warnings: readonly ReportWarning[];
  /** The case's sessions; the report lists the absences and those marked as misconduct. */
  readonly sessions: readonly ReportSession[];
  /** The evidence the PK attaches; only verified evidence is listed (the rest proves nothing yet). */
  readonly evidence: readonly ReportEvidence[];
  readonly sites: readonly ReportSite[];
  /** Kepala Bapas; where the head is away, the official signing for them (`role` says so). */
  readonly head: Official & { readonly role?: string };
  /** The hakim pengawas by name, for a child's case, when the court has named one. */
  readonly supervisingJudge?: string;
}

const EVIDENCE_KIND_LABELS: Readonly<Record<EvidenceKind, string>> = {
  photo: 'Foto kegiatan',
  attendance_sheet: 'Daftar hadir bertanda tangan',
  document: 'Dokumen',
};

/** The first 16 hex digits in groups of four, as the document's own fingerprint is printed. */
export const shortHash = (sha256: string): string => (sha256.slice(0, 16).match(/.{4}/g) ?? []).join(' ');

/**
 * What the decision orders on non-compliance without lawful reason, in the law's words: KUHP 85(7)
 * (a) repeat, (b) serve the replaced prison term, (c) pay the replaced fine; for a child only repeating
 * (SPPA 76(2)), whatever the registered sanction says.
 */
export function sanctionText(record: ReportCase): string {
  if (isChildCase(record)) {
    return 'Anak mengulangi seluruh atau sebagian pidana pelayanan masyarakat (Pasal 76 ayat (2) UU 11/2012 tentang SPPA), atas usul pejabat pembina kepada hakim pengawas';
  }
  const { imposed } = record.decision;
  switch (record.decision.nonComplianceSanction) {
    case 'repeat':
      return 'Mengulangi seluruh atau sebagian pidana kerja sosial (Pasal 85 ayat (7) huruf a KUHP)';
    case 'serve_prison':
      return `Menjalani seluruh atau sebagian pidana penjara yang diganti${
        imposed?.prisonMonths ? `, yaitu ${imposed.prisonMonths} bulan` : ''
      } (Pasal 85 ayat (7) huruf b KUHP)`;
    case 'pay_fine': {
      const fine = record.conversion?.fineRupiah ?? imposed?.fineRupiah;
      return `Membayar seluruh atau sebagian pidana denda yang diganti${
        fine ? `, yaitu ${rupiah(fine)}` : ''
      } (Pasal 85 ayat (7) huruf c KUHP)`;
    }
  }
}

/** The referral report of a case. Pure: the use case passes the records as read. */
export function buildReferralReport(input: ReferralReportInput): OfficialDocument {
  const record = input.case;
  // The hakim pengawas is named only on a child's case: an adult's report goes to the jaksa.
  const judge = isChildCase(record) ? input.supervisingJudge : undefined;
  const siteOf = siteLookup(input.sites);
  const recipient = recipientOf(record);
  const hours = hoursOf(record);
  const sentenceName = SENTENCE_NAMES[record.sentence.kind];
  const dateOf = (instant: string): LocalDate => localDateOf(instant, input.timeZone);

  const warnings = [...input.warnings].sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
  const missed = input.sessions
    .filter((s) => s.outcome === 'unexcused_absence' || s.outcome === 'excused_absence' || s.misconduct)
    .sort(byDateAndTime);
  const sessionNumber = new Map(missed.map((s, i) => [s.id, i + 1]));
  const sessionsById = new Map(input.sessions.map((s) => [s.id, s]));
  // Dated by its session where it has one (what it proves), else by when it was taken or uploaded.
  const evidence = input.evidence
    .filter((e) => e.status === 'verified')
    .map((e) => ({
      ...e,
      date: (e.sessionId && sessionsById.get(e.sessionId)?.date) || dateOf(e.capturedAt ?? e.createdAt),
    }))
    .sort((a, b) => compareDates(a.date, b.date) || a.id.localeCompare(b.id));

  const blocks: DocumentBlock[] = [
    addresseeBlock(recipient, judge),
    {
      type: 'paragraph',
      text: `Dengan hormat, bersama ini kami laporkan bahwa ${clientNoun(record)} tersebut di bawah ini tidak melaksanakan ${sentenceName} sebagaimana diperintahkan, dengan alasan rujukan: ${input.reason.trim()}`,
    },
    {
      type: 'fields',
      rows: [
        ...caseRows(record),
        servicePeriodRow(record),
        { label: 'Jam yang wajib dijalani', value: hoursText(hours.owed) },
        { label: 'Jam yang diakui', value: hoursText(hours.credited) },
        { label: 'Sisa jam', value: hoursText(hours.remaining) },
        officerRow(input.officer),
        supervisorRow(record, recipient, judge),
      ],
    },
    { type: 'heading', text: 'A. Peringatan yang telah diberikan' },
    warnings.length === 0
      ? { type: 'paragraph', text: 'Belum ada peringatan tertulis.' }
      : warningTable(
          warnings,
          dateOf,
          (w) =>
            w.sessionIds
              .map((id) => (sessionNumber.has(id) ? `B.${sessionNumber.get(id)}` : '-'))
              .join(', ') || '-',
        ),
    { type: 'heading', text: 'B. Sesi yang tidak dijalani atau bermasalah' },
    missed.length === 0
      ? { type: 'paragraph', text: 'Tidak ada sesi yang tidak dijalani.' }
      : {
          type: 'table',
          columns: [
            numberColumn(28),
            { title: 'Tanggal', width: 72 },
            { title: 'Lokasi', width: 96 },
            { title: 'Keterangan', width: 100 },
            { title: 'Alasan', width: 'fill' },
          ],
          // The date and the site name the session; its hours matter less than the reason, which gets the room.
          rows: missed.map((s, i) => [
            `B.${i + 1}`,
            longDate(s.date),
            siteOf(s.siteId).name,
            OUTCOME_LABELS[s.outcome] + (s.misconduct ? '; pelanggaran tata tertib' : ''),
            s.notes?.trim() || 'Tidak ada alasan yang disampaikan',
          ]),
        },
    { type: 'heading', text: 'C. Bukti' },
    ...evidenceBlocks(evidence),
    { type: 'heading', text: 'D. Yang diperintahkan putusan atas ketidakpatuhan' },
    {
      type: 'paragraph',
      text: `${sanctionText(record)}. Keputusan atas laporan ini berada pada ${recipient.title.toLowerCase()}; sampai keputusan itu dicatat, tidak ada sesi yang dicatat dan batas waktu pelaksanaan tidak berjalan.`,
    },
    {
      type: 'paragraph',
      text: `Demikian laporan ini kami sampaikan untuk dipergunakan sebagaimana mestinya.`,
    },
    signatures(headSigner('Mengetahui,', input), officerSigner(input)),
  ];

  return officialDocument(input, {
    kind: 'referral_report',
    title: 'LAPORAN PELANGGARAN',
    subtitle: `DAN RUJUKAN KEPADA ${recipient.title.toUpperCase()}`,
    blocks,
    metadata: {
      title: `Laporan Pelanggaran ${input.number}`,
      subject: `Laporan pelanggaran ${sentenceName}`,
    },
  });
}

/**
 * The evidence as two tables: what each item is with its hash in short (to read aloud, or find in the
 * dashboard), then the full SHA-256 of each, which is what a jaksa checks a copy of the file against.
 */
function evidenceBlocks(evidence: readonly (ReportEvidence & { date: LocalDate })[]): DocumentBlock[] {
  if (evidence.length === 0) return [{ type: 'paragraph', text: 'Tidak ada bukti yang dilampirkan.' }];
  return [
    {
      type: 'table',
      columns: [
        numberColumn(28),
        { title: 'Jenis', width: 122 },
        { title: 'Tanggal', width: 72 },
        { title: 'Berkas', width: 'fill' },
        { title: 'SHA-256 (awal)', width: 92 },
      ],
      rows: evidence.map((e, i) => [
        `C.${i + 1}`,
        EVIDENCE_KIND_LABELS[e.kind],
        longDate(e.date),
        e.fileName,
        shortHash(e.sha256),
      ]),
    },
    {
      type: 'paragraph',
      text: 'Sidik lengkap (SHA-256) setiap berkas bukti, untuk mencocokkan salinan berkas yang diterima:',
    },
    {
      type: 'table',
      columns: [numberColumn(28), { title: 'SHA-256', width: 'fill' }],
      rows: evidence.map((e, i) => [`C.${i + 1}`, e.sha256.toLowerCase()]),
    },
  ];
}
