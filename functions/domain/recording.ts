/**
 * Who may record a work session, when and where (`POST /cases/{caseId}/sessions`,
 * `PATCH /sessions/{sessionId}`). How much a session credits is crediting.ts.
 */
import type { CaseStatus } from './lifecycle';
import { fail, ok, resultOf, Rule, violation, type Result, type RuleViolation } from './rules';

/** Statuses in which work is being done, so sessions may be recorded and corrected (CR-CASE-STATUS). */
export const RECORDING_STATUSES: readonly CaseStatus[] = ['placed', 'active', 'warned', 'repeated'];

/**
 * Whether a case in `status` takes a new or corrected session (CR-CASE-STATUS). Reported on `caseId`:
 * the case, not a field of the session, is what refuses it.
 */
export const canRecordSessions = (status: CaseStatus): Result<CaseStatus> =>
  RECORDING_STATUSES.includes(status)
    ? ok(status)
    : fail([violation(Rule.CR_CASE_STATUS, 'caseId', `Sessions cannot be recorded on a ${status} case.`)]);

/** The status a case takes with a session: its first session starts the work of a placed case. */
export const statusAfterSession = (status: CaseStatus): CaseStatus =>
  status === 'placed' ? 'active' : status;

/**
 * CR-OWN-SITE: a site supervisor (`ownSiteIds`, undefined for the office's staff) records sessions only
 * at their own sites. (Whether the case works at that site that day is session-reality.ts.)
 */
export const validateSessionSite = (input: {
  readonly siteId: string;
  readonly ownSiteIds?: readonly string[];
}): Result<string> => {
  const v: RuleViolation[] = [];
  if (input.ownSiteIds && !input.ownSiteIds.includes(input.siteId)) {
    v.push(violation(Rule.CR_OWN_SITE, 'siteId', 'Not one of your work sites.'));
  }
  return resultOf(v, () => input.siteId);
};
