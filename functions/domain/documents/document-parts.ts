/**
 * What the official documents of issue 14 share: the case, session, warning and site types in the
 * stores' shapes, and the wording every document uses alike (the court named in full, the decision and
 * its legal basis, hours, outcome labels, sites, the addressee of a report), so each wording lives here
 * once. The blocks built from it are in document-blocks.ts. Where two documents word a thing
 * differently on purpose, the helper takes an option and says why.
 */
import { outcomeFlags, type SessionOutcome } from '../attendance';
import { compareDates, isoWeekday, type LocalDate, type LocalTime, type OfficeTimeZone } from '../calendar';
import { hoursToMinutes, minutesToHours } from '../hours';
import { clockTime, decimal, longDate } from '../indonesian-format';
import { termsOf, type CaseTerms } from '../progress';
import type { CaseOrigin, ConversionBasis } from '../registration-model';
import type { NonComplianceSanction, SentenceKind } from '../sentence';
import type { WarningLevel, WarningStatus } from '../warnings';
import type { Letterhead } from './official-document';
import { WEEKDAY_NAMES } from '../indonesian-format';

export interface Official {
  readonly name: string;
  readonly nip?: string;
}

/** A work site as the store keeps it (Site), the fields a document prints. */
export interface ReportSite {
  readonly id: string;
  readonly name: string;
  readonly kelurahan?: string;
  readonly kecamatan?: string;
  readonly kabupatenKota?: string;
}

/** The case as every document about it reads it: the fields of the store's CaseRecord they print. */
export interface CaseFacts {
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

/** The case as a report needs it: what the decision orders on non-compliance besides the common facts. */
export interface ReportCase extends CaseFacts {
  readonly decision: CaseFacts['decision'] & {
    readonly imposed?: { readonly prisonMonths?: number; readonly fineRupiah?: number };
    readonly replaces?: 'prison' | 'fine';
    readonly nonComplianceSanction: NonComplianceSanction;
  };
  readonly conversion?: { readonly fineRupiah?: number; readonly legalBasis: ConversionBasis };
}

/** A session as the store keeps it (SessionRecord), the fields a report prints. */
export interface ReportSession {
  readonly id: string;
  readonly siteId: string;
  readonly date: LocalDate;
  readonly startTime: string;
  readonly endTime: string;
  readonly outcome: SessionOutcome;
  /** The officer's note; for an absence, the reason given (or found missing). */
  readonly notes?: string;
  readonly misconduct?: boolean;
  readonly creditedMinutes: number;
}

/** A warning as the store keeps it (WarningRecord); `issuedAt` is an instant. */
export interface ReportWarning {
  readonly id: string;
  readonly level: WarningLevel;
  readonly reason: string;
  readonly sessionIds: readonly string[];
  readonly status: WarningStatus;
  readonly issuedAt: string;
}

/** The parts every report's input carries besides its facts. */
export interface ReportFrame {
  readonly officer: Official;
  readonly letterhead: Letterhead;
  /** From the office's register (document-number.ts). */
  readonly number: string;
  /** The office-local date of issue. */
  readonly issuedOn: LocalDate;
  /** The office's zone, to put instants (a warning's, an upload's) on the office's calendar. */
  readonly timeZone: OfficeTimeZone;
  readonly verificationUrl: string;
}

/** Kerja sosial for adults, pelayanan masyarakat for children (SPPA): the case kind most wording turns on. */
interface HasSentenceKind {
  readonly sentence: { readonly kind: SentenceKind };
}

/** The decision (or a diversion's penetapan) as a case carries it. */
export interface DecisionFacts {
  readonly origin?: CaseOrigin;
  readonly decision: { readonly number?: string; readonly court: string; readonly date: LocalDate };
  readonly diversion?: { readonly penetapanNumber: string; readonly agreementDate?: LocalDate };
}

/** Session outcomes as the dashboard labels them (web/messages/id.json). */
export const OUTCOME_LABELS: Readonly<Record<SessionOutcome, string>> = {
  attended: 'Hadir',
  partial: 'Hadir sebagian',
  excused_absence: 'Tidak hadir, dengan alasan sah',
  unexcused_absence: 'Tidak hadir tanpa alasan yang sah',
};

export const SENTENCE_NAMES: Readonly<Record<SentenceKind, string>> = {
  kerja_sosial: 'pidana kerja sosial',
  pelayanan_masyarakat: 'pidana pelayanan masyarakat',
};

export const isChildCase = (record: HasSentenceKind): boolean =>
  record.sentence.kind === 'pelayanan_masyarakat';

/** How a letter names the client in its prose: `Anak` (SPPA) or `Klien Pemasyarakatan`. */
export const clientNoun = (record: HasSentenceKind): string =>
  isChildCase(record) ? 'Anak' : 'Klien Pemasyarakatan';

/** `Nama klien` or, for a child, `Nama Anak`. */
export const clientLabel = (record: HasSentenceKind): string =>
  isChildCase(record) ? 'Nama Anak' : 'Nama klien';

/** `Rp5.000.000`, as a decision writes a fine. */
export const rupiah = (amount: number): string => `Rp${decimal(amount, 0)}`;

/** `120` minutes → `2 jam`, `90` → `1,5 jam`, 74,070 → `1.234,5 jam`. */
export const hoursText = (minutes: number): string => `${decimal(minutesToHours(minutes))} jam`;

/** `90` minutes → `1,5`: an hours cell of a table, the unit in its column title. */
export const hoursCell = (minutes: number): string => decimal(minutesToHours(minutes));

/** A number kept on one line (`231/Pid.B/2026/PN Plp` must not break before `Plp`): no-break spaces. */
export const unbroken = (text: string): string => text.replace(/ /g, '\u00a0');

/** `PN Palopo` → `Pengadilan Negeri Palopo`: an official letter names the court in full. */
export const courtName = (court: string): string =>
  court
    .trim()
    .replace(/^PN\s+/i, 'Pengadilan Negeri ')
    .replace(/^PT\s+/i, 'Pengadilan Tinggi ')
    .replace(/^MA$/i, 'Mahkamah Agung');

/** `5 Januari 2026 s.d. 30 Maret 2026`. */
export const dateSpan = (from: LocalDate, to: LocalDate): string => `${longDate(from)} s.d. ${longDate(to)}`;

/** `2026-06-03` → `Rabu, 3 Juni 2026`. */
export const dayAndDate = (date: LocalDate): string =>
  `${WEEKDAY_NAMES[isoWeekday(date) - 1]}, ${longDate(date)}`;

/**
 * `08.00-11.30`: the time of a session in a report's table. The placement letter and the attendance
 * sheet print a schedule instead, with an en dash (timeSpan); the tests pin both.
 */
export const clockSpan = (start: string, end: string): string => `${clockTime(start)}-${clockTime(end)}`;

/** `08:00`, `12:00` → `08.00–12.00` (an en dash, as a printed schedule writes a span of time). */
export const timeSpan = (start: LocalTime, end: LocalTime): string =>
  `${clockTime(start)}\u2013${clockTime(end)}`;

/**
 * The decision (or a diversion's penetapan) a document rests on, the court named in full. The placement
 * letter passes `agreement: false`: it asks a partner to take the client in and names the penetapan only
 * to identify it, so it leaves out the date of the diversion agreement the reports to the jaksa state.
 */
export function decisionLine(record: DecisionFacts, { agreement = true } = {}): string {
  const court = courtName(record.decision.court);
  const date = longDate(record.decision.date);
  const { diversion } = record;
  if (record.origin === 'diversion' && diversion) {
    const agreed =
      agreement && diversion.agreementDate
        ? `, atas kesepakatan diversi tanggal ${longDate(diversion.agreementDate)}`
        : '';
    return `Penetapan ${court} Nomor ${unbroken(diversion.penetapanNumber)} tanggal ${date}${agreed}`;
  }
  return `Putusan ${court} Nomor ${unbroken(record.decision.number ?? '-')} tanggal ${date}`;
}

/** The sentence and the law it rests on. */
export function legalBasisLine(
  record: HasSentenceKind & {
    readonly origin?: CaseOrigin;
    readonly conversion?: { readonly legalBasis: ConversionBasis };
  },
): string {
  if (isChildCase(record)) {
    return record.origin === 'diversion'
      ? 'Pelayanan masyarakat berdasarkan kesepakatan diversi (Pasal 10 UU 11/2012 tentang SPPA)'
      : 'Pidana pelayanan masyarakat (Pasal 71 ayat (1) huruf b dan Pasal 76 UU 11/2012 tentang SPPA)';
  }
  if (record.origin === 'fine_conversion' && record.conversion) {
    const article = record.conversion.legalBasis.replace('KUHP ', '');
    return `Pidana kerja sosial sebagai pengganti pidana denda (Pasal ${article} KUHP)`;
  }
  return 'Pidana kerja sosial (Pasal 85 KUHP)';
}

/** The hours in force, what is credited and what remains, in minutes. */
export function hoursOf(record: ReportCase): { owed: number; credited: number; remaining: number } {
  const owed = hoursToMinutes(termsOf(record).hours);
  return { owed, credited: record.creditedMinutes, remaining: Math.max(0, owed - record.creditedMinutes) };
}

/** The addressee of a report and its title: the jaksa pengawas, or for a child the hakim pengawas (SPPA 76(2)). */
export interface Recipient {
  readonly title: string;
  readonly office: string;
}

/** Who receives a report: the jaksa pengawas, or for a child the hakim pengawas (SPPA 76(2)). */
export function recipientOf(record: ReportCase): Recipient {
  return isChildCase(record)
    ? { title: 'Hakim Pengawas', office: courtName(record.decision.court) }
    : { title: 'Jaksa Pengawas', office: record.prosecutor.office };
}

/** `Masjid Al-Ikhlas, Kel. Amassangan, Kec. Wara, Kota Palopo`; the street address only when asked for. */
export const siteLine = (site: Omit<ReportSite, 'id'>, address?: string): string =>
  [
    site.name,
    address,
    site.kelurahan && `Kel. ${site.kelurahan}`,
    site.kecamatan && `Kec. ${site.kecamatan}`,
    site.kabupatenKota,
  ]
    .filter(Boolean)
    .join(', ');

/** A lookup of sites by id that refuses a session whose site the caller forgot to pass. */
export function siteLookup(sites: readonly ReportSite[]): (id: string) => ReportSite {
  const byId = new Map(sites.map((site) => [site.id, site]));
  return (id) => {
    const site = byId.get(id);
    if (!site) throw new RangeError(`a session's site is missing from the input: ${id}`);
    return site;
  };
}

export const byDateAndTime = <T extends { date: LocalDate; startTime: string }>(a: T, b: T): number =>
  compareDates(a.date, b.date) || a.startTime.localeCompare(b.startTime);

/** The days a client actually worked, from sessions in date order. */
export const workedDates = (sessions: readonly Pick<ReportSession, 'date' | 'outcome'>[]): LocalDate[] =>
  sessions.filter((s) => outcomeFlags(s.outcome).attended).map((s) => s.date);

/** `Peringatan tingkat 2`, the dashboard's words. */
export const warningLevelText = (level: WarningLevel): string => `Peringatan tingkat ${level}`;

export const WARNING_STATUS_LABELS: Readonly<Record<WarningStatus, string>> = {
  open: 'Aktif',
  resolved: 'Selesai',
};
