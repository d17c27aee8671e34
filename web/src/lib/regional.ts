/**
 * The Kanwil's comparison of the offices of its region, from the region's one summary
 * (`GET /v1/regions/{regionId}/summary`). Pure, unit-tested in test/unit/web/regional.test.ts.
 */
import type { Me } from './me';
import type { RegionalSummary } from './api-types';

/** One office of the region: its state today and the month's hours and sessions. */
export type RegionRow = RegionalSummary['offices'][number];
export type RegionFigures = RegionalSummary['totals'];

/** The regions the user reads as Kanwil (normally one), as the region routes name them. */
export function kanwilRegions(me: Pick<Me, 'roles'>): string[] {
  const ids = me.roles.flatMap((r) => (r.role === 'regional' && r.regionId ? [r.regionId] : []));
  return [...new Set(ids)];
}

export function isRegional(me: Pick<Me, 'roles'>): boolean {
  return me.roles.some((r) => r.role === 'regional');
}

/** The region's summary, for `month` (`YYYY-MM`) when one is chosen, else the current month. */
export function regionalSummaryPath(regionId: string, month?: string): string {
  const path = `/v1/regions/${encodeURIComponent(regionId)}/summary`;
  return month ? `${path}?month=${encodeURIComponent(month)}` : path;
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
 * The rows of every region the user reads (by name) and their totals: the server's, added up when a
 * person is Kanwil of more than one region.
 */
export function combineRegions(summaries: readonly RegionalSummary[]): {
  rows: RegionRow[];
  totals: RegionFigures;
} {
  const rows = summaries.flatMap((s) => s.offices).sort((a, b) => a.name.localeCompare(b.name));
  const sum = (pick: (t: RegionFigures) => number) => summaries.reduce((n, s) => n + pick(s.totals), 0);
  const statuses = [...new Set(summaries.flatMap((s) => Object.keys(s.totals.casesByStatus)))];
  return {
    rows,
    totals: {
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
    },
  };
}

/** Off-track cases as a share of open cases, in whole percent (0 when there are none). */
export function offTrackShare(figures: Pick<RegionFigures, 'casesOffTrack' | 'openCases'>): number {
  return figures.openCases > 0 ? Math.round((figures.casesOffTrack / figures.openCases) * 100) : 0;
}
