/**
 * What the office monthly report and the Kanwil's regional roll-up (issue 14) say alike: an office's
 * figures for a month in the dashboard's words (web/messages/id.json, `kpi_*` and `status_*`), the
 * month in words, and the charts the dashboard draws (cases by status, hours per week). Office-level
 * counts only: neither report names a client.
 */
import { CASE_STATUSES, type CaseStatus } from '../lifecycle';
import { minutesToHours } from '../hours';
import { decimal, longDate, MONTHS } from '../indonesian-format';
import { dateSpan, hoursCell, hoursText } from './document-parts';
import type { ChartBlock, DocumentBlock, FieldRow } from './official-document';
import { monthPeriod } from './progress-report';

/**
 * Case statuses as the dashboard labels them (web/messages/id.json `status_*`; a unit test holds the two
 * equal, so a report never names a status otherwise than the screen the officer reads it from).
 */
export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  received: 'Diterima',
  assessed: 'Diasesmen',
  placed: 'Ditempatkan',
  active: 'Aktif',
  warned: 'Diperingatkan',
  referred: 'Dirujuk ke jaksa',
  repeated: 'Diulang',
  completed: 'Selesai',
  converted: 'Dikonversi',
  terminated: 'Dihentikan',
  closed: 'Ditutup',
};

/** An office's figures for a month: the dashboard's summary, over a calendar month. */
export interface OfficeFigures {
  /** Cases in each status on `asOf`. */
  readonly casesByStatus: Readonly<Record<CaseStatus, number>>;
  readonly openCases: number;
  /** Minutes credited in the month (verified sessions only). */
  readonly creditedMinutesInMonth: number;
  readonly sessionsInMonth: number;
  /** Warnings open on `asOf`. */
  readonly openWarnings: number;
  /** Open cases whose deadline is within 30 days of `asOf`, overdue included. */
  readonly casesDueSoon: number;
  /** Open cases whose remaining hours no longer fit before the deadline, on `asOf`. */
  readonly casesOffTrack: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `2026-12` → `Desember 2026`; anything but `YYYY-MM` is a caller's error. */
export function monthInWords(month: string): string {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  return `${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

/** `1 Desember 2026 s.d. 31 Desember 2026`: the month's first and last day (its name is in the subtitle). */
export function monthSpan(month: string): string {
  const period = monthPeriod(month);
  return dateSpan(period.from, period.to);
}

/** `1.234 kasus`: a count and its noun. */
export const countText = (count: number, noun: string): string => `${decimal(count, 0)} ${noun}`;

/** A count in a table cell, the noun in the column title. */
export const countCell = (count: number): string => decimal(count, 0);

/** The month's work: hours credited and sessions. */
export const workRows = (figures: OfficeFigures): FieldRow[] => [
  { label: 'Jam diakui dalam bulan', value: hoursText(figures.creditedMinutesInMonth) },
  { label: 'Sesi dalam bulan', value: countText(figures.sessionsInMonth, 'sesi') },
];

/** The cases' state on the day counted: the dashboard's KPI cards, said in full for a reader outside it. */
export const stateRows = (figures: OfficeFigures): FieldRow[] => [
  { label: 'Kasus berjalan', value: countText(figures.openCases, 'kasus') },
  { label: 'Peringatan aktif', value: countText(figures.openWarnings, 'peringatan') },
  {
    label: 'Tenggat ≤ 30 hari',
    value: `${countText(figures.casesDueSoon, 'kasus')} (termasuk yang lewat tenggat)`,
  },
  {
    label: 'Tertinggal',
    value: `${countText(figures.casesOffTrack, 'kasus')} (sisa jam tak cukup waktu)`,
  },
];

/** Every case counted, whatever its status. */
export const totalCases = (casesByStatus: Readonly<Record<CaseStatus, number>>): number =>
  CASE_STATUSES.reduce((sum, status) => sum + (casesByStatus[status] ?? 0), 0);

/** The dashboard's "Kasus menurut status": a bar per status, in the lifecycle's order, zeros included. */
export function statusChart(
  casesByStatus: Readonly<Record<CaseStatus, number>>,
  title: string,
  asOf: string,
): ChartBlock {
  const values = CASE_STATUSES.map((status) => casesByStatus[status] ?? 0);
  return {
    type: 'chart',
    title,
    orientation: 'horizontal',
    categories: CASE_STATUSES.map((status) => CASE_STATUS_LABELS[status]),
    series: [{ name: 'Jumlah kasus', values, labels: values.map(countCell) }],
    axisLabel: `Jumlah kasus per ${longDate(asOf)}`,
  };
}

/** A chart of hours, one series: the values in hours, written `12,5`. */
export function hoursChart(
  parts: Pick<ChartBlock, 'title' | 'orientation' | 'categories' | 'axisLabel'>,
  minutes: readonly number[],
): ChartBlock {
  return {
    type: 'chart',
    ...parts,
    series: [{ name: 'Jam diakui', values: minutes.map(minutesToHours), labels: minutes.map(hoursCell) }],
  };
}

/** The note on when each figure was counted, and anything a report adds (`more`). */
export const asOfNote = (month: string, asOf: string, more = ''): DocumentBlock => ({
  type: 'paragraph',
  text: `Catatan: jumlah kasus menurut status, kasus berjalan, peringatan aktif, tenggat dan kasus tertinggal adalah keadaan pada ${longDate(asOf)}; jam dan sesi adalah yang diakui dalam bulan ${monthInWords(month)} (sesi yang belum diverifikasi Pembimbing Kemasyarakatan belum dihitung).${more ? ` ${more}` : ''}`,
});
