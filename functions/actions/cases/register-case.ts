import { committedAsChild, INITIAL_STATUS, remainingMinutes } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { CaseInput } from '../../store/case-store';
import type { Ports } from '../ports';
import { checkCaseAgainstLaw, recordedVerdict } from './case-law';
import { viewCase, type CaseView } from './queries';

/**
 * Registers a court order (a decision of any level, a diversion agreement or a fine conversion) imposing
 * kerja sosial or pelayanan masyarakat: the case starts `received` with nothing credited, and carries
 * the flags registration raised. Refuses invalid when the client, the officer or the order breaks a rule.
 */
export async function registerCase(
  ports: Pick<Ports, 'cases' | 'clients' | 'users' | 'now'>,
  grant: OfficeGrant,
  input: CaseInput,
): Promise<CaseView> {
  const { client, registration } = await checkCaseAgainstLaw(ports, grant, input);
  const now = ports.now();
  const record = await ports.cases.register(
    grant.office.id,
    {
      ...input,
      ...recordedVerdict(input, registration),
      clientName: client.fullName,
      status: INITIAL_STATUS,
      creditedMinutes: 0,
      remainingMinutes: remainingMinutes(input.sentence.hours, 0),
      openWarnings: 0,
    },
    actorOf(grant, now),
    { childAtOffence: committedAsChild(client.birthDate, input) },
  );
  return viewCase(record, grant.office, now);
}
