/**
 * What the exports contain, with headers in the user's language: the case list, and the monthly
 * office report (per case, and a summary). Loaded only by the screens that export.
 */
import { m } from '../paraglide/messages.js';
import type { Column, MonthReport, MonthRow, Table } from './export';
import { buildTable } from './export';
import { formatInstant, zoneAbbreviation } from './format';
import { SESSION_OUTCOME_KEYS } from '../../../functions/domain/attendance';
import { locale, outcomeLabel, statusLabel } from './labels';
import type { Case, Summary } from './api-types';

const yesNo = (value: boolean) => (value ? m.export_yes() : m.export_no());

/** A column of numbers. */
const count = <R>(header: string, width: number, value: (row: R) => number | undefined): Column<R> => ({
  header,
  kind: 'number',
  width,
  value,
});

export function caseListTable(cases: readonly Case[], siteName: (id: string) => string): Table {
  const columns: Column<Case>[] = [
    { header: m.export_client(), width: 26, value: (c) => c.client.fullName },
    { header: m.export_decision_number(), width: 26, value: (c) => c.decision?.number ?? '' },
    { header: m.export_status(), width: 14, value: (c) => statusLabel(c.status) },
    { header: m.export_officer(), width: 14, value: (c) => c.officerUsername },
    { header: m.export_site(), width: 28, value: (c) => (c.currentSiteId ? siteName(c.currentSiteId) : '') },
    { header: m.export_start(), kind: 'date', width: 12, value: (c) => c.sentence.startDate },
    { header: m.export_deadline(), kind: 'date', width: 12, value: (c) => c.progress.deadline },
    { header: m.export_hours_ordered(), kind: 'number', width: 10, value: (c) => c.progress.hoursOrdered },
    { header: m.export_hours_credited(), kind: 'number', width: 10, value: (c) => c.progress.hoursCredited },
    count(m.export_hours_remaining(), 10, (c) => c.progress.hoursRemaining),
    { header: m.export_days_left(), kind: 'number', width: 10, value: (c) => c.progress.daysLeft },
    { header: m.export_on_track(), width: 10, value: (c) => yesNo(c.progress.onTrack) },
    { header: m.export_open_warnings(), kind: 'number', width: 10, value: (c) => c.openWarnings },
  ];
  return buildTable(m.export_sheet_cases(), columns, cases);
}

/** Per case of the month, with a totals row at the end. */
export function monthRowsTable(report: MonthReport): Table {
  const columns: Column<MonthRow | null>[] = [
    { header: m.export_client(), width: 26, value: (r) => (r ? r.case.client.fullName : m.export_total()) },
    { header: m.export_decision_number(), width: 26, value: (r) => r?.case.decision?.number ?? '' },
    { header: m.export_status(), width: 14, value: (r) => (r ? statusLabel(r.case.status) : '') },
    { header: m.export_officer(), width: 14, value: (r) => r?.case.officerUsername ?? '' },
    { header: m.export_sessions(), kind: 'number', width: 8, value: (r) => (r ?? report.totals).sessions },
    ...SESSION_OUTCOME_KEYS.map((o): Column<MonthRow | null> =>
      count(outcomeLabel(o), 8, (r) => (r ?? report.totals).outcomes[o]),
    ),
    count(m.export_hours_credited_month(), 12, (r) => (r ?? report.totals).hoursCredited),
    count(m.export_unverified(), 10, (r) => (r ?? report.totals).unverified),
    count(m.export_hours_credited(), 10, (r) => r?.case.progress.hoursCredited),
    count(m.export_hours_ordered(), 10, (r) => r?.case.progress.hoursOrdered),
    { header: m.export_deadline(), kind: 'date', width: 12, value: (r) => r?.case.progress.deadline },
    { header: m.export_on_track(), width: 10, value: (r) => (r ? yesNo(r.case.progress.onTrack) : '') },
  ];
  return buildTable(m.export_sheet_month(), columns, [...report.rows, null]);
}

/** The report's first sheet: which office and month, when it was made, the month's totals. */
export function monthSummaryTable(
  report: MonthReport,
  office: { name: string; timeZone: string },
  generatedAt: Date,
  today: Summary | null,
): Table {
  const t = report.totals;
  const rows: [string, string | number][] = [
    [m.export_office(), office.name],
    [m.export_month(), report.month],
    [m.export_time_zone(), `${office.timeZone} (${zoneAbbreviation(office.timeZone)})`],
    [m.export_generated(), formatInstant(generatedAt.toISOString(), locale(), office.timeZone)],
    [m.export_cases_with_sessions(), t.cases],
    [m.export_sessions(), t.sessions],
    ...SESSION_OUTCOME_KEYS.map((o): [string, number] => [outcomeLabel(o), t.outcomes[o]]),
    [m.export_hours_credited_month(), t.hoursCredited],
    [m.export_unverified(), t.unverified],
  ];
  if (today) {
    rows.push(
      [m.export_today_open(), today.openCases],
      [m.export_today_off_track(), today.casesOffTrack],
      [m.export_today_due(), today.casesDueIn30Days],
      [m.export_today_warnings(), today.openWarnings],
    );
  }
  return {
    name: m.export_sheet_summary(),
    columns: [
      { header: m.export_item(), kind: 'text', width: 40 },
      { header: m.export_value(), kind: 'text', width: 32 },
    ],
    rows,
  };
}
