/**
 * The laporan bulanan kantor (office monthly report, issue 14): a Bapas's figures for a calendar month,
 * to its Kanwil, signed by the Kepala Bapas. It says what the dashboard's front page says (cases by
 * status, cases open, hours and sessions, warnings, deadlines, cases falling behind) for the month, with
 * the dashboard's two charts. Office-level counts only: no client is named.
 *
 * The figures are the server's, counted for the month (the use case reads them as the dashboard's
 * summary reads its own); this builder only writes them.
 */
import { addDays, isoWeekday, type LocalDate } from '../calendar';
import { longDate, shortDate } from '../indonesian-format';
import { CASE_STATUSES } from '../lifecycle';
import { headSigner, numberColumn, officialDocument, placeAndDate, signatures } from './document-blocks';
import { dateSpan, hoursCell, type Official } from './document-parts';
import {
  asOfNote,
  CASE_STATUS_LABELS,
  countCell,
  countText,
  hoursChart,
  monthInWords,
  monthSpan,
  stateRows,
  statusChart,
  totalCases,
  workRows,
  type OfficeFigures,
} from './office-figures';
import type { DocumentBlock, Letterhead, RegisteredDocument } from './official-document';
import { monthPeriod } from './progress-report';

/** One ISO week of the month's chart: credited minutes and sessions by the date the work was done. */
export interface MonthWeek {
  /** The week's Monday (it may fall in the month before). */
  readonly monday: LocalDate;
  readonly creditedMinutes: number;
  readonly sessions: number;
}

export interface OfficeMonthlyFigures extends OfficeFigures {
  /** `YYYY-MM`. */
  readonly month: string;
  /** The office-local day the statuses, warnings and deadlines were counted. */
  readonly asOf: LocalDate;
  /** The ISO weeks overlapping the month (monthWeeks), oldest first. */
  readonly weeks: readonly MonthWeek[];
}

export interface OfficeMonthlyReportInput {
  readonly letterhead: Letterhead;
  /** From the office's register (document-number.ts). */
  readonly number: string;
  /** The office-local date of issue. */
  readonly issuedOn: LocalDate;
  readonly verificationUrl: string;
  /** Kepala Bapas; where the head is away, the official signing for them (`role` says so). */
  readonly head: Official & { readonly role?: string };
  readonly figures: OfficeMonthlyFigures;
}

/** The Mondays of the ISO weeks that overlap `YYYY-MM`, oldest first (four to six of them). */
export function monthWeeks(month: string): LocalDate[] {
  const { from, to } = monthPeriod(month);
  const mondays: LocalDate[] = [];
  for (let monday = addDays(from, 1 - isoWeekday(from)); monday <= to; monday = addDays(monday, 7)) {
    mondays.push(monday);
  }
  return mondays;
}

/** `30 November s.d. 6 Desember 2026`: a week as the table writes it. */
function weekText(monday: LocalDate): string {
  const sunday = addDays(monday, 6);
  return monday.slice(0, 4) === sunday.slice(0, 4)
    ? `${longDate(monday).replace(/ \d{4}$/, '')} s.d. ${longDate(sunday)}`
    : dateSpan(monday, sunday);
}

/** The office monthly report; a week outside the month or a day that is no Monday is a caller's error. */
export function buildOfficeMonthlyReport(input: OfficeMonthlyReportInput): RegisteredDocument {
  const { figures, letterhead } = input;
  const monthName = monthInWords(figures.month);
  const expected = new Set(monthWeeks(figures.month));
  for (const week of figures.weeks) {
    if (!expected.has(week.monday)) {
      throw new RangeError(`not the Monday of a week of ${figures.month}: ${week.monday}`);
    }
  }
  const weeks = [...figures.weeks].sort((a, b) => a.monday.localeCompare(b.monday));
  const asOf = longDate(figures.asOf);

  const blocks: DocumentBlock[] = [
    { type: 'paragraph', text: `Kepada Yth. Kepala ${letterhead.kanwil}.` },
    {
      type: 'paragraph',
      text: `Dengan hormat, bersama ini kami sampaikan laporan pelaksanaan pidana kerja sosial dan pidana pelayanan masyarakat pada ${letterhead.officeName} untuk bulan ${monthName}, sebagai berikut:`,
    },
    {
      type: 'fields',
      // The day the cases were counted heads section B.
      rows: [{ label: 'Periode laporan', value: monthSpan(figures.month) }],
    },
    { type: 'heading', text: 'A. Pelaksanaan dalam bulan' },
    { type: 'fields', rows: workRows(figures) },
    { type: 'heading', text: `B. Keadaan kasus per ${asOf}` },
    { type: 'fields', rows: stateRows(figures) },
    { type: 'heading', text: 'C. Kasus menurut status' },
    {
      type: 'table',
      columns: [
        numberColumn(),
        { title: 'Status', width: 'fill' },
        { title: 'Jumlah kasus', width: 80, align: 'right' },
      ],
      rows: CASE_STATUSES.map((status, i) => [
        String(i + 1),
        CASE_STATUS_LABELS[status],
        countCell(figures.casesByStatus[status] ?? 0),
      ]),
    },
    {
      type: 'fields',
      rows: [{ label: 'Jumlah seluruh kasus', value: countText(totalCases(figures.casesByStatus), 'kasus') }],
    },
    statusChart(figures.casesByStatus, 'Kasus menurut status', figures.asOf),
    { type: 'heading', text: 'D. Jam diakui per minggu' },
    {
      type: 'table',
      columns: [
        numberColumn(),
        { title: 'Minggu (Senin s.d. Minggu)', width: 'fill' },
        { title: 'Jam diakui', width: 70, align: 'right' },
        { title: 'Sesi', width: 60, align: 'right' },
      ],
      rows: weeks.map((week, i) => [
        String(i + 1),
        weekText(week.monday),
        hoursCell(week.creditedMinutes),
        countCell(week.sessions),
      ]),
    },
    hoursChart(
      {
        title: 'Jam diakui per minggu',
        orientation: 'vertical',
        // The dashboard labels a week by its Monday, shortly.
        categories: weeks.map((week) => shortDate(week.monday)),
        axisLabel: 'Jam diakui (jam), per minggu mulai Senin, menurut tanggal kerja',
      },
      weeks.map((week) => week.creditedMinutes),
    ),
    asOfNote(
      figures.month,
      figures.asOf,
      `Minggu pertama dan terakhir pada bagian D dihitung utuh, termasuk hari di luar bulan ${monthName}.`,
    ),
    {
      type: 'paragraph',
      text: 'Demikian laporan ini kami sampaikan untuk dipergunakan sebagaimana mestinya.',
    },
    // Signed by the head alone: the figures are the office's, not one officer's.
    signatures(headSigner(placeAndDate(input), input)),
  ];

  return officialDocument(input, {
    kind: 'monthly_report',
    title: 'LAPORAN BULANAN',
    subtitle: `BULAN ${monthName.toUpperCase()}`,
    blocks,
    metadata: {
      title: `Laporan Bulanan ${input.number}`,
      subject: `Laporan bulanan ${letterhead.officeName} ${monthName}`,
    },
  });
}
