import { officeToday, placementEndDate, siteAfterEnding, type Office } from '../../domain';
import type { PlacementRecord } from '../../store/placement-store';
import type { Ports } from '../ports';
import { retryCaseChange } from '../cases/case-change';
import { PLACEMENT_RACE } from './site-of-placement';

/** Who ends a placement whose last day has passed, in the audit trail: the nightly job, not a person. */
export const HOUSEKEEPING_ACTOR = 'system:housekeeping';

/** Placements read per page of the office's listing. */
const PAGE = 100;

export type ExpiryPorts = {
  readonly cases: Pick<Ports['cases'], 'get'>;
  readonly placements: Pick<Ports['placements'], 'pastUntil' | 'list' | 'end'>;
  readonly now: () => Date;
};

export interface ExpiryReport {
  /** Placements ended by this run: their sites have their places back. */
  readonly ended: number;
  /** Listed, but ended meanwhile (by a person, or an earlier run): nothing to do. */
  readonly skipped: number;
  /** Could not be ended (the case kept changing, or is gone): the next night tries again. */
  readonly failed: number;
}

/**
 * The nightly housekeeping of one office (issue 16, item 7): every active placement whose last day
 * (`until`) lies before the office's today is ended as of that day and gives its places back to its
 * site, exactly as `DELETE /placements/{id}` would (store `end`: the placement, the site's per-weekday
 * occupancy, the case's current site and the audit entry in one transaction), with the audit entry's
 * actor `system:housekeeping`. Without it an expired placement kept its site's places forever.
 *
 * Finds them with one Query per page of the sparse active-placements listing, never the whole table. Running twice
 * changes nothing: an ended placement leaves the listing in its own transaction, and one listed but
 * already ended (the index lags a moment) is read again from its case and skipped. A placement that
 * fails does not stop the others. The audit entry reaches the stream like any other, so the re-planner
 * releases the placement's void slots and partners get `placement.ended`.
 */
export async function endExpiredPlacements(ports: ExpiryPorts, office: Office): Promise<ExpiryReport> {
  const now = ports.now();
  const today = officeToday(office, now);
  let [ended, skipped, failed] = [0, 0, 0];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ports.placements.pastUntil(office.id, today, { limit: PAGE, startKey });
    for (const listed of page.items) {
      try {
        if (await endOne(ports, office.id, listed, today, now)) ended += 1;
        else skipped += 1;
      } catch {
        failed += 1;
      }
    }
    startKey = page.lastKey;
  } while (startKey);
  return { ended, skipped, failed };
}

/** Ends one listed placement on its own `until`, read again from its case; false when nothing was due. */
async function endOne(
  ports: ExpiryPorts,
  officeId: string,
  listed: PlacementRecord,
  today: string,
  now: Date,
): Promise<boolean> {
  return retryCaseChange(PLACEMENT_RACE, async () => {
    const current = await ports.cases.get(officeId, listed.caseId);
    if (!current) throw new Error('placement without its case');
    const all = (await ports.placements.list(officeId, listed.caseId)).items;
    const placement = all.find((p) => p.id === listed.id);
    if (!placement || placement.status !== 'active' || placement.until >= today) return false;
    // Today is after the period, so the end is the placement's own last day: `until` does not move.
    const endOn = placementEndDate(placement, today);
    if (!endOn.ok) return false;
    const ending: PlacementRecord = {
      ...placement,
      until: endOn.value,
      status: 'ended',
      endedAt: now.toISOString(),
    };
    const { currentSiteId: _previous, ...rest } = current;
    const siteId = siteAfterEnding(current.currentSiteId, placement, all);
    const next =
      siteId === current.currentSiteId ? current : { ...rest, ...(siteId ? { currentSiteId: siteId } : {}) };
    await ports.placements.end(current, next, placement, ending, {
      actor: HOUSEKEEPING_ACTOR,
      at: now,
      // Shown on the case timeline, which office staff read in Bahasa Indonesia.
      reason: `Hari terakhir penempatan (${placement.until}) telah lewat.`,
    });
    return true;
  });
}
