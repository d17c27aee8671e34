import type { CaseFlag, CaseForCrediting, CaseStatus, Office } from '../../domain';
import { flagsAfterSession, officeLocalNow, policyOf, schoolHoursFlag, termsOf } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { CaseRecord } from '../../store/case-store';
import { retryOnConflict } from '../../store/optimistic';
import type { SessionChange } from '../../store/session-store';
import { refuse } from '../refusal';

export type { SessionRecord } from '../../store/session-store';

/**
 * Re-decisions after a concurrent write on the case totals or the client's day; each costs a BatchGet
 * and a transaction. Many sessions of one client at once (a batch import) need more than the usual few.
 */
const CREDIT_ATTEMPTS = 12;

/**
 * Runs read → decide (`creditSession`) → write again from the read when a concurrent write changed the
 * numbers first. The store's conditions, not this loop, are what prevent over-crediting: the loop only
 * keeps honest requests from failing. Refuses busy once every attempt lost its race.
 */
export const creditAgainOnConflict = <T>(attempt: () => Promise<T>): Promise<T> =>
  retryOnConflict(attempt, {
    attempts: CREDIT_ATTEMPTS,
    onExhausted: () => refuse.busy('Many sessions of this client are being recorded at once; retry shortly.'),
  });

/**
 * The case as crediting sees it, with `creditedMinutes` the case's total less the session corrected;
 * its hours and deadline are the terms in force (PROGRESS-TERMS), e.g. a repeat's.
 */
export const caseForCrediting = (record: CaseRecord, creditedMinutes: number): CaseForCrediting => ({
  startDate: record.sentence.startDate,
  deadline: termsOf(record).deadline,
  hoursOrdered: termsOf(record).hours,
  creditedMinutes,
  maxHoursPerDay: record.sentence.maxHoursPerDay,
});

/**
 * CHILD-SCHOOL-HOURS for a session of a child's case (pelayanan masyarakat), by the office's school
 * hours; undefined for an adult's case or a session outside them.
 */
export const childSessionFlag = (
  record: Pick<CaseRecord, 'sentence'>,
  session: { readonly date: string; readonly startTime: string; readonly endTime: string },
  office: Office,
): CaseFlag | undefined =>
  record.sentence.kind === 'pelayanan_masyarakat'
    ? schoolHoursFlag(session, policyOf(office).schoolHours)
    : undefined;

/**
 * Who writes the session and when, its audit action, the case's status after it, and the case's flags
 * when the session raises one the case lacks (once per rule: later sessions carry it on their own).
 */
export function sessionChange(
  grant: OfficeGrant,
  now: Date,
  action: string,
  status: CaseStatus,
  raised?: { readonly case: Pick<CaseRecord, 'flags'>; readonly flag: CaseFlag | undefined },
): SessionChange {
  const had = raised?.case.flags ?? [];
  const flags = flagsAfterSession(had, raised?.flag);
  return {
    ...actorOf(grant, now),
    action,
    status,
    month: officeLocalNow(grant.office, now).month,
    ...(flags !== had ? { caseFlags: flags } : {}),
  };
}
