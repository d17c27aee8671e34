import type { RuleViolation } from '../domain';
import { problems, type HttpProblem } from './problem';

/** A domain refusal as a 400 that names each field and the legal rule (e.g. `KS-HOURS`) that refused it. */
export function violationsProblem(violations: readonly RuleViolation[], detail?: string): HttpProblem {
  return problems.invalidInput(
    violations.map((v) => ({ path: v.path, message: v.message, rule: v.rule })),
    detail ?? 'The request breaks a rule of the sentence or the law.',
  );
}
