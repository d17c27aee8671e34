/**
 * The berita acara penyelesaian (completion record, issue 14): the paper that tells the jaksa a client
 * has served the ordered hours, issued when a case completes and required to close it. Built here as
 * plain data from the case, its sessions and sites, the signers and the office's letterhead; the
 * renderer lays it out. Every date and number is written the Indonesian way (indonesian-format.ts).
 *
 * The input types are the few fields the record needs, shaped like the store's records, so the use
 * case passes a CaseRecord, SessionRecords and Sites as they are read.
 */
import { outcomeFlags, type SessionOutcome } from '../attendance';
import { compareDates, type LocalDate } from '../calendar';
import { hoursToMinutes, minutesToHours } from '../hours';
import { clockTime, decimal, longDate, numericDate } from '../indonesian-format';
import { termsOf, type CaseTerms } from '../progress';
import type { CaseOrigin, ConversionBasis } from '../registration-model';
import { fail, ok, Rule, violation, type Result } from '../rules';
import type { SentenceKind } from '../sentence';
import type { DocumentBlock, Letterhead, OfficialDocument, Signer } from './official-document';
import { dateInWords } from './words';

export interface CompletionCase {
  readonly clientName: string;
  readonly origin?: CaseOrigin;
  readonly decision: { readonly number?: string; readonly court: string; readonly date: LocalDate };
  readonly diversion?: { readonly penetapanNumber: string; readonly agreementDate: LocalDate };
  readonly conversion?: { readonly legalBasis: ConversionBasis };
  readonly sentence: {
    readonly kind: SentenceKind;
    readonly hours: number;
    readonly maxHoursPerDay: number;
    readonly daysPerWeek?: number;
    readonly startDate: LocalDate;
    readonly deadline: LocalDate;
  };
  readonly terms?: CaseTerms;
  readonly creditedMinutes: number;
  readonly prosecutor: { readonly name: string; readonly office: string };
}

export interface CompletionSession {
  readonly siteId: string;
  readonly date: LocalDate;
  readonly startTime: string;
  readonly endTime: string;
  readonly outcome: SessionOutcome;
  readonly creditedMinutes: number;
}

export interface CompletionSite {
  readonly id: string;
  readonly name: string;
  readonly kelurahan?: string;
  readonly kecamatan?: string;
  readonly kabupatenKota?: string;
}

export interface Official {
  readonly name: string;
  readonly nip?: string;
}

export interface CompletionRecordInput {
  readonly case: CompletionCase;
  readonly sessions: readonly CompletionSession[];
  readonly sites: readonly CompletionSite[];
  readonly officer: Official;
  /** Kepala Bapas; where the head is away, the official signing for them (`role` says so). */
  readonly head: Official & { readonly role?: string };
  readonly letterhead: Letterhead;
  /** From the office's register (document-number.ts). */
  readonly number: string;
  /** The office-local date of issue. */
  readonly issuedOn: LocalDate;
  /** The office-local date the last ordered hour was credited. */
  readonly completedOn: LocalDate;
  readonly verificationUrl: string;
}

/** Session outcomes as the record writes them (the dashboard's labels, web/messages/id.json). */
const OUTCOME_LABELS: Readonly<Record<SessionOutcome, string>> = {
  attended: 'Hadir',
  partial: 'Hadir sebagian',
  excused_absence: 'Tidak hadir, dengan alasan sah',
  unexcused_absence: 'Tidak hadir tanpa alasan yang sah',
};

const SENTENCE_NAMES: Readonly<Record<SentenceKind, string>> = {
  kerja_sosial: 'pidana kerja sosial',
  pelayanan_masyarakat: 'pidana pelayanan masyarakat',
};

/** `120` minutes → `2 jam`, `90` → `1,5 jam`, 74,070 → `1.234,5 jam`. */
export const hoursText = (minutes: number): string => `${decimal(minutesToHours(minutes))} jam`;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** `KUHP 82` → `Pasal 82 KUHP`. */
const articleOf = (basis: ConversionBasis) => `Pasal ${basis.replace('KUHP ', '')} KUHP`;

function legalBasisOf(record: CompletionCase): string {
  if (record.sentence.kind === 'pelayanan_masyarakat') {
    return record.origin === 'diversion'
      ? 'Pelayanan masyarakat berdasarkan kesepakatan diversi (Pasal 10 UU 11/2012 tentang SPPA)'
      : 'Pidana pelayanan masyarakat (Pasal 71 ayat (1) huruf b dan Pasal 76 UU 11/2012 tentang SPPA)';
  }
  if (record.origin === 'fine_conversion' && record.conversion) {
    return `Pidana kerja sosial sebagai pengganti pidana denda (${articleOf(record.conversion.legalBasis)})`;
  }
  return 'Pidana kerja sosial (Pasal 85 KUHP)';
}

/** A number kept on one line (`231/Pid.B/2026/PN Plp` must not break before `Plp`): no-break spaces. */
export const unbroken = (text: string): string => text.replace(/ /g, '\u00a0');

/** `PN Palopo` → `Pengadilan Negeri Palopo`: a berita acara names the court in full. */
export const courtName = (court: string): string =>
  court
    .trim()
    .replace(/^PN\s+/i, 'Pengadilan Negeri ')
    .replace(/^PT\s+/i, 'Pengadilan Tinggi ')
    .replace(/^MA$/i, 'Mahkamah Agung');

function decisionOf(record: CompletionCase): string {
  const { diversion } = record;
  const decision = { ...record.decision, court: courtName(record.decision.court) };
  if (record.origin === 'diversion' && diversion) {
    return `Penetapan ${decision.court} Nomor ${unbroken(diversion.penetapanNumber)} tanggal ${longDate(decision.date)}, atas kesepakatan diversi tanggal ${longDate(diversion.agreementDate)}`;
  }
  return `Putusan ${decision.court} Nomor ${unbroken(decision.number ?? '-')} tanggal ${longDate(decision.date)}`;
}

/** Why the hours in force differ from the decision's, in the record's words. */
const TERMS_REASONS: Readonly<Record<CaseTerms['source'], string>> = {
  decision: '',
  referral_outcome: 'setelah keputusan atas pelanggaran',
  payment: 'setelah pembayaran sebagian denda',
};

const siteLine = (site: CompletionSite): string =>
  [
    site.name,
    site.kelurahan && `Kel. ${site.kelurahan}`,
    site.kecamatan && `Kec. ${site.kecamatan}`,
    site.kabupatenKota,
  ]
    .filter(Boolean)
    .join(', ');

/**
 * The completion record of a case, or LC-COMPLETE-HOURS while ordered hours remain (a berita acara
 * penyelesaian says the work is done, so it is never issued before it is).
 */
export function buildCompletionRecord(input: CompletionRecordInput): Result<OfficialDocument> {
  const record = input.case;
  const terms = termsOf(record);
  const owedMinutes = hoursToMinutes(terms.hours);
  if (record.creditedMinutes < owedMinutes) {
    return fail([
      violation(
        Rule.LC_COMPLETE_HOURS,
        'case',
        `${hoursText(owedMinutes - record.creditedMinutes)} still to serve: a completion record follows the last hour.`,
      ),
    ]);
  }
  const sitesById = new Map(input.sites.map((site) => [site.id, site]));
  const siteOf = (id: string): CompletionSite => {
    const site = sitesById.get(id);
    if (!site) throw new RangeError(`a session's site is missing from the input: ${id}`);
    return site;
  };
  const sessions = [...input.sessions].sort(
    (a, b) => compareDates(a.date, b.date) || a.startTime.localeCompare(b.startTime),
  );
  const usedSites = [...new Set(sessions.map((s) => s.siteId))].map(siteOf);
  const worked = sessions.filter((s) => outcomeFlags(s.outcome).attended);
  const sentenceName = SENTENCE_NAMES[record.sentence.kind];
  const office = input.letterhead.officeName;
  const client = record.sentence.kind === 'pelayanan_masyarakat' ? 'Anak' : 'Klien Pemasyarakatan';

  const hourRows = [
    { label: 'Jam menurut putusan', value: hoursText(hoursToMinutes(record.sentence.hours)) },
  ];
  if (terms.source !== 'decision' || terms.hours !== record.sentence.hours) {
    hourRows.push({
      label: 'Jam yang wajib dijalani',
      value: `${hoursText(owedMinutes)} (${TERMS_REASONS[terms.source] || 'ketentuan yang berlaku'})`,
    });
  }
  const perDay = `paling lama ${decimal(record.sentence.maxHoursPerDay)} jam sehari${
    record.sentence.daysPerWeek ? `, ${record.sentence.daysPerWeek} hari seminggu` : ''
  }`;

  const blocks: DocumentBlock[] = [
    {
      type: 'paragraph',
      text: `Pada hari ini ${dateInWords(input.issuedOn)} (${numericDate(input.issuedOn)}), kami yang bertanda tangan di bawah ini, Pembimbing Kemasyarakatan dan Kepala ${office}, menyatakan bahwa ${client} tersebut di bawah ini telah selesai menjalani ${sentenceName} sesuai dengan putusan dan ketentuan yang berlaku, dengan keterangan sebagai berikut:`,
    },
    {
      type: 'fields',
      rows: [
        { label: client === 'Anak' ? 'Nama Anak' : 'Nama klien', value: record.clientName },
        { label: 'Dasar', value: decisionOf(record) },
        { label: 'Jenis pidana', value: legalBasisOf(record) },
        ...hourRows,
        { label: 'Batas pelaksanaan', value: capitalized(perDay) },
        {
          label: 'Masa pelaksanaan',
          value: `${longDate(record.sentence.startDate)} s.d. ${longDate(terms.deadline)}`,
        },
        {
          label: 'Dilaksanakan',
          value: workedSpan(worked.map((s) => s.date)),
        },
        { label: 'Jam yang diakui', value: hoursText(record.creditedMinutes) },
        { label: 'Tanggal selesai', value: longDate(input.completedOn) },
        {
          label: usedSites.length > 1 ? 'Lokasi kerja' : 'Lokasi',
          value: usedSites
            .map((site, i) => (usedSites.length > 1 ? `${i + 1}. ` : '') + siteLine(site))
            .join('\n'),
        },
        { label: 'Pembimbing Kemasyarakatan', value: input.officer.name },
        { label: 'Jaksa pengawas', value: `${record.prosecutor.name}, ${record.prosecutor.office}` },
      ],
    },
    { type: 'heading', text: 'Rincian pelaksanaan' },
    {
      type: 'table',
      columns: [
        { title: 'No.', width: 24, align: 'right' },
        { title: 'Tanggal', width: 82 },
        { title: 'Waktu', width: 58 },
        { title: 'Lokasi', width: 'fill' },
        { title: 'Kehadiran', width: 104 },
        { title: 'Jam diakui', width: 52, align: 'right' },
      ],
      rows: sessions.map((s, i) => [
        String(i + 1),
        longDate(s.date),
        `${clockTime(s.startTime)}-${clockTime(s.endTime)}`,
        siteOf(s.siteId).name,
        OUTCOME_LABELS[s.outcome],
        decimal(minutesToHours(s.creditedMinutes)),
      ]),
    },
    { type: 'heading', text: 'Ringkasan' },
    {
      type: 'fields',
      rows: [
        { label: 'Jumlah sesi', value: `${sessions.length} sesi` },
        ...(Object.keys(OUTCOME_LABELS) as SessionOutcome[]).map((outcome) => ({
          label: OUTCOME_LABELS[outcome],
          value: `${sessions.filter((s) => s.outcome === outcome).length} sesi`,
        })),
        {
          label: 'Jumlah jam diakui',
          value: `${hoursText(record.creditedMinutes)} dari ${hoursText(owedMinutes)} yang wajib dijalani`,
        },
      ],
    },
    {
      type: 'paragraph',
      text: `Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya, dan disampaikan kepada Jaksa Pengawas pada ${record.prosecutor.office}.`,
    },
    { type: 'signatures', signers: signersOf(input) },
  ];

  return ok({
    kind: 'completion_record',
    letterhead: input.letterhead,
    title: 'BERITA ACARA PENYELESAIAN',
    subtitle: sentenceName.toUpperCase(),
    number: input.number,
    issuedOn: input.issuedOn,
    blocks,
    verificationUrl: input.verificationUrl,
    verificationCaption: 'Pindai kode ini untuk memeriksa keaslian dokumen.',
    pageLabel: 'Halaman {page} dari {pages}',
    metadata: {
      title: `Berita Acara Penyelesaian ${input.number}`,
      subject: `Berita acara penyelesaian ${sentenceName}`,
      author: office,
    },
  });
}

/** `5 Januari 2026 s.d. 30 Maret 2026, 20 hari kerja`: the days the client actually worked. */
function workedSpan(dates: readonly LocalDate[]): string {
  const [first, last] = [dates[0], dates.at(-1)];
  if (first === undefined || last === undefined) return '-';
  return `${longDate(first)} s.d. ${longDate(last)}, ${new Set(dates).size} hari kerja`;
}

/** Kepala Bapas on the left ("Mengetahui,"), the PK on the right under the place and date. */
function signersOf(input: CompletionRecordInput): Signer[] {
  return [
    {
      above: 'Mengetahui,',
      role: input.head.role ?? `Kepala ${input.letterhead.officeName}`,
      name: input.head.name,
      ...(input.head.nip ? { nip: input.head.nip } : {}),
    },
    {
      above: `${input.letterhead.city}, ${longDate(input.issuedOn)}`,
      role: 'Pembimbing Kemasyarakatan',
      name: input.officer.name,
      ...(input.officer.nip ? { nip: input.officer.nip } : {}),
    },
  ];
}
