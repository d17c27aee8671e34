/**
 * The Kanwil's comparison of the offices of its region, from the region's summary
 * (`GET /v1/regions/{regionId}/summary`, paged: `readRegion` follows its cursor). Unit-tested in
 * test/unit/web/regional.test.ts.
 */
import type { Me } from './me';
import type { RegionalSummary } from './api-types';

/** One office of the region: its state today and the month's hours and sessions. */
export type RegionRow = RegionalSummary['offices'][number];
export type RegionFigures = NonNullable<RegionalSummary['totals']>;

/** The regions the user reads as Kanwil (normally one), as the region routes name them. */
export function kanwilRegions(me: Pick<Me, 'roles'>): string[] {
  const ids = me.roles.flatMap((r) => (r.role === 'regional' && r.regionId ? [r.regionId] : []));
  return [...new Set(ids)];
}

export function isRegional(me: Pick<Me, 'roles'>): boolean {
  return me.roles.some((r) => r.role === 'regional');
}

/**
 * A page of the region's summary, for `month` (`YYYY-MM`) when one is chosen, else the current month;
 * `cursor` continues a page (it carries the first page's month, so `month` is left out with it).
 */
export function regionalSummaryPath(regionId: string, month?: string, cursor?: string): string {
  const path = `/v1/regions/${encodeURIComponent(regionId)}/summary`;
  const query = new URLSearchParams(cursor ? { cursor } : month ? { month } : {}).toString();
  return query ? `${path}?${query}` : path;
}

/** Pages the dashboard follows at most: 33 offices a page, far past any Kanwil's. */
const MAX_PAGES = 20;

/**
 * The whole region: the first page, then each next one by its cursor, one request at a time (never
 * one per office). The totals are the server's when the region is one page, else the pages' rows
 * added up here.
 */
export async function readRegion(
  get: (path: string) => Promise<RegionalSummary>,
  regionId: string,
  month?: string,
): Promise<RegionalSummary & { totals: RegionFigures }> {
  const first = await get(regionalSummaryPath(regionId, month));
  const offices = [...first.offices];
  let cursor = first.nextCursor;
  for (let pages = 1; cursor; pages++) {
    if (pages >= MAX_PAGES)
      throw new Error(`The region ${regionId} has more than ${MAX_PAGES} pages of offices.`);
    const page = await get(regionalSummaryPath(regionId, undefined, cursor));
    offices.push(...page.offices);
    cursor = page.nextCursor;
  }
  return { ...first, offices, nextCursor: null, totals: first.totals ?? sumFigures(offices) };
}

/**
 * The region's monthly roll-up as a file (`GET /v1/regions/{regionId}/report`): the Rekapitulasi
 * Wilayah as PDF, or its figures as XLSX, for `month` (`YYYY-MM`).
 */
export function regionalReportPath(regionId: string, month: string, format: 'pdf' | 'xlsx'): string {
  const query = new URLSearchParams({ month, format });
  return `/v1/regions/${encodeURIComponent(regionId)}/report?${query.toString()}`;
}

/** The file name when the answer names none (the server's: `rekap-<region>-<month>.<format>`). */
export const regionalReportFileName = (regionId: string, month: string, format: 'pdf' | 'xlsx'): string =>
  `rekap-${regionId.replace(/[^A-Za-z0-9_-]/g, '_')}-${month}.${format}`;

/**
 * The rows of every region the user reads (by name) and their totals: each region's (the server's,
 * or its pages added up by `readRegion`), added up when a person is Kanwil of more than one region.
 */
export function combineRegions(
  summaries: readonly { offices: readonly RegionRow[]; totals: RegionFigures }[],
): {
  rows: RegionRow[];
  totals: RegionFigures;
} {
  const rows = summaries.flatMap((s) => s.offices).sort((a, b) => a.name.localeCompare(b.name));
  return { rows, totals: sumFigures(summaries.map((s) => s.totals)) };
}

/** Figures added up: offices' rows into a region's, or regions' into a person's. */
function sumFigures(all: readonly RegionFigures[]): RegionFigures {
  const sum = (pick: (t: RegionFigures) => number) => all.reduce((n, t) => n + pick(t), 0);
  const statuses = [...new Set(all.flatMap((t) => Object.keys(t.casesByStatus)))];
  return {
    casesByStatus: Object.fromEntries(
      statuses.map((status) => [
        status,
        sum((t) => t.casesByStatus[status as keyof typeof t.casesByStatus] ?? 0),
      ]),
    ) as RegionFigures['casesByStatus'],
    openCases: sum((t) => t.openCases),
    hoursCreditedInMonth: Math.round(sum((t) => t.hoursCreditedInMonth) * 100) / 100,
    sessionsInMonth: sum((t) => t.sessionsInMonth),
    openWarnings: sum((t) => t.openWarnings),
    casesDueIn30Days: sum((t) => t.casesDueIn30Days),
    casesOffTrack: sum((t) => t.casesOffTrack),
  };
}

/** Off-track cases as a share of open cases, in whole percent (0 when there are none). */
export function offTrackShare(figures: Pick<RegionFigures, 'casesOffTrack' | 'openCases'>): number {
  return figures.openCases > 0 ? Math.round((figures.casesOffTrack / figures.openCases) * 100) : 0;
}
