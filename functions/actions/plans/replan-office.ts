import type { Office } from '../../domain';
import type { Ports } from '../ports';
import { replanCase, type FeasibilityChangeListener } from './replan-cases';
import type { ReplanWorkerPorts } from './worker-ports';

/** What the sweep needs: the re-planner's ports, and the office's open cases page by page. */
export type SweepPorts = Omit<ReplanWorkerPorts, 'cases' | 'directory' | 'slots'> & {
  readonly cases: Pick<Ports['cases'], 'list' | 'writePlan'>;
  readonly slots: Pick<Ports['slots'], 'loadBetween' | 'ofClient'>;
};

export interface SweepReport {
  readonly replanned: number;
  /** Cases that moved while being planned: their own change re-plans them. */
  readonly stale: number;
}

/** Open cases read per page, and planned side by side within a page: a handful of reads each. */
const PAGE = 100;
const SIDE_BY_SIDE = 8;

/**
 * The nightly sweep (issue 15): every open case of the office planned again, once a day, before the
 * office opens. Re-planning after a change (replan-cases.ts) misses the one change that leaves no audit
 * entry: time passing. A case whose slack runs out only because days went by turns at risk or impossible
 * here, reaches needs-action, and its PK and the office's admins are alerted (the listener), while there
 * is still time to ask the jaksa for a decision. It also picks up what changes many cases at once without
 * naming them: an office holiday added, a site's capacity lowered, a site's load moved by another case.
 *
 * Pages through the open-case listing (the `due` index) and writes each plan as the stream's re-planner
 * does, conditioned on what it planned from, so the two may run at once without either overwriting a
 * newer plan.
 */
export async function replanOpenCases(
  ports: SweepPorts,
  office: Office,
  onFeasibilityChange?: FeasibilityChangeListener,
): Promise<SweepReport> {
  let [replanned, stale] = [0, 0];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ports.cases.list(office.id, {}, { limit: PAGE, startKey });
    for (let i = 0; i < page.items.length; i += SIDE_BY_SIDE) {
      const written = await Promise.all(
        page.items
          .slice(i, i + SIDE_BY_SIDE)
          .map(async (record) => (await replanCase(ports, office, record, onFeasibilityChange)).written),
      );
      replanned += written.filter(Boolean).length;
      stale += written.filter((w) => !w).length;
    }
    startKey = page.lastKey;
  } while (startKey);
  return { replanned, stale };
}
