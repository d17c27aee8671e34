import {
  nikAlreadyRegistered,
  officeToday,
  validateClientRegistration,
  type LawfulBasis,
} from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import { DuplicateNik, type ClientRecord, type Guardian } from '../../store/client-store';
import { WriteConflict } from '../../store/optimistic';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { loadClient, viewClient, type ClientView } from './queries';

/** What a correction may change; `null` removes an optional field (a phone no longer theirs). */
export interface ClientCorrection {
  readonly fullName?: string;
  readonly nik?: string;
  readonly birthDate?: string;
  readonly sex?: 'M' | 'F';
  readonly address?: string;
  readonly phone?: string | null;
  readonly guardian?: Guardian | null;
  readonly lawfulBasis?: LawfulBasis;
}

/**
 * Corrects a client's data (UU 27/2022 Pasal 30: the subject's right to have it corrected) as read at
 * `expectedVersion`, with the reason in the audit trail. The corrected record passes the registration
 * checks again, the guardian rule by the age at the offence (PDP-CHILD-AT-OFFENCE: a client marked as a
 * child keeps their guardian after 18). Refuses stale when the client moved since it was read, conflict
 * when another client of the office has the new NIK.
 */
export async function correctClient(
  ports: Pick<Ports, 'clients' | 'now'>,
  grant: OfficeGrant,
  input: {
    readonly clientId: string;
    readonly expectedVersion: number;
    readonly changes: ClientCorrection;
    readonly reason: string;
  },
): Promise<ClientView> {
  const current = await loadClient(ports, grant, input.clientId);
  if (current.version !== input.expectedVersion) throw refuse.stale();
  const next = corrected(current, input.changes);
  const now = ports.now();
  const verdict = validateClientRegistration(next, officeToday(grant.office, now));
  if (!verdict.ok) throw refuse.invalid(verdict.violations);
  try {
    const saved = await ports.clients.correct(current, next, {
      ...actorOf(grant, now),
      reason: input.reason,
    });
    return viewClient(grant, now)(saved);
  } catch (error) {
    if (error instanceof WriteConflict) throw refuse.stale();
    if (!(error instanceof DuplicateNik)) throw error;
    throw refuse.conflict('Another client of this office has this NIK.', [nikAlreadyRegistered()]);
  }
}

/** The record with the changes applied; a `null` takes an optional field away. */
function corrected(current: ClientRecord, changes: ClientCorrection): ClientRecord {
  const { phone, guardian, ...replaced } = changes;
  const next: Record<string, unknown> = { ...current, ...replaced };
  if (phone !== undefined) next.phone = phone ?? undefined;
  if (guardian !== undefined) next.guardian = guardian ?? undefined;
  return next as unknown as ClientRecord;
}
