import type * as z from 'zod';
import { assessmentsOfCase } from '../../actions/assessments/queries';
import { recordAssessment } from '../../actions/assessments/record-assessment';
import type { InOffice } from '../../identity/grant';
import { access } from '../access';
import { defineRoute } from '../route';
import { caseListRoute, readAheadCase } from '../route-kit';
import { assessmentSchema, createAssessmentBody, createdAssessmentSchema } from '../schemas/assessments';
import { caseIdParams } from '../schemas/cases';
import { withCaseState } from './warnings';

/** The Litmas is the PK's own report (or an administrator's entry of it), never a system's. */
const ASSESSORS = ['admin', 'officer'] as const;
/**
 * A Litmas holds health and religion (specific personal data): those who run or oversee the case read
 * it, not the site supervisor, who needs only the schedule and the work.
 */
const ASSESSMENT_READERS = ['admin', 'officer', 'prosecutor', 'regional', 'integration'] as const;

export const createAssessment = defineRoute<
  z.infer<typeof caseIdParams>,
  unknown,
  z.infer<typeof createAssessmentBody>,
  InOffice
>({
  operationId: 'createAssessment',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases/{caseId}/assessments',
  summary:
    'Record the PK’s assessment (Litmas); a received case becomes assessed, a later one is re-assessed',
  tags: ['assessments'],
  access: access.office(ASSESSORS),
  params: caseIdParams,
  readAhead: readAheadCase,
  body: createAssessmentBody,
  responses: {
    201: { description: 'The assessment, and the case after it', schema: createdAssessmentSchema },
  },
  async handle({ access: grant, params, body, deps }) {
    const recorded = await recordAssessment(deps, grant, params.caseId, body);
    return withCaseState(201, recorded.assessment, recorded.case);
  },
});

export const listAssessments = caseListRoute('assessments', {
  operationId: 'listAssessments',
  summary: 'Assessments (Litmas) of a case, newest first',
  access: access.office(ASSESSMENT_READERS, 'cases:read'),
  item: assessmentSchema,
  read: assessmentsOfCase,
});
