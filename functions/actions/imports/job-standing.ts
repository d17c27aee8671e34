/**
 * Who an import's job acts for. A job runs after the request, so it has no guard's grant: it rebuilds one
 * from the directory for the admin who asked (who created the import for the dry run, who committed it
 * for the commit), and stops if they are no longer an admin of the office.
 */
import { officeToday } from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { ImportCaseStore } from '../../store/import-case-store';
import type { ImportRecord } from '../../store/import-store';
import type { Ports } from '../ports';
import type { ImportInputs } from './import-ports';
import type { RowJob } from './row-kind';

export class NotAnAdminAnymore extends Error {}

export async function jobStanding(
  ports: Pick<Ports, 'directory' | 'now'> & {
    readonly importCases: ImportCaseStore;
    readonly importInputs: ImportInputs;
  },
  record: ImportRecord,
  username: string,
): Promise<RowJob> {
  const { principal, office } = await ports.directory.principalInOffice(
    { kind: 'user', username },
    record.officeId,
  );
  const admin = principal?.memberships.some(
    (m) => m.role === 'admin' && 'officeId' in m && m.officeId === record.officeId,
  );
  if (!principal || !office || !admin) throw new NotAnAdminAnymore();
  const grant: OfficeGrant = { principal, office, roles: ['admin'] };
  const now = ports.now();
  return {
    grant,
    actor: username,
    importId: record.id,
    now,
    today: officeToday(office, now),
    inputs: ports.importInputs,
    ids: ports.importCases.idsAt(now),
  };
}
