import { decimal, minutesToHours, Rule, shortDate, type CaseFlag } from '../../domain';
import type { CasePlan } from './plan-case';

/**
 * PLAN-FEASIBILITY as a case flag: raised while the plan is impossible, with the numbers the PK puts to
 * the jaksa ("76 jam tersisa, paling banyak 60 jam mungkin sebelum 20 Des 2026"); none otherwise. The
 * message is in Indonesian because it is what the PK forwards; the path points at the deadline in force,
 * which is what the jaksa may move.
 */
export function feasibilityFlag(plan: CasePlan): CaseFlag | undefined {
  if (plan.feasibility.state !== 'impossible') return undefined;
  return {
    rule: Rule.PLAN_FEASIBILITY,
    path: 'terms.deadline',
    message:
      `${decimal(minutesToHours(plan.remainingMinutes))} jam tersisa, paling banyak ` +
      `${decimal(minutesToHours(plan.possibleMinutes))} jam mungkin sebelum ${shortDate(plan.deadline)}`,
  };
}
