import {
  DEFAULT_LAWFUL_BASIS,
  nikAlreadyRegistered,
  officeToday,
  validateClientRegistration,
} from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import { DuplicateNik, type NewClient } from '../../store/client-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { viewClient, type ClientView } from './queries';

/**
 * Registers a client (Klien Pemasyarakatan, or Anak for a child). Refuses invalid when the NIK, birth
 * date or guardian breaks a rule, and conflict when the office already has a client with this NIK.
 * A client registered without a lawful basis is recorded under the default one, so every record states it.
 */
export async function registerClient(
  ports: Pick<Ports, 'clients' | 'now'>,
  grant: OfficeGrant,
  input: NewClient,
): Promise<ClientView> {
  const now = ports.now();
  const verdict = validateClientRegistration(input, officeToday(grant.office, now));
  if (!verdict.ok) throw refuse.invalid(verdict.violations);
  try {
    const client = { ...input, lawfulBasis: input.lawfulBasis ?? DEFAULT_LAWFUL_BASIS };
    return viewClient(grant, now)(await ports.clients.register(grant.office.id, client, actorOf(grant, now)));
  } catch (error) {
    if (!(error instanceof DuplicateNik)) throw error;
    throw refuse.conflict('A client with this NIK is already registered in this office.', [
      nikAlreadyRegistered(),
    ]);
  }
}
