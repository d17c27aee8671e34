import type { OfficeGrant } from '../../identity/grant';
import type { ReferralRecord, WarningRecord } from '../../store/warning-store';
import type { Page, PageRequest } from '../cases/queries';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';

export type { ReferralRecord, WarningRecord } from '../../store/warning-store';
export type { PageRequest } from '../cases/queries';

type WarningPorts = Pick<Ports, 'cases' | 'warnings'>;

/** A page of one kind of the case's records, once the caller may see the case (else not-found). */
const ofVisibleCase =
  <T>(read: (ports: WarningPorts, officeId: string, caseId: string, page: PageRequest) => Promise<Page<T>>) =>
  async (ports: WarningPorts, grant: OfficeGrant, caseId: string, page: PageRequest): Promise<Page<T>> =>
    read(ports, grant.office.id, (await loadVisibleCase(ports, grant, caseId)).id, page);

/** A page of a case's warnings, newest first. Refuses not-found for a case the caller may not see. */
export const warningsOfCase = ofVisibleCase<WarningRecord>((ports, officeId, caseId, page) =>
  ports.warnings.listWarnings(officeId, caseId, page),
);

/** A page of a case's referrals, newest first, with their outcomes. Refuses not-found as above. */
export const referralsOfCase = ofVisibleCase<ReferralRecord>((ports, officeId, caseId, page) =>
  ports.warnings.listReferrals(officeId, caseId, page),
);
