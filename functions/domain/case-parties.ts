/**
 * Who takes part in a case besides the court: the client it is about, the probation officer (PK) who
 * runs it, and the site supervisors who see it once it is placed at their sites.
 */
import { fail, ok, Rule, violation, type Result } from './rules';

/** The office membership of the person named as a case's officer, as far as the rule needs it. */
export interface OfficerMembership {
  readonly status: string;
  readonly roles: readonly string[];
}

/**
 * The client exists in the office (CASE-CLIENT) and the officer is an active PK of it (CASE-OFFICER).
 * Reported one at a time, client first, as the registration form fills them in. Returns the client.
 */
export const checkCaseParties = <Client>(parties: {
  readonly client: Client | undefined;
  readonly officer: OfficerMembership | undefined;
}): Result<Client> => {
  const { client, officer } = parties;
  if (!client) return fail([violation(Rule.CASE_CLIENT, 'clientId', 'No such client in this office.')]);
  if (!officer || officer.status !== 'active' || !officer.roles.includes('officer')) {
    return fail([
      violation(Rule.CASE_OFFICER, 'officerUsername', 'Not an active probation officer (PK) of this office.'),
    ]);
  }
  return ok(client);
};

/**
 * The work site a case list is limited to (CASE-SITE-SCOPE). A supervisor (`siteIds` set) lists one of
 * their own sites at a time, their only one when they have one; anyone else lists what they asked for.
 * @example caseListSite(['s1'], undefined) // ok('s1')
 */
export const caseListSite = (
  siteIds: readonly string[] | undefined,
  requested: string | undefined,
): Result<string | undefined> => {
  if (!siteIds) return ok(requested);
  const siteId = requested ?? (siteIds.length === 1 ? siteIds[0] : undefined);
  if (siteId && siteIds.includes(siteId)) return ok(siteId);
  return fail([violation(Rule.CASE_SITE_SCOPE, 'query.siteId', 'Choose one of your work sites.')]);
};
