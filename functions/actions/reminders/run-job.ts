import type { Office, OfficeTimeZone } from '../../domain';
import { replanOpenCases, type SweepReport } from '../plans/replan-office';
import { feasibilityAlerts } from './alert-feasibility';
import { sendDayBefore } from './send-day-before';
import { sendEndOfDay } from './send-end-of-day';
import { sendWeeklyDigest } from './send-weekly-digest';
import { addReports, EMPTY_REPORT, type ReminderReport, type ReminderWorkerPorts } from './worker-ports';

/**
 * The nightly re-plan of every open case (replan-office.ts), alerting as the stream's re-planner does:
 * its report counts the cases planned, and the alerts that failed (the sweep never stops for them).
 */
async function replanSweep(
  ports: ReminderWorkerPorts,
  office: Office,
): Promise<ReminderReport & SweepReport> {
  let failed = 0;
  // A deployment without channels re-plans and flags all the same; it has no one to alert.
  const alert = ports.messaging.email
    ? feasibilityAlerts(
        () => ports,
        () => (failed += 1),
      )
    : undefined;
  const sweep = await replanOpenCases(ports, office, alert);
  return { ...EMPTY_REPORT, failed, ...sweep };
}

export const REMINDER_JOBS = {
  'replan-sweep': replanSweep,
  'day-before': sendDayBefore,
  'end-of-day': sendEndOfDay,
  'weekly-digest': sendWeeklyDigest,
} as const satisfies Record<string, (ports: ReminderWorkerPorts, office: Office) => Promise<ReminderReport>>;

export type ReminderJob = keyof typeof REMINDER_JOBS;

export interface JobReport extends ReminderReport, Partial<SweepReport> {
  readonly offices: number;
  /** Offices whose run threw (a store outage, a bug): the others ran all the same. */
  readonly failedOffices: number;
}

/**
 * One timed run (ADR 0014): the job for every office in the time zone, one office after another. An
 * office whose run fails does not stop the others; the run reports how many failed, and its reminders
 * already claimed stay claimed, so the scheduler's retry sends only what was not sent.
 */
export async function runReminderJob(
  ports: ReminderWorkerPorts,
  job: ReminderJob,
  timeZone: OfficeTimeZone,
  onOfficeError: (officeId: string, error: unknown) => void = () => undefined,
): Promise<JobReport> {
  const offices = await ports.directory.listOfficesInZone(timeZone);
  let report = EMPTY_REPORT;
  let failedOffices = 0;
  let sweep: SweepReport = { replanned: 0, stale: 0 };
  for (const office of offices) {
    try {
      const counts: ReminderReport & Partial<SweepReport> = await REMINDER_JOBS[job](ports, office);
      report = addReports(report, counts);
      if (counts.replanned !== undefined) {
        sweep = { replanned: sweep.replanned + counts.replanned, stale: sweep.stale + (counts.stale ?? 0) };
      }
    } catch (error) {
      failedOffices += 1;
      onOfficeError(office.id, error);
    }
  }
  return { ...report, ...(job === 'replan-sweep' ? sweep : {}), offices: offices.length, failedOffices };
}
