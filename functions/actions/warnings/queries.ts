import type { ReferralRecord, WarningRecord } from '../../store/warning-store';
import { ofVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';

export type { ReferralRecord, WarningRecord } from '../../store/warning-store';
export type { PageRequest } from '../cases/queries';

type WarningPorts = Pick<Ports, 'cases' | 'warnings'>;

/** A page of a case's warnings, newest first. Refuses not-found for a case the caller may not see. */
export const warningsOfCase = ofVisibleCase<WarningPorts, WarningRecord>((ports, grant, caseId, page) =>
  ports.warnings.listWarnings(grant.office.id, caseId, page),
);

/** A page of a case's referrals, newest first, with their outcomes. Refuses not-found as above. */
export const referralsOfCase = ofVisibleCase<WarningPorts, ReferralRecord>((ports, grant, caseId, page) =>
  ports.warnings.listReferrals(grant.office.id, caseId, page),
);
