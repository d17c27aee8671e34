/**
 * The home screen's "needs action" list: which cases an officer should look at today, and why.
 * Built from three small case lists (open cases by deadline, warned, referred), deduplicated, most
 * urgent first. A case the law's checks flagged (missing consent, a child's hours above the office's
 * advisory default, …) needs a look too, until it is closed. Pure, unit-tested in test/unit/web/needs-action.test.ts.
 */
import type { Case } from './api-types';

/** Cases whose deadline is this close (or past) count as due soon, as in the office summary. */
export const DUE_SOON_DAYS = 30;

export type ActionReason =
  | { readonly kind: 'overdue'; readonly days: number }
  | { readonly kind: 'offTrack' }
  | { readonly kind: 'dueSoon'; readonly days: number }
  | { readonly kind: 'warned'; readonly openWarnings: number }
  | { readonly kind: 'awaitingOutcome' }
  | { readonly kind: 'flagged'; readonly rules: readonly string[] };

export interface ActionItem {
  readonly case: Case;
  readonly reasons: readonly ActionReason[];
}

const RANK: Record<ActionReason['kind'], number> = {
  overdue: 0,
  awaitingOutcome: 1,
  offTrack: 2,
  warned: 3,
  dueSoon: 4,
  flagged: 5,
};

/** Finished cases are done with; their flags are history. */
const FINISHED: readonly Case['status'][] = ['completed', 'converted', 'terminated', 'closed'];

const hasWorkLeft = (c: Case) => c.progress.hoursRemaining > 0;

export function reasonsFor(c: Case): ActionReason[] {
  const reasons: ActionReason[] = [];
  const { daysLeft, onTrack } = c.progress;
  if (c.status === 'referred') reasons.push({ kind: 'awaitingOutcome' });
  if (c.status === 'warned') reasons.push({ kind: 'warned', openWarnings: c.openWarnings });
  if (hasWorkLeft(c) && c.status !== 'referred') {
    if (daysLeft < 0) reasons.push({ kind: 'overdue', days: -daysLeft });
    else if (!onTrack) reasons.push({ kind: 'offTrack' });
    if (daysLeft >= 0 && daysLeft <= DUE_SOON_DAYS) reasons.push({ kind: 'dueSoon', days: daysLeft });
  }
  const flags = c.flags ?? [];
  if (flags.length > 0 && !FINISHED.includes(c.status)) {
    reasons.push({ kind: 'flagged', rules: [...new Set(flags.map((f) => f.rule))] });
  }
  return reasons.sort((a, b) => RANK[a.kind] - RANK[b.kind]);
}

/** Every case that needs action, once, most urgent first (then by deadline). */
export function needsAction(...lists: readonly (readonly Case[])[]): ActionItem[] {
  const byId = new Map<string, Case>();
  for (const list of lists) for (const c of list) byId.set(c.id, c);
  const items: ActionItem[] = [];
  for (const c of byId.values()) {
    const reasons = reasonsFor(c);
    if (reasons.length > 0) items.push({ case: c, reasons });
  }
  return items.sort(
    (a, b) =>
      RANK[a.reasons[0]!.kind] - RANK[b.reasons[0]!.kind] ||
      a.case.progress.deadline.localeCompare(b.case.progress.deadline),
  );
}
