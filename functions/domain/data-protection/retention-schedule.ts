/**
 * The retention schedule (UU 27/2022 Pasal 43-44 with the archives law, UU 43/2009): how long each type
 * of record Abdi holds is kept after the case it belongs to is closed, and what happens to it then.
 * Why each default is what it is: docs/adr/0020-retention-schedule.md. A deployment may change any
 * period in its configuration (infra/config, `retention.schedule`); the defaults here are what local
 * mode and an unconfigured deployment use.
 *
 * Every period counts from the closure of the case (status `closed`): nothing about an open case is ever
 * due. A client's own record counts from the closure of their last case, because a person with an open
 * case is still being served.
 */

/** The record types the schedule covers, in the order the dry run and the ADR list them. */
export const RETENTION_RECORD_TYPES = [
  'case',
  'client',
  'guardian',
  'evidence',
  'thumbnails',
  'audit',
  'accessLogs',
  'exports',
] as const;
export type RetentionRecordType = (typeof RETENTION_RECORD_TYPES)[number];

/**
 * What happens at the end of a period: `delete` removes the record; `anonymise` keeps a record with
 * nothing that identifies the person (counts and dates for the office's statistics and the archive).
 */
export type RetentionAction = 'delete' | 'anonymise';

export interface RetentionPeriod {
  /** Days after the closure (the case's, or for `client` the last case's) that the record is kept. */
  readonly days: number;
  readonly then: RetentionAction;
}

export type RetentionSchedule = Readonly<Record<RetentionRecordType, RetentionPeriod>>;

/** The whole schedule a deployment runs with: the periods and how far ahead the dry run looks. */
export interface RetentionSettings {
  readonly schedule: RetentionSchedule;
  /** The dry run lists what ends within this many days, so an office sees it before it happens. */
  readonly noticeDays: number;
}

const YEAR = 365;

/**
 * The defaults (ADR 0020). In short: the case file 10 years (an archive of a criminal sentence's
 * execution, as long as its issued documents are locked); photos and files, and their thumbnails, 5 years
 * (past any challenge to the hours; a thumbnail identifies the person as well as the photo does, and sits
 * under the same upload lock); a guardian's details 2 years (a third party, needed only while the child is
 * served); read logs 2 years; exports 30 days (a copy handed to a person).
 */
export const DEFAULT_RETENTION_SCHEDULE: RetentionSchedule = {
  case: { days: 10 * YEAR, then: 'anonymise' },
  client: { days: 10 * YEAR, then: 'anonymise' },
  guardian: { days: 2 * YEAR, then: 'delete' },
  evidence: { days: 5 * YEAR, then: 'delete' },
  thumbnails: { days: 5 * YEAR, then: 'delete' },
  audit: { days: 10 * YEAR, then: 'delete' },
  accessLogs: { days: 2 * YEAR, then: 'delete' },
  exports: { days: 30, then: 'delete' },
};

export const DEFAULT_RETENTION_SETTINGS: RetentionSettings = {
  schedule: DEFAULT_RETENTION_SCHEDULE,
  noticeDays: 30,
};
