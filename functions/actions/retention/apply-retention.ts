/**
 * The retention schedule applied (issue 17, ADR 0020): the nightly job's part for one office, as of the
 * office's local date. It reads only the office's sparse listing of closed cases (one Query per page),
 * and for each case:
 * 1. on the first run that sees it closed, extends the Object Lock of each of its evidence versions to
 *    the end of its evidence period (a lock is never shortened) and opens its retention record;
 * 2. takes each step that is due and not yet done, in the schedule's order (`RETENTION_STEPS`), and
 *    finishes it with one transaction holding the step's last writes, its mark on the case
 *    (`retention.done.<step>`) and its deletion record (`O#<office>#RETENTION-LOG`).
 * A rerun, or a run resumed after a crash, repeats nothing: a step is marked with its last writes, and
 * what an interrupted step deleted before is simply not found again. A step that cannot finish (a
 * version still locked, a case to delete before its other steps) is held and tried the next night.
 */
import {
  addDays,
  officeToday,
  toInstant,
  type Office,
  type RetentionStep,
  type RetentionStepId,
} from '../../domain';
import { evidenceKeptUntil } from '../../domain';
import type { CaseRecord } from '../../store/case-store';
import { otherCaseIds, stepsOf, zoneOf, type RetentionPorts } from './retention-ports';
import { StepHeld, STEP_WORK } from '../../store/retention-steps';

/** Closed cases read per page of the listing. */
const PAGE = 50;

export interface RetentionReport {
  /** Closed cases looked at. */
  readonly cases: number;
  /** Cases whose evidence locks were extended (first run after their closure). */
  readonly locked: number;
  /** Steps done (each with its deletion record). */
  readonly steps: number;
  /** Steps due but held (a lock not yet lapsed, or other steps first). */
  readonly held: number;
  /** Cases whose run threw: the next night tries again. */
  readonly failed: number;
}

export const EMPTY_RETENTION_REPORT: RetentionReport = { cases: 0, locked: 0, steps: 0, held: 0, failed: 0 };

/** One office's run of the schedule. */
export async function applyRetention(ports: RetentionPorts, office: Office): Promise<RetentionReport> {
  const now = ports.now();
  const today = officeToday(office, now);
  const report = { ...EMPTY_RETENTION_REPORT };
  let startKey: Record<string, unknown> | undefined;
  do {
    // The closed cases with work tonight: one just closed has its locks to extend, whatever is due.
    const page = await ports.retention.closedCases(office.id, today, { limit: PAGE, startKey }, today);
    for (const record of page.items) {
      report.cases += 1;
      try {
        const counts = await applyToCase(ports, office, record, today, now);
        report.locked += counts.locked;
        report.steps += counts.steps;
        report.held += counts.held;
      } catch {
        report.failed += 1;
      }
    }
    startKey = page.lastKey;
  } while (startKey);
  return report;
}

async function applyToCase(
  ports: RetentionPorts,
  office: Office,
  listed: CaseRecord,
  today: string,
  now: Date,
): Promise<{ locked: number; steps: number; held: number }> {
  const { schedule } = ports.retentionSettings;
  let record = listed;
  let locked = 0;
  if (!record.retention) {
    const keptUntil = evidenceKeptUntil(record.closedOn!, schedule);
    // The lock lapses as the evidence step's day begins in the office's zone, when the job runs.
    const until = new Date(toInstant(keptUntil, '00:00', zoneOf(office)));
    for (const version of await ports.retentionObjects.versions(
      `evidence/${record.officeId}/${record.id}/`,
    )) {
      await ports.retentionObjects.extendLock(version, until);
    }
    await ports.retention.open(record, keptUntil);
    record = { ...record, retention: { done: {}, evidenceLockedUntil: keptUntil } };
    locked = 1;
  }

  const client = await ports.retention.client(record.officeId, record.clientId);
  const others = await ports.cases.getMany(record.officeId, otherCaseIds([record], client ? [client] : []));
  const steps = stepsOf(
    record,
    client,
    new Map(others.map((c) => [c.id, c])),
    ports.retentionSettings,
    today,
  );
  const done = new Set(Object.keys(record.retention?.done ?? {}) as RetentionStepId[]);
  let [stepsDone, held] = [0, 0];
  for (const step of steps) {
    if (!step.due || done.has(step.id)) continue;
    const at = now.toISOString();
    let work;
    try {
      work = await STEP_WORK[step.id]({ ports, record, client, steps, done, at, now });
    } catch (error) {
      if (!(error instanceof StepHeld)) throw error;
      held += 1;
      continue;
    }
    const completed = steps.every((s) => s.id === step.id || done.has(s.id));
    const log = ports.retention.logItem(record.officeId, {
      at,
      caseId: record.id,
      step: step.id,
      recordType: step.type,
      action: step.action,
      items: work.items,
      objects: work.objects,
      dueOn: step.dueOn!,
      periodDays: step.days,
    });
    const mark = work.marksItself
      ? []
      : [
          ports.retention.markDone(record, step.id, at, {
            ...(work.evidenceIds ? { evidenceIds: work.evidenceIds } : {}),
            completed,
          }),
        ];
    await ports.retention.writeThenFinish(work.writes, [...mark, ...(work.finish ?? []), log]);
    done.add(step.id);
    record = {
      ...record,
      retention: {
        ...record.retention,
        done: { ...record.retention?.done, [step.id]: at },
        ...(work.evidenceIds ? { evidenceIds: work.evidenceIds } : {}),
      },
    };
    stepsDone += 1;
  }
  const next = nextDueOn(steps, done);
  if (next !== null && next !== record.retention?.nextDueOn) await ports.retention.scheduleNext(record, next);
  return { locked, steps: stepsDone, held };
}

/**
 * The first date a step left to do falls due; undefined when one waits on no date (a client step held
 * by an open case, looked at every night); null when nothing is left (the case has left the listing).
 */
function nextDueOn(
  steps: readonly RetentionStep[],
  done: ReadonlySet<RetentionStepId>,
): string | undefined | null {
  const left = steps.filter((step) => !done.has(step.id));
  if (left.length === 0) return null;
  if (left.some((step) => step.dueOn === undefined)) return undefined;
  return left.map((step) => step.dueOn!).sort()[0];
}

/** The default through-date of the dry run: today and the notice period. */
export const defaultThrough = (office: Office, now: Date, noticeDays: number) =>
  addDays(officeToday(office, now), noticeDays);
