import { CASE_STATUSES, localDateOf, officeLocalNow, type CaseStatus } from '../../domain';
import type { RegionGrant } from '../../identity/grant';
import type { Office } from '../../domain/office';
import type { PageRequest } from '../../store/paging';
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
  /** The page's offices, in the order of their ids. */
  readonly offices: readonly RegionalOfficeFigures[];
  /**
   * The offices' figures summed, only when this answer is the whole region (the first page and the
   * last). A total over many pages would need every page read in one request, which is what paging
   * avoids; a running per-region counter cannot hold the due-soon and off-track counts (they depend
   * on each office's today) and would be one hot item written by every office. Whoever follows the
   * cursor adds the pages up (the dashboard does).
   */
  readonly totals?: RegionalTotals;
  /** Where the next page starts (the month included, so every page is of one month); none on the last. */
  readonly lastKey?: Record<string, unknown>;
  /** The page's office records (the roll-up reads the Kanwil's letterhead from them). */
  readonly records: readonly Office[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Offices on a page at most: three counter keys an office, so a page's counters are one BatchGet
 * (100 keys at most).
 */
export const REGION_PAGE_MAX = 33;

/** Offices whose two count Queries run at a time: a page's handful at once, a full one in waves. */
const COUNT_CONCURRENCY = 8;

/** Pages the roll-up reads at most: 198 offices, twice Indonesia's 94 Bapas in one region. */
const ROLLUP_MAX_PAGES = 6;

/**
 * The Kanwil's comparison of its region's offices, one page of offices at a time. The month's
 * figures (hours and sessions recorded) are per office-local month; everything else is each
 * office's state today.
 *
 * DynamoDB calls per page grow with the page's offices (at most REGION_PAGE_MAX), never with the
 * region or the caseload: 1 Query of the offices + 1 BatchGet of their running counters + 2 count
 * Queries per office (due soon, off track), the latter at most COUNT_CONCURRENCY offices at a time.
 */
export async function regionalSummary(
  ports: Pick<Ports, 'directory' | 'summary' | 'now'>,
  grant: RegionGrant,
  input: { month?: string | undefined; page?: PageRequest } = {},
): Promise<RegionalSummary> {
  if (input.month !== undefined && !MONTH.test(input.month)) {
    throw refuse.invalid(
      [{ path: 'month', message: 'Use a YYYY-MM month.' }],
      'The request has invalid fields.',
    );
  }
  const { limit = REGION_PAGE_MAX, startKey } = input.page ?? {};
  const resumed = continuation(startKey);
  if (resumed && input.month !== undefined && input.month !== resumed.month) {
    throw refuse.invalid(
      [{ path: 'month', message: `The cursor continues ${resumed.month}: ask for that month, or none.` }],
      'The request has invalid fields.',
    );
  }
  const month = input.month ?? resumed?.month;
  const now = ports.now();
  const page = await ports.directory.pageOfficesInRegion(grant.regionId, {
    limit: Math.min(limit, REGION_PAGE_MAX),
    ...(resumed ? { startKey: resumed.after } : {}),
  });
  const offices = page.items;
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
  const monthOf = (i: number) => month ?? todays[i]!.month;
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
  const shownMonth = month ?? current;
  const whole = !resumed && !page.lastKey;
  return {
    regionId: grant.regionId,
    month: shownMonth,
    offices: figures,
    ...(whole ? { totals: sumFigures(figures) } : {}),
    ...(page.lastKey ? { lastKey: { month: shownMonth, after: page.lastKey } } : {}),
    records: offices,
  };
}

/**
 * Every office of the region, every page read here (the Kanwil's roll-up is one file): bounded by
 * ROLLUP_MAX_PAGES, and refused rather than cut short past it. The offices by name, with their totals.
 */
export async function wholeRegionalSummary(
  ports: Pick<Ports, 'directory' | 'summary' | 'now'>,
  grant: RegionGrant,
  input: { month?: string | undefined } = {},
): Promise<Required<Omit<RegionalSummary, 'lastKey'>>> {
  const pages: RegionalSummary[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    if (pages.length === ROLLUP_MAX_PAGES) {
      throw refuse.conflict(
        `The region has more than ${ROLLUP_MAX_PAGES * REGION_PAGE_MAX} offices: too many for one roll-up.`,
      );
    }
    const page = await regionalSummary(ports, grant, {
      month: input.month,
      page: { limit: REGION_PAGE_MAX, ...(startKey ? { startKey } : {}) },
    });
    pages.push(page);
    startKey = page.lastKey;
  } while (startKey);
  const byName = <T extends { name: string }>(items: T[]) =>
    items.sort((a, b) => a.name.localeCompare(b.name));
  const offices = byName(pages.flatMap((page) => [...page.offices]));
  return {
    regionId: grant.regionId,
    month: pages[0]!.month,
    offices,
    totals: sumFigures(offices),
    records: byName(pages.flatMap((page) => [...page.records])),
  };
}

/** The month and the offices' key a cursor carries; undefined without one (or with a foreign one). */
function continuation(
  startKey: Record<string, unknown> | undefined,
): { month: string; after: Record<string, unknown> } | undefined {
  if (!startKey) return undefined;
  const { month, after } = startKey as { month?: unknown; after?: unknown };
  if (typeof month !== 'string' || !MONTH.test(month) || typeof after !== 'object' || after === null) {
    throw refuse.invalid([{ path: 'cursor', message: 'This cursor is not valid for this list.' }]);
  }
  return { month, after: after as Record<string, unknown> };
}

/** Figures summed: a whole region or any set of its offices. */
export function sumFigures(offices: readonly RegionalOfficeFigures[]): RegionalTotals {
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
