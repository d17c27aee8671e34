import type { Office, OfficeTimeZone } from '../../domain';
import type { Ports } from '../ports';
import { endExpiredPlacements, type ExpiryPorts, type ExpiryReport } from '../placements/end-expired';
import { applyRetention, EMPTY_RETENTION_REPORT, type RetentionReport } from '../retention/apply-retention';
import type { RetentionPorts } from '../retention/retention-ports';

/**
 * What the nightly housekeeping needs (platform/housekeeping-workers.ts builds it): the offices of a
 * zone, the cases and placements it ends, and the clock. Nothing of identity, evidence, reminders or
 * webhooks, so its bundle and its rights stay small.
 */
export type HousekeepingPorts = ExpiryPorts &
  RetentionPorts & {
    readonly directory: Pick<Ports['directory'], 'listOfficesInZone'>;
  };

export interface HousekeepingReport extends ExpiryReport {
  readonly offices: number;
  /** Offices whose run threw (a store outage, a bug): the others ran all the same. */
  readonly failedOffices: number;
  /** The retention schedule's run (issue 17, ADR 0020), summed over the offices. */
  readonly retention: RetentionReport;
}

/**
 * One nightly run for the offices of one time zone (issue 16, item 7), one office after another:
 * placements past their last day are ended and their sites' places given back (`endExpiredPlacements`),
 * then the retention schedule is applied to the office's closed cases (`applyRetention`, issue 17).
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
  let retention: RetentionReport = EMPTY_RETENTION_REPORT;
  let failedOffices = 0;
  for (const office of offices) {
    try {
      const counts = await endExpiredPlacements(ports, office);
      report = {
        ended: report.ended + counts.ended,
        skipped: report.skipped + counts.skipped,
        failed: report.failed + counts.failed,
      };
      const kept = await applyRetention(ports, office);
      retention = {
        cases: retention.cases + kept.cases,
        locked: retention.locked + kept.locked,
        steps: retention.steps + kept.steps,
        held: retention.held + kept.held,
        failed: retention.failed + kept.failed,
      };
    } catch (error) {
      failedOffices += 1;
      onOfficeError(office.id, error);
    }
  }
  return { ...report, offices: offices.length, failedOffices, retention };
}
