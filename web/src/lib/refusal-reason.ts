/**
 * Why the API refused a record a supervisor made offline, in the app's language: the cause (from the
 * answer's status), then each rule the answer named in its own sentence (in Indonesian the rule
 * catalogue's, in English the API's detail), else the fields, else the detail. Shared by the field
 * app's outbox (loaded only when something was refused: the rule texts are large) and the PK's card
 * of refused records on the office home.
 */
import { fieldErrorText } from './labels';
import type { RefusalAnswer } from './refusal-cause';
import { causeText } from './refusal-cause-text';
import { m } from '../paraglide/messages.js';

export function reasonText(answer: RefusalAnswer): { cause: string; details: string[] } {
  const cause = causeText(answer);
  const message = answer.detail ?? answer.title;
  const rules = [...new Set((answer.rules ?? []).map((rule) => fieldErrorText({ path: '', message, rule })))];
  if (rules.length > 0) return { cause, details: rules };
  if (answer.fields?.length) {
    return { cause, details: [m.offline_refusals_fields({ fields: answer.fields.join(', ') })] };
  }
  return { cause, details: answer.detail ? [answer.detail] : [] };
}
