/**
 * The words for an outbox item on the supervisor's screen: what it is, and why the API refused it,
 * in the user's language (the API's own detail is English, for developers, so it comes second).
 */
import { causeText } from '../../lib/refusal-cause-text';
import { m } from '../../paraglide/messages.js';
import type { OutboxItem, Refusal } from './items';

const OUTCOME_TEXT = {
  attended: m.outcome_attended,
  partial: m.outcome_partial,
  excused_absence: m.outcome_excused_absence,
  unexcused_absence: m.outcome_unexcused_absence,
} as const;

export const outcomeText = (outcome: keyof typeof OUTCOME_TEXT): string => OUTCOME_TEXT[outcome]();

/** Times as the locale writes them: 14.30 in Indonesian, 14:30 in English. */
export const clock = (time: string, lang: string): string => (lang === 'id' ? time.replace(':', '.') : time);

export function itemWhat(item: OutboxItem, lang: string): string {
  if (item.kind === 'photo') return m.field_item_photo();
  return m.field_item_session({
    outcome: outcomeText(item.body.outcome),
    start: clock(item.body.startTime, lang),
    end: clock(item.body.endTime, lang),
  });
}

/**
 * Why the API refused an item: the cause in words (the case changed meanwhile, a rule, …) and the
 * API's own detail. The rule-by-rule texts stay with the PK's card (lib/refusal-reason.ts): they would
 * double the field app's first download.
 */
export function refusalText(refusal: Refusal): string {
  return refusal.detail ? `${causeText(refusal)} (${refusal.detail})` : causeText(refusal);
}
