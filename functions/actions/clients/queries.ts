import { isChild, officeToday } from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { ClientRecord } from '../../store/client-store';
import type { Page, PageRequest } from '../cases/queries';
import type { Ports } from '../ports';
import { found } from '../refusal';

export type { ClientRecord, NewClient } from '../../store/client-store';

/** A client as their readers see them: the record, and whether they are a child today. */
export type ClientView = ClientRecord & { readonly isChild: boolean };

/** The client as of the office's local date at `now`. */
export const viewClient =
  (grant: Pick<OfficeGrant, 'office'>, now: Date) =>
  (client: ClientRecord): ClientView => ({
    ...client,
    isChild: isChild(client.birthDate, officeToday(grant.office, now)),
  });

/** A client of the caller's office; refuses not-found for anyone else's. */
export async function loadClient(ports: Pick<Ports, 'clients'>, grant: OfficeGrant, clientId: string) {
  return found(await ports.clients.get(grant.office.id, clientId), 'No such client in this office.');
}

/** One client of the office, NIK as stored (the API masks it). Refuses not-found. */
export async function getClient(
  ports: Pick<Ports, 'clients' | 'now'>,
  grant: OfficeGrant,
  clientId: string,
): Promise<ClientView> {
  return viewClient(grant, ports.now())(await loadClient(ports, grant, clientId));
}

/** A page of the office's clients in name order, or of those whose name starts with `namePrefix`. */
export async function listClients(
  ports: Pick<Ports, 'clients' | 'now'>,
  grant: OfficeGrant,
  input: { readonly namePrefix?: string; readonly page: PageRequest },
): Promise<Page<ClientView>> {
  const page = await ports.clients.list(grant.office.id, { ...input.page, namePrefix: input.namePrefix });
  return { items: page.items.map(viewClient(grant, ports.now())), lastKey: page.lastKey };
}
