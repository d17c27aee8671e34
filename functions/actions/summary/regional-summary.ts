import { CASE_STATUSES, localDateOf, officeLocalNow, type CaseStatus } from '../../domain';
import type { RegionGrant } from '../../identity/grant';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { openCasesIn, workListCounts } from './office-summary';

/** One office's figures: its state today, and what was recorded in the month. */
export interface RegionalOfficeFigures {
  readonly officeId: string;
  readonly name: string;
  /** Today in the office's own time zone: the day the state figures (cases, warnings, due, off track) are of. */
  readonly asOf: string;
  readonly casesByStatus: Readonly<Record<CaseStatus, number>>;
  readonly openCases: number;
  /** Minutes credited by sessions recorded in the month (by the office's clock). */
  readonly creditedMinutesInMonth: number;
  /** Sessions recorded in the month; a session counts once, however often it is edited. */
  readonly sessionsInMonth: number;
  readonly openWarnings: number;
  /** Open cases due within DUE_WITHIN_DAYS of `asOf`, overdue included. */
  readonly casesDueSoon: number;
  readonly casesOffTrack: number;
}

export type RegionalTotals = Omit<RegionalOfficeFigures, 'officeId' | 'name' | 'asOf'>;

export interface RegionalSummary {
  readonly regionId: string;
  /** The month asked for, or by default the current one (the latest among the offices' zones). */
  readonly month: string;
  /** The region's offices by name. */
  readonly offices: readonly RegionalOfficeFigures[];
  /** The offices' figures summed. */
  readonly totals: RegionalTotals;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Offices whose two count Queries run at a time: a region's handful at once, a large one in waves. */
const COUNT_CONCURRENCY = 8;

/**
 * The Kanwil's comparison of its region's offices, in one request. The month's figures (hours and
 * sessions recorded) are per office-local month; everything else is each office's state today.
 *
 * DynamoDB calls grow with the region's offices (a handful; Indonesia has some ninety Bapas in all),
 * never with their caseload: 1 Query of the offices + ceil(3N / 100) BatchGets of the running counters
 * + 2N count-only Queries (due soon, off track), the latter at most COUNT_CONCURRENCY offices at a time.
 */
export async function regionalSummary(
  ports: Pick<Ports, 'directory' | 'summary' | 'now'>,
  grant: RegionGrant,
  input: { month?: string | undefined } = {},
): Promise<RegionalSummary> {
  if (input.month !== undefined && !MONTH.test(input.month)) {
    throw refuse.invalid(
      [{ path: 'month', message: 'Use a YYYY-MM month.' }],
      'The request has invalid fields.',
    );
  }
  const now = ports.now();
  const offices = await ports.directory.listOfficesInRegion(grant.regionId);
  const todays = offices.map((office) => officeLocalNow(office, now));
  // The region's current month: its offices' latest (a province lies in one zone, so they agree); with
  // no office, Indonesia's easternmost zone, the first to begin a month.
  const current =
    todays
      .map((t) => t.month)
      .sort()
      .at(-1) ?? latestMonthInIndonesia(now);
  if (input.month !== undefined && input.month > current) {
    throw refuse.invalid(
      [{ path: 'month', message: `The month has not begun yet: the latest is ${current}.` }],
      'The request has invalid fields.',
    );
  }
  const monthOf = (i: number) => input.month ?? todays[i]!.month;
  const [counters, workLists] = await Promise.all([
    ports.summary.countersOf(offices.map((office, i) => ({ officeId: office.id, month: monthOf(i) }))),
    mapLimited(offices, COUNT_CONCURRENCY, (office, i) => workListCounts(ports, office.id, todays[i]!.today)),
  ]);
  const figures = offices.map((office, i): RegionalOfficeFigures => {
    const c = counters[i]!;
    return {
      officeId: office.id,
      name: office.name,
      asOf: todays[i]!.today,
      casesByStatus: c.casesByStatus,
      openCases: openCasesIn(c.casesByStatus),
      creditedMinutesInMonth: c.creditedMinutesInMonth,
      sessionsInMonth: c.sessionsInMonth,
      openWarnings: c.openWarnings,
      ...workLists[i]!,
    };
  });
  return { regionId: grant.regionId, month: input.month ?? current, offices: figures, totals: sum(figures) };
}

function sum(offices: readonly RegionalOfficeFigures[]): RegionalTotals {
  const total = (pick: (o: RegionalOfficeFigures) => number) => offices.reduce((n, o) => n + pick(o), 0);
  return {
    casesByStatus: Object.fromEntries(
      CASE_STATUSES.map((s) => [s, total((o) => o.casesByStatus[s])]),
    ) as Record<CaseStatus, number>,
    openCases: total((o) => o.openCases),
    creditedMinutesInMonth: total((o) => o.creditedMinutesInMonth),
    sessionsInMonth: total((o) => o.sessionsInMonth),
    openWarnings: total((o) => o.openWarnings),
    casesDueSoon: total((o) => o.casesDueSoon),
    casesOffTrack: total((o) => o.casesOffTrack),
  };
}

const latestMonthInIndonesia = (now: Date) => localDateOf(now, 'Asia/Jayapura').slice(0, 7);

/** `fn` over `items`, at most `limit` at a time, answers in the order of `items`. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
