/**
 * The Kanwil's comparison of the offices of its region, from each office's `/summary`. Pure,
 * unit-tested in test/unit/web/regional.test.ts.
 */
import type { Me, Office } from './me';
import type { Summary } from './api-types';

/** The offices the user reads as `regional` (a Kanwil grant covers every office of its region). */
export function regionalOffices(me: Pick<Me, 'roles' | 'offices'>): Office[] {
  const ids = new Set(me.roles.filter((r) => r.role === 'regional').map((r) => r.officeId));
  return me.offices.filter((o) => ids.has(o.id));
}

export function isRegional(me: Pick<Me, 'roles'>): boolean {
  return me.roles.some((r) => r.role === 'regional');
}

export interface RegionRow {
  readonly office: Office;
  /** Null while loading; an error message when the office's summary failed. */
  readonly summary: Summary | null;
  readonly error?: string | undefined;
}

export interface RegionTotals {
  readonly openCases: number;
  readonly activeCases: number;
  readonly hoursCreditedThisMonth: number;
  readonly casesOffTrack: number;
  readonly casesDueIn30Days: number;
  readonly openWarnings: number;
  /** How many offices the totals cover (those whose summary arrived). */
  readonly offices: number;
}

export function regionTotals(rows: readonly RegionRow[]): RegionTotals {
  const loaded = rows.flatMap((r) => (r.summary ? [r.summary] : []));
  const sum = (pick: (s: Summary) => number) => loaded.reduce((total, s) => total + pick(s), 0);
  return {
    openCases: sum((s) => s.openCases),
    activeCases: sum((s) => s.casesByStatus.active ?? 0),
    hoursCreditedThisMonth: Math.round(sum((s) => s.hoursCreditedThisMonth) * 100) / 100,
    casesOffTrack: sum((s) => s.casesOffTrack),
    casesDueIn30Days: sum((s) => s.casesDueIn30Days),
    openWarnings: sum((s) => s.openWarnings),
    offices: loaded.length,
  };
}

/** Off-track cases as a share of open cases, in whole percent (0 when there are none). */
export function offTrackShare(summary: Pick<Summary, 'casesOffTrack' | 'openCases'>): number {
  return summary.openCases > 0 ? Math.round((summary.casesOffTrack / summary.openCases) * 100) : 0;
}
