import type { Office, OfficeTimeZone } from '../../domain';
import type { Ports } from '../ports';
import { endExpiredPlacements, type ExpiryPorts, type ExpiryReport } from '../placements/end-expired';

/**
 * What the nightly housekeeping needs (platform/housekeeping-workers.ts builds it): the offices of a
 * zone, the cases and placements it ends, and the clock. Nothing of identity, evidence, reminders or
 * webhooks, so its bundle and its rights stay small.
 */
export type HousekeepingPorts = ExpiryPorts & {
  readonly directory: Pick<Ports['directory'], 'listOfficesInZone'>;
};

export interface HousekeepingReport extends ExpiryReport {
  readonly offices: number;
  /** Offices whose run threw (a store outage, a bug): the others ran all the same. */
  readonly failedOffices: number;
}

/**
 * One nightly run for the offices of one time zone (issue 16, item 7), one office after another:
 * placements past their last day are ended and their sites' places given back (`endExpiredPlacements`).
 *
 * Stale `Idempotency-Key` records need no work here: the idempotency table's TTL (`expiration`, 30 days)
 * deletes them, and since DynamoDB may take days to, the API treats a record past its `expiration` as
 * absent (store/idempotency.ts), so how late the deletion comes never shows.
 */
export async function runHousekeeping(
  ports: HousekeepingPorts,
  timeZone: OfficeTimeZone,
  onOfficeError: (officeId: string, error: unknown) => void = () => undefined,
): Promise<HousekeepingReport> {
  const offices: readonly Office[] = await ports.directory.listOfficesInZone(timeZone);
  let report: ExpiryReport = { ended: 0, skipped: 0, failed: 0 };
  let failedOffices = 0;
  for (const office of offices) {
    try {
      const counts = await endExpiredPlacements(ports, office);
      report = {
        ended: report.ended + counts.ended,
        skipped: report.skipped + counts.skipped,
        failed: report.failed + counts.failed,
      };
    } catch (error) {
      failedOffices += 1;
      onOfficeError(office.id, error);
    }
  }
  return { ...report, offices: offices.length, failedOffices };
}
