import * as z from 'zod';
import { FEASIBILITY_STATES } from '../../domain';

const date = z.string().describe('Office-local date, YYYY-MM-DD');

export const plannedSlotSchema = z
  .object({
    date,
    siteId: z.string(),
    startTime: z.string().describe('Office-local HH:mm'),
    endTime: z.string().describe('Office-local HH:mm'),
    hours: z.number(),
  })
  .meta({ id: 'PlannedSlot' });

/** Numbers, not sentences: the dashboard words them ("76 jam tersisa, paling banyak 60 …"). */
export const feasibilityReasonSchema = z
  .object({
    code: z
      .enum(['done', 'fits', 'little_slack', 'not_enough_time'])
      .describe('done (nothing left) | fits | little_slack (at risk) | not_enough_time (impossible)'),
    hoursRemaining: z.number(),
    hoursPossible: z.number().describe('The most that can be done by the deadline under every constraint'),
    deadline: date,
    latestStart: date.optional(),
    slackDays: z.number().int().optional(),
    atRiskBelowDays: z.number().int(),
  })
  .meta({ id: 'FeasibilityReason' });

export const casePlanSchema = z
  .object({
    caseId: z.string(),
    from: date.describe('The first day a slot may fall on: tomorrow, or the sentence start if later'),
    deadline: date,
    slots: z
      .array(plannedSlotSchema)
      .describe('At most one slot a day, in date order; a proposal, not scheduled sessions'),
    hoursPlanned: z
      .number()
      .describe('The hours the slots add up to: all that remain, or when impossible all that can be done'),
    hoursPossible: z.number(),
    finishesOn: date.optional().describe('The date of the last slot; absent when there is no slot'),
    feasibility: z
      .object({
        state: z
          .enum(FEASIBILITY_STATES)
          .describe('on_track | at_risk (slack under atRiskBelowDays) | impossible (PLAN-FEASIBILITY)'),
        latestStart: date
          .optional()
          .describe(
            'The last day on which starting still finishes by the deadline; absent when impossible or done',
          ),
        slackDays: z.number().int().optional().describe('latestStart − from, in days'),
        reason: feasibilityReasonSchema,
      })
      .meta({ id: 'PlanFeasibility' }),
    provisional: z
      .boolean()
      .describe('The plan reaches a year whose national holiday list (SKB) is not published yet'),
  })
  .meta({ id: 'CasePlan' });
