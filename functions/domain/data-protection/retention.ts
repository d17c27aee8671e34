/**
 * What the retention schedule asks of one closed case on a given date (issue 17, ADR 0020): each step
 * the nightly job takes, when it falls due, and whether it is due. Pure: the job and the dry run read
 * the same answer, so what an admin sees in the dry run is what the job will do.
 *
 * Two clocks (PDP-RETENTION-CLOSURE, PDP-RETENTION-CLIENT-HOLD):
 * - the case's own records (its evidence and thumbnails, the reads of them, its audit trail, the case)
 *   count from the closure of this case;
 * - the client's records (their own record, their guardian's details, the reads of their NIK and their
 *   exports, their audit trail) count from the closure of the client's last case: while any case of
 *   the client is open, or not known to be closed, none of them is due.
 */
import { addDays, type LocalDate } from '../calendar';
import type { RetentionAction, RetentionRecordType, RetentionSchedule } from './retention-schedule';

/** The steps, in the order the job takes them (a step never needs what an earlier one removed). */
export const RETENTION_STEPS = [
  'thumbnails',
  'evidence',
  'accessLogs',
  'clientAccessLogs',
  'guardian',
  'audit',
  'clientAudit',
  'case',
  'client',
] as const;
export type RetentionStepId = (typeof RETENTION_STEPS)[number];

/** Whose clock a step runs on. */
export type RetentionScope = 'case' | 'client';

const STEP_TYPE: Readonly<Record<RetentionStepId, { type: RetentionRecordType; scope: RetentionScope }>> = {
  thumbnails: { type: 'thumbnails', scope: 'case' },
  evidence: { type: 'evidence', scope: 'case' },
  accessLogs: { type: 'accessLogs', scope: 'case' },
  clientAccessLogs: { type: 'accessLogs', scope: 'client' },
  guardian: { type: 'guardian', scope: 'client' },
  audit: { type: 'audit', scope: 'case' },
  clientAudit: { type: 'audit', scope: 'client' },
  case: { type: 'case', scope: 'case' },
  client: { type: 'client', scope: 'client' },
};

export interface RetentionStep {
  readonly id: RetentionStepId;
  readonly type: RetentionRecordType;
  readonly scope: RetentionScope;
  readonly action: RetentionAction;
  /** The period in force, in days after the closure its scope counts from. */
  readonly days: number;
  /** The first local date on which the step is due; absent while an open case of the client holds it. */
  readonly dueOn?: LocalDate;
  /** Whether `dueOn` is on or before the as-of date. */
  readonly due: boolean;
}

export interface RetentionQuestion {
  /** This case's closure date (office local date). */
  readonly closedOn: LocalDate;
  /**
   * The closure dates of the client's other cases; `undefined` for one that is open (or not known to be
   * closed), which holds every client step.
   */
  readonly otherCases: readonly (LocalDate | undefined)[];
  readonly schedule: RetentionSchedule;
  /** The office's local date the answer is for (the job: today; the dry run: its through-date). */
  readonly asOf: LocalDate;
}

/** The client's last closure, or undefined while one of their cases is open (PDP-RETENTION-CLIENT-HOLD). */
export function lastClosureOf(closedOn: LocalDate, otherCases: readonly (LocalDate | undefined)[]) {
  let last: LocalDate | undefined = closedOn;
  for (const other of otherCases) {
    if (other === undefined) return undefined;
    if (last !== undefined && other > last) last = other;
  }
  return last;
}

/** Every step for one closed case, in the job's order, with its due date and whether it is due. */
export function retentionSteps(question: RetentionQuestion): RetentionStep[] {
  const lastClosure = lastClosureOf(question.closedOn, question.otherCases);
  return RETENTION_STEPS.map((id) => {
    const { type, scope } = STEP_TYPE[id];
    const period = question.schedule[type];
    const from = scope === 'case' ? question.closedOn : lastClosure;
    const dueOn = from === undefined ? undefined : addDays(from, period.days);
    return {
      id,
      type,
      scope,
      action: period.then,
      days: period.days,
      ...(dueOn ? { dueOn } : {}),
      due: dueOn !== undefined && dueOn <= question.asOf,
    };
  });
}

/**
 * Until when the evidence of a case closed on `closedOn` must be kept, and its Object Lock held: the
 * local date its evidence step falls due (the lock lapses as that date begins in the office's zone).
 */
export const evidenceKeptUntil = (closedOn: LocalDate, schedule: RetentionSchedule): LocalDate =>
  addDays(closedOn, schedule.evidence.days);

/**
 * The latest closure date of a case that can have any step due on `asOf`: a step is due only after
 * its period, and a client step's clock starts no earlier than this case's closure. The job and the
 * dry run read the retention listing up to this date only.
 */
export function latestClosureWithDueSteps(asOf: LocalDate, schedule: RetentionSchedule): LocalDate {
  const shortest = Math.min(...RETENTION_STEPS.map((id) => schedule[STEP_TYPE[id].type].days));
  return addDays(asOf, -shortest);
}
