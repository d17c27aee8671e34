/**
 * The blocks the official documents of issue 14 build alike from the shared wording (document-parts.ts):
 * the case's field rows, the addressee of a report, the session and warning tables, the signers, and the
 * document's frame. Each builder reads as the list of its blocks.
 */
import type { SessionOutcome } from '../attendance';
import type { LocalDate } from '../calendar';
import { hoursToMinutes } from '../hours';
import { longDate } from '../indonesian-format';
import { termsOf } from '../progress';
import type { DocumentKind } from './document-number';
import type {
  DocumentBlock,
  FieldRow,
  OfficialDocument,
  RegisteredDocument,
  Signer,
  TableColumn,
} from './official-document';
import {
  clientLabel,
  clockSpan,
  dateSpan,
  decisionLine,
  hoursCell,
  hoursText,
  isChildCase,
  legalBasisLine,
  OUTCOME_LABELS,
  WARNING_STATUS_LABELS,
  warningLevelText,
  type DecisionFacts,
  type Official,
  type Recipient,
} from './document-parts';
import type { ReportCase, ReportFrame, ReportSession, ReportSite, ReportWarning } from './document-parts';

/** The client's name, the decision and (unless `basis: false`) the sentence with its law: a document's first rows. */
export function caseRows(
  record: Parameters<typeof legalBasisLine>[0] & DecisionFacts & { readonly clientName: string },
  { basis = true, agreement = true } = {},
): FieldRow[] {
  return [
    { label: clientLabel(record), value: record.clientName },
    { label: 'Dasar', value: decisionLine(record, { agreement }) },
    ...(basis ? [{ label: 'Jenis pidana', value: legalBasisLine(record) }] : []),
  ];
}

export const decisionHoursRow = (hours: number): FieldRow => ({
  label: 'Jam menurut putusan',
  value: hoursText(hoursToMinutes(hours)),
});

/** From the start to the deadline in force. */
export const servicePeriodRow = (record: Pick<ReportCase, 'sentence' | 'terms'>): FieldRow => ({
  label: 'Masa pelaksanaan',
  value: dateSpan(record.sentence.startDate, termsOf(record).deadline),
});

export const officerRow = (officer: Official): FieldRow => ({
  label: 'Pembimbing Kemasyarakatan',
  value: officer.name,
});

export const prosecutorRow = (record: Pick<ReportCase, 'prosecutor'>): FieldRow => ({
  label: 'Jaksa pengawas',
  value: `${record.prosecutor.name}, ${record.prosecutor.office}`,
});

/** `Kepada Yth. Jaksa Pengawas pada Kejaksaan Negeri Palopo.`, the hakim by name when given. */
export const addresseeBlock = (recipient: Recipient, judge?: string): DocumentBlock => ({
  type: 'paragraph',
  text: `Kepada Yth. ${recipient.title} pada ${recipient.office}${judge ? ` (${judge})` : ''}.`,
});

/** The report's supervisor row: the jaksa pengawas, or for a child the hakim pengawas (by name if known). */
export const supervisorRow = (record: ReportCase, recipient: Recipient, judge?: string): FieldRow =>
  isChildCase(record)
    ? { label: 'Hakim pengawas', value: [judge, recipient.office].filter(Boolean).join(', ') }
    : prosecutorRow(record);

/** The numbering column every table starts with. */
export const numberColumn = (width = 24): TableColumn => ({ title: 'No.', width, align: 'right' });

/**
 * The sessions as a table: date, time, site, outcome, hours credited. The completion record and the
 * progress report lay it out with their own widths and hours title (their PDFs are pinned as they are).
 */
export function sessionTable(
  sessions: readonly Omit<ReportSession, 'id'>[],
  siteOf: (id: string) => ReportSite,
  layout: { readonly widths: readonly [number, number, number, number]; readonly hoursTitle: string },
): DocumentBlock {
  const [date, time, outcome, hours] = layout.widths;
  return {
    type: 'table',
    columns: [
      numberColumn(),
      { title: 'Tanggal', width: date },
      { title: 'Waktu', width: time },
      { title: 'Lokasi', width: 'fill' },
      { title: 'Kehadiran', width: outcome },
      { title: layout.hoursTitle, width: hours, align: 'right' },
    ],
    rows: sessions.map((s, i) => [
      String(i + 1),
      longDate(s.date),
      clockSpan(s.startTime, s.endTime),
      siteOf(s.siteId).name,
      OUTCOME_LABELS[s.outcome],
      hoursCell(s.creditedMinutes),
    ]),
  };
}

/** `Jumlah sesi` and one row per outcome; the progress report drops the outcomes with none. */
export const sessionCountRows = (sessions: readonly { outcome: SessionOutcome }[]): FieldRow[] => [
  { label: 'Jumlah sesi', value: `${sessions.length} sesi` },
  ...(Object.keys(OUTCOME_LABELS) as SessionOutcome[]).map((outcome) => ({
    label: OUTCOME_LABELS[outcome],
    value: `${sessions.filter((s) => s.outcome === outcome).length} sesi`,
  })),
];

/**
 * The warnings as a table. The referral report passes `sessionsOf` to add the sessions each warning
 * cites (its section B numbers); the status column narrows to make room for it.
 */
export function warningTable(
  warnings: readonly ReportWarning[],
  dateOf: (instant: string) => LocalDate,
  sessionsOf?: (warning: ReportWarning) => string,
): DocumentBlock {
  return {
    type: 'table',
    columns: [
      numberColumn(),
      { title: 'Tanggal', width: 72 },
      { title: 'Tingkat', width: 100 },
      { title: 'Alasan', width: 'fill' },
      ...(sessionsOf ? [{ title: 'Sesi', width: 50 }] : []),
      { title: 'Status', width: sessionsOf ? 40 : 48 },
    ],
    rows: warnings.map((w, i) => [
      String(i + 1),
      longDate(dateOf(w.issuedAt)),
      warningLevelText(w.level),
      w.reason,
      ...(sessionsOf ? [sessionsOf(w)] : []),
      WARNING_STATUS_LABELS[w.status],
    ]),
  };
}

/** A signer from an official: the NIP only when it is known. */
export const signerOf = (above: string, role: string, official: Official): Signer => ({
  above,
  role,
  name: official.name,
  ...(official.nip ? { nip: official.nip } : {}),
});

/** The documents' header facts a signature needs. */
type Issued = Pick<ReportFrame, 'letterhead' | 'issuedOn'>;

/** `Palopo, 5 Desember 2026`: above whoever signs on the right. */
export const placeAndDate = (input: Issued): string =>
  `${input.letterhead.city}, ${longDate(input.issuedOn)}`;

/** The PK, under the place and date. */
export const officerSigner = (input: Issued & { readonly officer: Official }): Signer =>
  signerOf(placeAndDate(input), 'Pembimbing Kemasyarakatan', input.officer);

/** Kepala Bapas, or the official signing for them (`role` says so). */
export const headSigner = (
  above: string,
  input: Issued & { readonly head: Official & { readonly role?: string } },
): Signer => signerOf(above, input.head.role ?? `Kepala ${input.letterhead.officeName}`, input.head);

export const signatures = (...signers: Signer[]): DocumentBlock => ({ type: 'signatures', signers });

/** The caption beside the QR code, unless a document words its own. */
export const VERIFICATION_CAPTION = 'Pindai kode ini untuk memeriksa keaslian dokumen.';

/** A document from its frame (letterhead, number, issue date, verification URL) and its own parts. */
export function officialDocument(
  frame: Pick<ReportFrame, 'letterhead' | 'number' | 'issuedOn' | 'verificationUrl'>,
  parts: {
    readonly kind: DocumentKind;
    readonly title: string;
    readonly subtitle: string;
    readonly orientation?: OfficialDocument['orientation'];
    readonly blocks: readonly DocumentBlock[];
    readonly caption?: string;
    readonly metadata: { readonly title: string; readonly subject: string };
  },
): RegisteredDocument {
  return {
    kind: parts.kind,
    letterhead: frame.letterhead,
    title: parts.title,
    subtitle: parts.subtitle,
    number: frame.number,
    issuedOn: frame.issuedOn,
    ...(parts.orientation ? { orientation: parts.orientation } : {}),
    blocks: parts.blocks,
    verificationUrl: frame.verificationUrl,
    verificationCaption: parts.caption ?? VERIFICATION_CAPTION,
    pageLabel: 'Halaman {page} dari {pages}',
    metadata: { ...parts.metadata, author: frame.letterhead.officeName },
  };
}
