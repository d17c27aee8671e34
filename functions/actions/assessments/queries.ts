import type { AssessmentRecord } from '../../store/assessment-store';
import { ofVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';

export type { AssessmentRecord } from '../../store/assessment-store';

/** A page of a case's assessments (Litmas), newest first. Refuses not-found for a case the caller may not see. */
export const assessmentsOfCase = ofVisibleCase<Pick<Ports, 'cases' | 'assessments'>, AssessmentRecord>(
  (ports, grant, caseId, page) => ports.assessments.list(grant.office.id, caseId, page),
);
