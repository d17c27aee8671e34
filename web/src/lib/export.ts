/**
 * Exports as tables: the case list and the monthly office report, written as CSV here and as XLSX
 * by `xlsx.ts` (which loads exceljs only when a user asks for a spreadsheet). Headers come in the
 * user's language from the caller; dates are office-local `YYYY-MM-DD` (the law's own calendar
 * dates), so no time-zone arithmetic happens here. Pure, unit-tested in test/unit/web/export.test.ts.
 */
import { daysInMonth, formatYmd } from '../../../functions/domain/calendar';
import { inertText } from '../../../functions/domain/spreadsheet-cells';
import type { Case, SessionOutcome, WorkSession } from './api-types';

export type Cell = string | number | boolean | null | undefined;
export type CellKind = 'text' | 'number' | 'date';

export interface Column<T> {
  readonly header: string;
  readonly kind?: CellKind;
  /** Character width in a spreadsheet. */
  readonly width?: number;
  readonly value: (row: T) => Cell;
}

export interface Table {
  /** The sheet's name in a workbook (at most 31 characters there). */
  readonly name: string;
  readonly columns: readonly { readonly header: string; readonly kind: CellKind; readonly width: number }[];
  readonly rows: readonly (readonly Cell[])[];
}

export function buildTable<T>(name: string, columns: readonly Column<T>[], items: readonly T[]): Table {
  return {
    name,
    columns: columns.map((c) => ({ header: c.header, kind: c.kind ?? 'text', width: c.width ?? 16 })),
    rows: items.map((item) => columns.map((c) => c.value(item))),
  };
}

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // A spreadsheet runs text starting with = + - @ as a formula (CSV injection): made inert, as OWASP says.
  const text = inertText(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV: comma-separated, CRLF line ends, numbers with a decimal point, ISO dates, and a UTF-8
 * byte-order mark so that spreadsheet programs read names such as "Andi Makkasau" and "Jalan Poros
 * Balandai – RT 02" correctly.
 */
export function tableToCsv(table: Pick<Table, 'columns' | 'rows'>): string {
  const lines = [table.columns.map((c) => csvCell(c.header)), ...table.rows.map((row) => row.map(csvCell))];
  return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}

/** The first and last office-local day of `YYYY-MM`. */
export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { first: formatYmd(y, m, 1), last: formatYmd(y, m, daysInMonth(y, m)) };
}

export interface MonthRow {
  readonly case: Case;
  readonly sessions: number;
  readonly outcomes: Readonly<Record<SessionOutcome, number>>;
  /** Hours credited by the month's sessions (only verified sessions credit). */
  readonly hoursCredited: number;
  /** Sessions of the month still waiting for the PK's verification. */
  readonly unverified: number;
}

export interface MonthReport {
  readonly month: string;
  readonly rows: readonly MonthRow[];
  readonly totals: Omit<MonthRow, 'case'> & { readonly cases: number };
}

const noOutcomes = (): Record<SessionOutcome, number> => ({
  attended: 0,
  partial: 0,
  excused_absence: 0,
  unexcused_absence: 0,
});

/**
 * The monthly office report: per case, the sessions dated in `month` by outcome, the hours they
 * credited and how many still await verification; cases without a session that month are left out.
 */
export function monthlyReport(
  entries: readonly { case: Case; sessions: readonly WorkSession[] }[],
  month: string,
): MonthReport {
  const { first, last } = monthBounds(month);
  const rows: MonthRow[] = [];
  for (const entry of entries) {
    const inMonth = entry.sessions.filter((s) => s.date >= first && s.date <= last);
    if (inMonth.length === 0) continue;
    const outcomes = noOutcomes();
    for (const s of inMonth) outcomes[s.outcome] += 1;
    rows.push({
      case: entry.case,
      sessions: inMonth.length,
      outcomes,
      hoursCredited: roundHours(inMonth.reduce((sum, s) => sum + s.hoursCredited, 0)),
      unverified: inMonth.filter((s) => !s.verified).length,
    });
  }
  rows.sort((a, b) => a.case.client.fullName.localeCompare(b.case.client.fullName));
  const totals = {
    cases: rows.length,
    sessions: rows.reduce((sum, r) => sum + r.sessions, 0),
    outcomes: rows.reduce((sum, r) => {
      for (const key of Object.keys(sum) as SessionOutcome[]) sum[key] += r.outcomes[key];
      return sum;
    }, noOutcomes()),
    hoursCredited: roundHours(rows.reduce((sum, r) => sum + r.hoursCredited, 0)),
    unverified: rows.reduce((sum, r) => sum + r.unverified, 0),
  };
  return { month, rows, totals };
}

/** Whether a newest-first session page has reached back before the month (no need to read on). */
export function reachedBefore(sessions: readonly WorkSession[], month: string): boolean {
  const oldest = sessions.at(-1);
  return oldest !== undefined && oldest.date < monthBounds(month).first;
}

const roundHours = (hours: number) => Math.round(hours * 100) / 100;

/** `abdi-kasus-bapas-palopo-2026-11-28.csv`: ASCII only, safe on every file system. */
export function exportFileName(parts: readonly string[], extension: 'csv' | 'xlsx'): string {
  const slug = parts
    .join('-')
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `${slug}.${extension}`;
}
