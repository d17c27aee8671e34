/**
 * The berita acara penyelesaian (completion record, issue 14): the paper that tells the jaksa a client
 * has served the ordered hours, issued when a case completes and required to close it. Built here as
 * plain data from the case, its sessions and sites, the signers and the office's letterhead; the
 * renderer lays it out. Every date and number is written the Indonesian way (indonesian-format.ts).
 *
 * The input types are the few fields the record needs, shaped like the store's records, so the use
 * case passes a CaseRecord, SessionRecords and Sites as they are read.
 */
import type { SessionOutcome } from '../attendance';
import type { LocalDate } from '../calendar';
import { hoursToMinutes } from '../hours';
import { decimal, longDate, numericDate } from '../indonesian-format';
import { termsOf, type CaseTerms } from '../progress';
import { fail, ok, Rule, violation, type Result } from '../rules';
import {
  caseRows,
  decisionHoursRow,
  headSigner,
  officerRow,
  officerSigner,
  officialDocument,
  prosecutorRow,
  servicePeriodRow,
  sessionCountRows,
  sessionTable,
  signatures,
} from './document-blocks';
import {
  byDateAndTime,
  clientNoun,
  dateSpan,
  hoursText,
  SENTENCE_NAMES,
  siteLine,
  siteLookup,
  workedDates,
  type CaseFacts,
  type Official,
  type ReportSite,
} from './document-parts';
import type { DocumentBlock, Letterhead, OfficialDocument } from './official-document';
import { dateInWords } from './words';

export type CompletionCase = CaseFacts;

export interface CompletionSession {
  readonly siteId: string;
  readonly date: LocalDate;
  readonly startTime: string;
  readonly endTime: string;
  readonly outcome: SessionOutcome;
  readonly creditedMinutes: number;
}

export type CompletionSite = ReportSite;

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

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Why the hours in force differ from the decision's, in the record's words. */
const TERMS_REASONS: Readonly<Record<CaseTerms['source'], string>> = {
  decision: '',
  referral_outcome: 'setelah keputusan atas pelanggaran',
  payment: 'setelah pembayaran sebagian denda',
};

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
  const siteOf = siteLookup(input.sites);
  const sessions = [...input.sessions].sort(byDateAndTime);
  const usedSites = [...new Set(sessions.map((s) => s.siteId))].map(siteOf);
  const sentenceName = SENTENCE_NAMES[record.sentence.kind];
  const office = input.letterhead.officeName;
  const client = clientNoun(record);

  const hourRows = [decisionHoursRow(record.sentence.hours)];
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
        ...caseRows(record),
        ...hourRows,
        { label: 'Batas pelaksanaan', value: capitalized(perDay) },
        servicePeriodRow(record),
        { label: 'Dilaksanakan', value: workedSpan(workedDates(sessions)) },
        { label: 'Jam yang diakui', value: hoursText(record.creditedMinutes) },
        { label: 'Tanggal selesai', value: longDate(input.completedOn) },
        {
          label: usedSites.length > 1 ? 'Lokasi kerja' : 'Lokasi',
          value: usedSites
            .map((site, i) => (usedSites.length > 1 ? `${i + 1}. ` : '') + siteLine(site))
            .join('\n'),
        },
        officerRow(input.officer),
        // Always the jaksa, for a child too: the record is handed to the Jaksa Pengawas (closing paragraph),
        // where the reports name the hakim pengawas for a child (supervisorRow).
        prosecutorRow(record),
      ],
    },
    { type: 'heading', text: 'Rincian pelaksanaan' },
    sessionTable(sessions, siteOf, { widths: [82, 58, 104, 52], hoursTitle: 'Jam diakui' }),
    { type: 'heading', text: 'Ringkasan' },
    {
      type: 'fields',
      rows: [
        ...sessionCountRows(sessions),
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
    // Kepala Bapas on the left ("Mengetahui,"), the PK on the right under the place and date.
    signatures(headSigner('Mengetahui,', input), officerSigner(input)),
  ];

  return ok(
    officialDocument(input, {
      kind: 'completion_record',
      title: 'BERITA ACARA PENYELESAIAN',
      subtitle: sentenceName.toUpperCase(),
      blocks,
      metadata: {
        title: `Berita Acara Penyelesaian ${input.number}`,
        subject: `Berita acara penyelesaian ${sentenceName}`,
      },
    }),
  );
}

/** `5 Januari 2026 s.d. 30 Maret 2026, 20 hari kerja`: the days the client actually worked. */
function workedSpan(dates: readonly LocalDate[]): string {
  const [first, last] = [dates[0], dates.at(-1)];
  if (first === undefined || last === undefined) return '-';
  return `${dateSpan(first, last)}, ${new Set(dates).size} hari kerja`;
}
