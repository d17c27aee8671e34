/**
 * The cause of a refusal in words (refusal-cause.ts decides it). Small on purpose: the field app shows
 * it without the rule texts of refusal-reason.ts, which would double its first download.
 */
import { refusalCause, type RefusalAnswer, type RefusalCause } from './refusal-cause';
import { m } from '../paraglide/messages.js';

const CAUSES: Record<RefusalCause, () => string> = {
  'case-changed': m.offline_refusals_cause_case_changed,
  'case-hidden': m.offline_refusals_cause_case_hidden,
  'not-allowed': m.offline_refusals_cause_not_allowed,
  rule: m.offline_refusals_cause_rule,
  invalid: m.offline_refusals_cause_invalid,
  other: m.offline_refusals_cause_other,
};

export const causeText = (answer: Pick<RefusalAnswer, 'status' | 'rules'>): string =>
  CAUSES[refusalCause(answer)]();
