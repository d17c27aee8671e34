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

/**
 * A client this office owns, or not-found: a client merely serving the office is managed by its owner,
 * and another office's client is as invisible as none.
 */
export async function loadOwnedIntegration(
  ports: Pick<Ports, 'integrations'>,
  grant: OfficeGrant,
  clientId: string,
): Promise<Integration> {
  const found = await ports.integrations.get(clientId);
  if (!found || found.ownerOfficeId !== grant.office.id)
    throw refuse.notFound('No such client in this office.');
  return found;
}

/** One client serving the office (owned here or shared with it). */
export async function readIntegration(
  ports: Pick<Ports, 'integrations'>,
  grant: OfficeGrant,
  clientId: string,
): Promise<Integration> {
  const found = await ports.integrations.get(clientId);
  if (!found || !found.offices.includes(grant.office.id)) {
    throw refuse.notFound('No such client in this office.');
  }
  return found;
}
