import type { OfficeGrant } from '../../identity/grant';
import type { Integration } from '../../store/integration-store';
import type { PageRequest } from '../../store/paging';
import type { Ports } from '../ports';
import { refuse } from '../refusal';

export type { Integration };

/** A page of the machine clients serving the office, its own and those other offices share with it. */
export async function findIntegrations(
  ports: Pick<Ports, 'integrations'>,
  grant: OfficeGrant,
  page: PageRequest,
) {
  return ports.integrations.listForOffice(grant.office.id, page);
}

/** The client if `visible` to the office, else not-found (an unknown id looks the same). */
async function loadIntegration(
  ports: Pick<Ports, 'integrations'>,
  clientId: string,
  visible: (client: Integration) => boolean,
): Promise<Integration> {
  const found = await ports.integrations.get(clientId);
  if (!found || !visible(found)) throw refuse.notFound('No such client in this office.');
  return found;
}

/**
 * A client this office owns, or not-found: a client merely serving the office is managed by its owner,
 * and another office's client is as invisible as none.
 */
export function loadOwnedIntegration(
  ports: Pick<Ports, 'integrations'>,
  grant: OfficeGrant,
  clientId: string,
): Promise<Integration> {
  return loadIntegration(ports, clientId, (client) => client.ownerOfficeId === grant.office.id);
}

/** One client serving the office (owned here or shared with it). */
export function readIntegration(
  ports: Pick<Ports, 'integrations'>,
  grant: OfficeGrant,
  clientId: string,
): Promise<Integration> {
  return loadIntegration(ports, clientId, (client) => client.offices.includes(grant.office.id));
}
