import {
  childProtectionOf,
  discloseIdentity,
  initialsOf,
  lawfulBasisOf,
  officeToday,
  type DisclosedIdentity,
  type LawfulBasis,
} from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { Role } from '../../identity/principal';
import type { ClientRecord } from '../../store/client-store';
import type { Page, PageRequest } from '../cases/queries';
import type { Ports } from '../ports';
import { found } from '../refusal';

export type { ClientRecord, NewClient } from '../../store/client-store';

/** Only these roles may see a full NIK (UU 27/2022: specific personal data), after saying why. */
const NIK_REVEALERS: readonly Role[] = ['admin', 'officer'];

/** Whether the caller may reveal a NIK in this office (and so also sees the birth date). */
export const mayRevealNik = (grant: Pick<OfficeGrant, 'roles'>): boolean =>
  grant.roles.some((role) => NIK_REVEALERS.includes(role));

/**
 * A client as one reader may see them (CL-NIK-MASK): the record without its NIK and birth date, and
 * what the reader's disclosure gives of those. The stored NIK never leaves the use case unmasked
 * unless a reveal was asked for and audited, so no presenter can leak it by forgetting to mask.
 */
export type ClientView = Omit<ClientRecord, 'nik' | 'birthDate' | 'officeId' | 'childAtOffence'> &
  DisclosedIdentity & {
    readonly lawfulBasis: LawfulBasis;
    /** Children's protections by the age at the offence (PDP-CHILD-AT-OFFENCE): a fact of the cases. */
    readonly childAtOffence: boolean;
  };

/** A partner system (a machine client) reads a client with nothing but the office's own roles. */
const onlyPartnerSystem = (grant: Pick<OfficeGrant, 'roles'>) =>
  grant.roles.every((r) => r === 'integration');

/**
 * The client as the caller may see them on the office's local date at `now`. A partner system sees a
 * child's initials only, and no address, phone or guardian (PDP-CHILD-AT-OFFENCE, SPPA 19).
 */
export const viewClient =
  (grant: Pick<OfficeGrant, 'office' | 'roles'>, now: Date, revealed = false) =>
  (client: ClientRecord): ClientView => {
    const { nik, birthDate, officeId: _officeId, childAtOffence, ...rest } = client;
    const today = officeToday(grant.office, now);
    const disclosure = revealed ? 'revealed' : mayRevealNik(grant) ? 'may-reveal' : 'may-not-reveal';
    const view: ClientView = {
      ...rest,
      ...discloseIdentity({ nik, birthDate }, today, disclosure),
      lawfulBasis: lawfulBasisOf(client),
      childAtOffence: childAtOffence !== undefined,
    };
    if (!onlyPartnerSystem(grant) || !childProtectionOf(client, today)) return view;
    const { phone: _phone, guardian: _guardian, ...partnerView } = view;
    return { ...partnerView, fullName: initialsOf(client.fullName), address: '' };
  };

/** A client of the caller's office; refuses not-found for anyone else's. */
export async function loadClient(ports: Pick<Ports, 'clients'>, grant: OfficeGrant, clientId: string) {
  return found(await ports.clients.get(grant.office.id, clientId), 'No such client in this office.');
}

/** One client of the office, as the caller may see them (NIK masked). Refuses not-found. */
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
