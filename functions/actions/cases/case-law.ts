import { checkCaseParties, validateCaseRegistration } from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { CaseInput } from '../../store/case-store';
import type { ClientRecord } from '../../store/client-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';

/**
 * The checks on a registration or a correction: the client is the office's (CASE-CLIENT), the officer
 * an active PK of it (CASE-OFFICER), and the decision and sentence lawful for that client's birth date.
 * Returns the client; refuses invalid with the rules broken.
 */
export async function checkCaseAgainstLaw(
  ports: Pick<Ports, 'clients' | 'users'>,
  grant: OfficeGrant,
  input: CaseInput,
): Promise<ClientRecord> {
  const [client, officer] = await Promise.all([
    ports.clients.get(grant.office.id, input.clientId),
    ports.users.get(grant.office.id, input.officerUsername),
  ]);
  const parties = checkCaseParties({ client, officer: officer.member });
  if (!parties.ok) throw refuse.invalid(parties.violations);
  const verdict = validateCaseRegistration({ ...input, client: { birthDate: parties.value.birthDate } });
  if (!verdict.ok) throw refuse.invalid(verdict.violations);
  return parties.value;
}
