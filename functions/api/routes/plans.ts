import type * as z from 'zod';
import { planCase, type CasePlan } from '../../actions/plans/plan-case';
import { minutesToHours, type FeasibilityReason } from '../../domain';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { defineRoute } from '../route';
import { readAheadCase } from '../route-kit';
import { caseIdParams } from '../schemas/cases';
import { casePlanSchema } from '../schemas/plans';

type CaseParams = z.infer<typeof caseIdParams>;

/** The reason's numbers, in hours as the rest of the API shows time. */
const presentReason = ({ remainingMinutes, possibleMinutes, ...reason }: FeasibilityReason) => ({
  ...reason,
  hoursRemaining: minutesToHours(remainingMinutes),
  hoursPossible: minutesToHours(possibleMinutes),
});

/** The response shape: minutes become hours. */
export const presentPlan = (plan: CasePlan): z.input<typeof casePlanSchema> => ({
  caseId: plan.caseId,
  from: plan.from,
  deadline: plan.deadline,
  slots: plan.slots.map(({ minutes, ...slot }) => ({ ...slot, hours: minutesToHours(minutes) })),
  hoursPlanned: minutesToHours(plan.plannedMinutes),
  hoursPossible: minutesToHours(plan.possibleMinutes),
  ...(plan.finishesOn ? { finishesOn: plan.finishesOn } : {}),
  feasibility: { ...plan.feasibility, reason: presentReason(plan.feasibility.reason) },
  provisional: plan.provisional,
});

export const getCasePlan = defineRoute<CaseParams, unknown, unknown, InOffice>({
  operationId: 'getCasePlan',
  method: 'GET',
  path: '/v1/offices/{officeId}/cases/{caseId}/plan',
  summary:
    'A proposed schedule that credits the remaining hours by the deadline, and whether that is on track, at risk or impossible',
  description:
    "Read-only: nothing is scheduled or stored. Planned from tomorrow in the office's time zone over the active placements, the order's hours per day and days per week, site capacity, national holidays and cuti bersama (the published SKB lists; an office's own days not yet), and for a child school hours.",
  tags: ['plans'],
  access: access.office(staff.readers, 'cases:read'),
  params: caseIdParams,
  readAhead: readAheadCase,
  responses: { 200: { description: 'The proposal and its feasibility', schema: casePlanSchema } },
  async handle({ access: grant, params, deps }) {
    return { status: 200, body: presentPlan(await planCase(deps, grant, params.caseId)) };
  },
});
