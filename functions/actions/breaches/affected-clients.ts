import { touchedRecords } from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { Ports } from '../ports';
import { loadBreach } from './queries';

/** One client an audit entry in the exposure window touched, directly or through one of their cases. */
export interface AffectedClient {
  readonly clientId: string;
  /** Personal data: shown to the office's admin, never logged. */
  readonly fullName: string;
  /** The client's cases the window's entries touched (empty when only the client record was). */
  readonly caseIds: string[];
}

/** At most this many clients and cases a page names: the one BatchGet that finds their clients. */
const RECORDS_PER_PAGE = 100;

/**
 * The clients a breach may have reached, from the caller's office's audit log inside the exposure
 * window (only the suspect's entries when asked): the clients the entries name, and the clients of the
 * cases they name (one BatchGet). Each client once a page; a client may show again on a later page.
 * Reads that leave no audit entry cannot be found this way (ADR 0022).
 */
export async function affectedClients(
  ports: Pick<Ports, 'breaches'>,
  grant: OfficeGrant,
  input: { breachId: string; suspectOnly: boolean; limit: number; startKey?: Record<string, unknown> },
) {
  const breach = await loadBreach(ports, grant, input.breachId);
  const actor = input.suspectOnly ? breach.suspectActor : undefined;
  const window = { from: breach.exposure.from, to: breach.exposure.to, ...(actor ? { actor } : {}) };
  const office = grant.office.id;
  // Asked for the suspect's entries when none is named: nothing is read, nothing is listed.
  const entries =
    input.suspectOnly && !actor
      ? { items: [] }
      : await ports.breaches.auditInWindow(office, window, { startKey: input.startKey });
  const { records, consumed } = touchedRecords(
    entries.items,
    window,
    Math.min(input.limit, RECORDS_PER_PAGE),
  );
  const names = await ports.breaches.clientsOf(office, records);
  const byClient = new Map<string, AffectedClient>();
  for (const record of records) {
    // A record since deleted (retention) names nobody any more.
    const name = record.kind === 'client' ? names.clients.get(record.id) : undefined;
    const client =
      record.kind === 'client'
        ? name === undefined
          ? undefined
          : { clientId: record.id, clientName: name }
        : names.cases.get(record.id);
    if (!client) continue;
    const known = byClient.get(client.clientId) ?? {
      clientId: client.clientId,
      fullName: client.clientName,
      caseIds: [],
    };
    if (record.kind === 'case') known.caseIds.push(record.id);
    byClient.set(client.clientId, known);
  }
  const cut = consumed < entries.items.length ? entries.items[consumed - 1]?.key : undefined;
  return {
    window: {
      officeId: office,
      from: breach.exposure.from,
      to: breach.exposure.to,
      ...(actor ? { actor } : {}),
    },
    items: [...byClient.values()],
    lastKey: cut ?? ('lastKey' in entries ? entries.lastKey : undefined),
  };
}
