import { validateDocumentSettings, type OfficeDocumentSettings } from '../../domain/documents';
import type { Office } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { Ports } from '../ports';
import { refuse } from '../refusal';

/**
 * An office admin sets the letterhead, the head who signs and the number register documents are
 * issued with. Documents already issued keep what they were issued with (their files are stored);
 * the register's counters continue. Refuses: invalid (DOC-SETTINGS, DOC-NUMBER-PATTERN), not-found.
 */
export async function setDocumentSettings(
  ports: Pick<Ports, 'officePolicies' | 'now'>,
  grant: OfficeGrant,
  input: OfficeDocumentSettings,
): Promise<Office> {
  const checked = validateDocumentSettings(input);
  if (!checked.ok) throw refuse.invalid(checked.violations);
  const office = grant.office;
  const stored = await ports.officePolicies.replaceDocumentSettings(
    office.id,
    office.documentSettings,
    checked.value,
    actorOf(grant, ports.now()),
  );
  if (!stored) throw refuse.notFound('No such office.');
  return { ...office, documentSettings: checked.value };
}
