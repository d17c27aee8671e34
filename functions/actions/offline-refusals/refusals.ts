/**
 * Offline records the API refused on sync, kept for the PK (issue 20, ADR 0024): the field app posts a
 * session or a photo its outbox could not deliver (the case closed or changed meanwhile, a cap reached),
 * so nothing recorded in the field is dropped without a trace. A PK or an admin resolves each with a note.
 *
 * Notes and the record's notes may name people: nothing here logs them, and the audit entries record only
 * the kind, the instants and the refusal's status and type.
 */
import type { OfflineRecordKind, OfflineRefusalStatus } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import { principalId } from '../../identity/principal';
import type { OfflineRefusalRecord, RefusalAnswer, RefusedRecord } from '../../store/offline-refusal-store';
import { WriteConflict } from '../../store/optimistic';
import type { Page, PageRequest } from '../cases/queries';
import type { Ports } from '../ports';
import { found, refuse } from '../refusal';

export type { OfflineRefusalRecord } from '../../store/offline-refusal-store';

/** A refusal as the API shows it: the record without its office. */
export type OfflineRefusalView = Omit<OfflineRefusalRecord, 'officeId'>;

const view = ({ officeId: _office, ...record }: OfflineRefusalRecord): OfflineRefusalView => record;

export interface RefusalInput {
  readonly caseId: string;
  readonly kind: OfflineRecordKind;
  /** An ISO-8601 instant with offset (validated by the schema). */
  readonly recordedAt: string;
  readonly siteId?: string;
  readonly record: RefusedRecord;
  readonly refusal: RefusalAnswer;
}

/** Who reads the whole office's list: its PKs and admins; anyone else (a supervisor) reads their own. */
const readsOffice = (grant: OfficeGrant) => grant.roles.includes('admin') || grant.roles.includes('officer');

/**
 * Keeps a refused offline record, open. The case must be one of this office's (invalid naming `caseId`
 * otherwise), but not one the sender can still see: they saw it when they recorded, and a case moved to
 * another site meanwhile is one of the reasons a record is refused.
 */
export async function keepRefusal(
  ports: Pick<Ports, 'offlineRefusals' | 'cases' | 'now'>,
  grant: OfficeGrant,
  input: RefusalInput,
): Promise<OfflineRefusalView> {
  const record = await ports.cases.get(grant.office.id, input.caseId);
  if (!record) throw refuse.invalid([{ path: 'caseId', message: 'No such case in this office.' }]);
  const now = ports.now();
  const kept = await ports.offlineRefusals.create(
    grant.office.id,
    {
      caseId: record.id,
      clientName: record.clientName,
      kind: input.kind,
      recordedAt: new Date(input.recordedAt).toISOString(),
      ...(input.siteId ? { siteId: input.siteId } : {}),
      record: input.record,
      refusal: input.refusal,
    },
    actorOf(grant, now),
  );
  return view(kept);
}

/**
 * A page of the office's refused records, open first and newest first, or of one status. A PK or an
 * admin reads the office's; a site supervisor only their own (what their outbox sent).
 */
export async function listRefusals(
  ports: Pick<Ports, 'offlineRefusals'>,
  grant: OfficeGrant,
  input: { readonly status?: OfflineRefusalStatus; readonly page: PageRequest },
): Promise<Page<OfflineRefusalView>> {
  const own = readsOffice(grant) ? {} : { recordedBy: principalId(grant.principal) };
  const page = await ports.offlineRefusals.list(
    grant.office.id,
    { ...own, ...(input.status ? { status: input.status } : {}) },
    input.page,
  );
  return { items: page.items.map(view), lastKey: page.lastKey };
}

/** Resolves an open refusal with the PK's note; conflict when it is resolved already (or meanwhile). */
export async function resolveRefusal(
  ports: Pick<Ports, 'offlineRefusals' | 'now'>,
  grant: OfficeGrant,
  refusalId: string,
  note: string,
): Promise<OfflineRefusalView> {
  // Only the office's own: another office's id finds nothing under this office's keys (404).
  const current = found(
    await ports.offlineRefusals.get(grant.office.id, refusalId),
    'No such offline record in this office.',
  );
  if (current.status !== 'open') throw refuse.conflict('This offline record is resolved already.');
  try {
    return view(await ports.offlineRefusals.resolve(current, note, actorOf(grant, ports.now())));
  } catch (error) {
    if (error instanceof WriteConflict) throw refuse.conflict('It was resolved meanwhile; reload it.');
    throw error;
  }
}
