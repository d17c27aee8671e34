import { actorOf, type OfficeGrant } from '../../identity/grant';
import { PartnerExists, type PartnerInput } from '../../store/partner-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { viewOf, type PartnerView } from './queries';

/**
 * Records a partner of the office and its cooperation agreement (PKS), with a new id. Refuses with
 * conflict only if that id were taken, which a fresh id never is.
 */
export async function recordPartner(
  ports: Pick<Ports, 'partners' | 'now'>,
  grant: OfficeGrant,
  input: PartnerInput,
): Promise<PartnerView> {
  const now = ports.now();
  try {
    const id = ports.partners.newId(now);
    return viewOf(ports, grant, await ports.partners.create(grant.office.id, id, input, actorOf(grant, now)));
  } catch (error) {
    if (error instanceof PartnerExists) throw refuse.conflict('A partner with this id already exists.');
    throw error;
  }
}
