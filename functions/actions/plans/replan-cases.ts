import { OPEN_STATUSES, Rule, type CaseFlag, type Office } from '../../domain';
import type { StreamedAudit } from '../../store/audit-stream';
import type { CasePlanSummary, CaseRecord } from '../../store/case-store';
import type { PlacementRecord } from '../../store/placement-store';
import { releaseVoidSlots } from '../schedule/release-slots';
import { feasibilityFlag } from './feasibility-flag';
import { planOfRecord, type CasePlan } from './plan-case';
import type { ReplanWorkerPorts } from './worker-ports';

export interface ReplanReport {
  /** Cases planned and stored. */
  readonly replanned: number;
  /** Cases skipped: gone, not open, or their office gone. */
  readonly skipped: number;
  /** Cases that moved while being planned: their newer change re-plans them. */
  readonly stale: number;
}

const OPEN = new Set(OPEN_STATUSES);

/**
 * Told when a placed case's stored feasibility state changed (its previous plan's state → the new
 * one), after the plan is written: the reminders' feasibility alert (actions/reminders) listens.
 * It must not throw: a batch retried for it would find the state stored and stay silent.
 */
export type FeasibilityChangeListener = (
  office: Office,
  record: CaseRecord,
  plan: CasePlanSummary,
) => Promise<void>;

/** The distinct cases the entries are about, each once, in the order first met. */
const casesOf = (entries: readonly StreamedAudit[]) => {
  const seen = new Map<string, { officeId: string; caseId: string }>();
  for (const { audit } of entries) {
    if (audit.subjectType !== 'case') continue;
    const key = `${audit.officeId}#${audit.subjectId}`;
    if (!seen.has(key)) seen.set(key, { officeId: audit.officeId, caseId: audit.subjectId });
  }
  return [...seen.values()];
};

const summaryOf = (plan: CasePlan, plannedAt: Date): CasePlanSummary => ({
  state: plan.feasibility.state,
  ...(plan.feasibility.latestStart ? { latestStart: plan.feasibility.latestStart } : {}),
  ...(plan.feasibility.slackDays === undefined ? {} : { slackDays: plan.feasibility.slackDays }),
  possibleMinutes: plan.possibleMinutes,
  remainingMinutes: plan.remainingMinutes,
  deadline: plan.deadline,
  plannedAt: plannedAt.toISOString(),
});

/** The case's flags with PLAN-FEASIBILITY replaced by `flag`, or removed when there is none. */
const withFeasibility = (flags: readonly CaseFlag[], flag: CaseFlag | undefined): CaseFlag[] => [
  ...flags.filter((f) => f.rule !== Rule.PLAN_FEASIBILITY),
  ...(flag ? [flag] : []),
];

/**
 * The re-planner (issue 15), run from the outbox after each committed change, never inside the request
 * (clarifications): every case an audit entry of the batch is about is planned once, from a strongly
 * consistent read, exactly as `GET …/plan` plans it, and the outcome is stored on the case (its `plan`
 * summary, and the PLAN-FEASIBILITY flag while the remaining hours cannot fit), so a case that became
 * impossible reaches needs-action while the PK can still ask the jaksa for a decision.
 *
 * Only open cases are planned; a case without an active placement gets its summary but no flag, since
 * every unplaced case is "impossible" and the PK knows it is unplaced. At risk is not flagged either:
 * it is a state for the summary, not a question for the jaksa, and a flag stays in needs-action until
 * the PK acts, which for "little slack" would be most cases near their end.
 *
 * The write is conditioned on what was planned from (version, totals, flags); a case that moved since
 * is skipped, and its newer change, which left its own audit entry, re-plans it. Cases are planned one
 * after another: a batch is small and each case costs four reads and one write.
 */
export async function replanAfterChanges(
  ports: ReplanWorkerPorts,
  entries: readonly StreamedAudit[],
  onFeasibilityChange?: FeasibilityChangeListener,
): Promise<ReplanReport> {
  let [replanned, skipped, stale] = [0, 0, 0];
  const offices = new Map<string, ReturnType<ReplanWorkerPorts['directory']['getOffice']>>();
  for (const { officeId, caseId } of casesOf(entries)) {
    const record: CaseRecord | undefined = await ports.cases.get(officeId, caseId);
    if (!offices.has(officeId)) offices.set(officeId, ports.directory.getOffice(officeId));
    const office = record && (await offices.get(officeId)!);
    if (!record || !office) {
      skipped += 1;
      continue;
    }
    if (!OPEN.has(record.status)) {
      // A closed case is not planned; its future slots give their places back.
      await releaseVoidSlots(ports, office, record, []);
      skipped += 1;
      continue;
    }
    const { written, placements } = await replanCase(ports, office, record, onFeasibilityChange);
    // A change may have ended a placement or the case's work: its slots nobody will come for go.
    await releaseVoidSlots(ports, office, record, placements);
    if (written) replanned += 1;
    else stale += 1;
  }
  return { replanned, skipped, stale };
}

/**
 * Plans one open case of `office` as read and stores the outcome, conditioned on what it planned from;
 * `written` is false when the case moved meanwhile (its newer change re-plans it). Tells
 * `onFeasibilityChange` when a placed case's stored state changed. Answers the active placements read.
 */
export async function replanCase(
  ports: Pick<ReplanWorkerPorts, 'placements' | 'sites' | 'sessions' | 'now'> & {
    readonly cases: Pick<ReplanWorkerPorts['cases'], 'writePlan'>;
    readonly slots: Pick<ReplanWorkerPorts['slots'], 'loadBetween' | 'ofClient'>;
  },
  office: Office,
  record: CaseRecord,
  onFeasibilityChange?: FeasibilityChangeListener,
): Promise<{ written: boolean; placements: readonly PlacementRecord[] }> {
  const { plan, placed, placements } = await planOfRecord(ports, office, record);
  const flag = placed ? feasibilityFlag(plan) : undefined;
  const summary = summaryOf(plan, ports.now());
  const written = await ports.cases.writePlan(record, summary, withFeasibility(record.flags ?? [], flag));
  if (written && placed && record.plan?.state !== summary.state) {
    await onFeasibilityChange?.(office, record, summary);
  }
  return { written, placements };
}
