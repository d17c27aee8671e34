import { INITIAL_STATUS, remainingMinutes } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { CaseInput } from '../../store/case-store';
import type { Ports } from '../ports';
import { checkCaseAgainstLaw } from './case-law';
import { viewCase, type CaseView } from './queries';

/**
 * Registers a court decision imposing kerja sosial or pelayanan masyarakat: the case starts `received`
 * with nothing credited. Refuses invalid when the client, the officer or the sentence breaks a rule.
 */
export async function registerCase(
  ports: Pick<Ports, 'cases' | 'clients' | 'users' | 'now'>,
  grant: OfficeGrant,
  input: CaseInput,
): Promise<CaseView> {
  const client = await checkCaseAgainstLaw(ports, grant, input);
  const now = ports.now();
  const record = await ports.cases.register(
    grant.office.id,
    {
      ...input,
      clientName: client.fullName,
      status: INITIAL_STATUS,
      creditedMinutes: 0,
      remainingMinutes: remainingMinutes(input.sentence.hours, 0),
      openWarnings: 0,
    },
    actorOf(grant, now),
  );
  return viewCase(record, grant.office, now);
}
