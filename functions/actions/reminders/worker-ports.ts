import type { SweepPorts } from '../plans/replan-office';
import type { Ports } from '../ports';
import type { Messaging } from './message-channel';

/**
 * What the timed jobs need (the nightly re-plan's ports among them) (platform/reminder-workers.ts builds it): the offices of a zone, the
 * office's people (PKs, admins, supervisors and their emails), the day's slots with their cases,
 * clients and sites, the reminder log, the channels and the clock. Nothing of the API's identity,
 * evidence or webhooks.
 */
export interface ReminderWorkerPorts extends Omit<SweepPorts, 'cases' | 'slots' | 'sites'> {
  readonly directory: Pick<Ports['directory'], 'listOfficesInZone'>;
  readonly users: Pick<Ports['users'], 'list'>;
  readonly clients: Pick<Ports['clients'], 'getMany'>;
  readonly cases: Pick<Ports['cases'], 'getMany' | 'list' | 'writePlan'>;
  readonly sites: Ports['sites'];
  readonly slots: Pick<Ports['slots'], 'ofOfficeDay' | 'ofOfficeRange' | 'loadBetween' | 'ofClient'>;
  readonly reminders: Pick<Ports['reminders'], 'claim' | 'mark' | 'record'>;
  readonly messaging: Messaging;
  readonly now: () => Date;
}

/** What one job did for one office (or, summed, for a zone): counts only, never who. */
export interface ReminderReport {
  /** Messages the channel accepted. */
  readonly sent: number;
  /** Reminders logged as failed: refused by the channel, or not sendable (no SMS, no phone, …). */
  readonly failed: number;
  /** Reminders another run had claimed already: not sent again. */
  readonly skipped: number;
}

export const EMPTY_REPORT: ReminderReport = { sent: 0, failed: 0, skipped: 0 };

export const addReports = (a: ReminderReport, b: ReminderReport): ReminderReport => ({
  sent: a.sent + b.sent,
  failed: a.failed + b.failed,
  skipped: a.skipped + b.skipped,
});
