import {
  checkCaseParties,
  policyOf,
  Rule,
  validateCaseRegistration,
  type CaseFlag,
  type ValidatedRegistration,
} from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { CaseDecision, CaseInput, CaseRecord } from '../../store/case-store';
import type { ClientRecord } from '../../store/client-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';

/** What the law says about a lawful registration, and what it records on the case. */
export interface CaseVerdict {
  readonly client: ClientRecord;
  readonly registration: ValidatedRegistration;
  /** On a correction: the flags registration raised for the case as it was (none if it no longer passes). */
  readonly previousFlags: readonly CaseFlag[];
}

/**
 * The checks on a registration or a correction: the client is the office's (CASE-CLIENT), the officer
 * an active PK of it (CASE-OFFICER), and the order lawful for that client's birth date (registration v2:
 * refuses only what cannot be true or is unlawful on its face). Returns the client and the domain's
 * verdict with its flags; refuses invalid with the rules broken.
 */
export async function checkCaseAgainstLaw(
  ports: Pick<Ports, 'clients' | 'users'>,
  grant: OfficeGrant,
  input: CaseInput,
  previous?: CaseInput,
): Promise<CaseVerdict> {
  const [client, officer] = await Promise.all([
    ports.clients.get(grant.office.id, input.clientId),
    ports.users.get(grant.office.id, input.officerUsername),
  ]);
  const parties = checkCaseParties({ client, officer: officer.member });
  if (!parties.ok) throw refuse.invalid(parties.violations);
  const born = { birthDate: parties.value.birthDate };
  const options = { policy: policyOf(grant.office) };
  const verdict = validateCaseRegistration({ ...input, client: born }, options);
  if (!verdict.ok) throw refuse.invalid(verdict.violations);
  const before = previous && validateCaseRegistration({ ...previous, client: born }, options);
  const previousFlags = before?.ok ? before.value.flags : [];
  return { client: parties.value, registration: verdict.value, previousFlags };
}

/**
 * The case fields the verdict decides: the origin, the decision's level and the penalty it replaces
 * (stated or derived), and the flags. A stale level or replaced penalty from an earlier version of the
 * decision never survives, since both are re-derived here.
 */
export function recordedVerdict(
  input: CaseInput,
  registration: ValidatedRegistration,
  flags: readonly CaseFlag[] = registration.flags,
) {
  const { level: _level, replaces: _replaces, ...decision } = input.decision;
  const recorded: CaseDecision = {
    ...decision,
    ...(registration.level ? { level: registration.level } : {}),
    ...(registration.replaces && input.sentence.kind === 'kerja_sosial'
      ? { replaces: registration.replaces }
      : {}),
  };
  return { origin: registration.origin, decision: recorded, flags };
}

/**
 * A corrected case's flags: registration's are recomputed, the ones later records raised (the
 * assessment's consent, a placement's) are kept. Once an assessment is on record its consent supersedes
 * registration's (as when it was recorded), so registration raises no KS-CONSENT then.
 */
export function correctedFlags(current: CaseRecord, verdict: CaseVerdict): readonly CaseFlag[] {
  const same = (a: CaseFlag) => (b: CaseFlag) =>
    a.rule === b.rule && a.path === b.path && a.message === b.message;
  const kept = (current.flags ?? []).filter((f) => !verdict.previousFlags.some(same(f)));
  const raised = verdict.registration.flags.filter(
    (f) => !(current.assessment && f.rule === Rule.KS_CONSENT),
  );
  return [...kept, ...raised.filter((f) => !kept.some(same(f)))];
}
