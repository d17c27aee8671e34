import { warningStanding } from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { ReferralRecord, WarningRecord } from '../../store/warning-store';
import type { Page, PageRequest } from '../cases/queries';
import { loadVisibleCase, ofVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';

export type { ReferralRecord, WarningRecord } from '../../store/warning-store';
export type { PageRequest } from '../cases/queries';

type WarningPorts = Pick<Ports, 'cases' | 'warnings'>;

/**
 * A page of a case's warnings, newest first, each shown resolved or open as the resolutions the case
 * records say (WARN-RESOLUTION). Refuses not-found for a case the caller may not see.
 */
export async function warningsOfCase(
  ports: WarningPorts,
  grant: OfficeGrant,
  caseId: string,
  page: PageRequest,
): Promise<Page<WarningRecord>> {
  const record = await loadVisibleCase(ports, grant, caseId);
  const found = await ports.warnings.listWarnings(grant.office.id, record.id, page);
  return { ...found, items: found.items.map((w) => warningStanding(w, record.warningResolutions)) };
}

/** A page of a case's referrals, newest first, with their outcomes. Refuses not-found as above. */
export const referralsOfCase = ofVisibleCase<WarningPorts, ReferralRecord>((ports, grant, caseId, page) =>
  ports.warnings.listReferrals(grant.office.id, caseId, page),
);
