import { breachClock, type BreachStatus } from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { BreachRecord, BreachSummary } from '../../store/breach-store';
import type { Ports } from '../ports';
import { found } from '../refusal';

export type { BreachRecord, BreachSummary } from '../../store/breach-store';

/** A breach as an affected office sees it: the record and its 3 × 24-hour clock now. */
export type BreachView = BreachRecord & { readonly clock: ReturnType<typeof breachClock> };
/** An office's copy with its clock, for the register and the home banner. */
export type BreachSummaryView = BreachSummary & { readonly clock: ReturnType<typeof breachClock> };

const NOT_FOUND = 'No such breach names this office.';

/**
 * The breach, if it names the caller's office: an office not named has no copy and gets not-found,
 * as for a record of another office. Both reads come from the guard's read-ahead (no call).
 */
export async function loadBreach(
  ports: Pick<Ports, 'breaches'>,
  grant: OfficeGrant,
  breachId: string,
): Promise<BreachRecord> {
  const [copy, breach] = await Promise.all([
    ports.breaches.getCopy(grant.office.id, breachId),
    ports.breaches.get(breachId),
  ]);
  found(copy, NOT_FOUND);
  return found(breach, NOT_FOUND);
}

export const viewOf = (ports: Pick<Ports, 'now'>, breach: BreachRecord): BreachView => ({
  ...breach,
  clock: breachClock(breach, ports.now()),
});

/** One breach that names the caller's office, with its clock. */
export async function readBreach(
  ports: Pick<Ports, 'breaches' | 'now'>,
  grant: OfficeGrant,
  breachId: string,
): Promise<BreachView> {
  return viewOf(ports, await loadBreach(ports, grant, breachId));
}

/** A page of the breaches that name the office: open ones first, or those of one status. */
export async function findBreaches(
  ports: Pick<Ports, 'breaches' | 'now'>,
  grant: OfficeGrant,
  page: { limit: number; startKey?: Record<string, unknown>; status?: BreachStatus },
) {
  const listed = await ports.breaches.list(grant.office.id, page);
  const now = ports.now();
  return {
    items: listed.items.map((summary): BreachSummaryView => ({
      ...summary,
      clock: breachClock({ ...summary, closing: summary.status === 'closed' || undefined }, now),
    })),
    lastKey: listed.lastKey,
  };
}
