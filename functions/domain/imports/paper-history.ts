/**
 * What a case did on paper before Abdi, as a cases row states it (issue 22): the hours already served,
 * the warnings already issued and the status reached. Checked with the lifecycle's own rules, walking
 * the path the use cases would have walked (registration → assessment → placement → sessions →
 * warnings → referral or completion), so an imported case stands exactly where a case run in Abdi
 * would stand. Pure: the job hands in what the row says and gets the plan or the violations, each on the
 * column that carries it.
 */
import type { LocalDate } from '../calendar';
import { canTransition, type CaseStatus } from '../lifecycle';
import { fail, ok, Rule, violation, type Result, type RuleViolation } from '../rules';
import { WARNING_LEVELS, type WarningLevel } from '../warnings';

export interface PaperHistoryInput {
  /** The hours ordered, in minutes. */
  readonly orderedMinutes: number;
  /** Whether the row places the case at a site. */
  readonly placed: boolean;
  /** Hours already served on paper, in minutes (0: none). */
  readonly creditMinutes: number;
  /** The dates warnings (teguran) were issued on paper. */
  readonly warningDates: readonly LocalDate[];
  /** The status the row says the case reached; absent: where the records above leave it. */
  readonly status?: CaseStatus;
}

export interface PaperWarning {
  /** In date order: the first warning is level 1, the second 2, any later one 3 (WARN-LEVEL). */
  readonly level: WarningLevel;
  readonly issuedOn: LocalDate;
}

export interface PaperHistoryPlan {
  readonly status: CaseStatus;
  readonly warnings: readonly PaperWarning[];
  /** The warnings stay open unless the case ended (LC-END-WARNINGS) or was referred on them. */
  readonly warningsOpen: boolean;
}

const COLUMN = {
  credit: 'paper.credit.hours',
  warnings: 'paper.warnings.dates',
  status: 'paper.status',
} as const;

/** The status the records alone leave a case in, before the row's stated status. */
function statusOfRecords(input: PaperHistoryInput): CaseStatus {
  if (!input.placed) return 'received';
  if (input.warningDates.length > 0) return 'warned';
  return input.creditMinutes > 0 ? 'active' : 'placed';
}

/**
 * The plan of a row's paper history, or its violations:
 * - CR-TOTAL-CAP: more hours served than ordered;
 * - LC-VIA-PLACEMENT: hours served or warnings without a placement (work is done at a site);
 * - LC-COMPLETE-HOURS: completed with hours left;
 * - LC-VIA-WARNING / LC-VIA-REFERRAL: warned or referred without a warning on paper;
 * - LC-TRANSITION: a status the records cannot lead to (e.g. placed with hours already served).
 */
export function planPaperHistory(input: PaperHistoryInput): Result<PaperHistoryPlan> {
  const v: RuleViolation[] = [];
  if (input.creditMinutes > input.orderedMinutes) {
    v.push(
      violation(
        Rule.CR_TOTAL_CAP,
        COLUMN.credit,
        `Jam yang sudah dijalani (${input.creditMinutes / 60}) melebihi jam putusan (${input.orderedMinutes / 60}).`,
      ),
    );
  }
  if (!input.placed && (input.creditMinutes > 0 || input.warningDates.length > 0)) {
    v.push(
      violation(
        Rule.LC_VIA_PLACEMENT,
        input.creditMinutes > 0 ? COLUMN.credit : COLUMN.warnings,
        'Jam kerja dan teguran hanya ada setelah penempatan: isi lokasi penempatan.',
      ),
    );
  }
  const warnings = [...input.warningDates]
    .sort()
    .map((issuedOn, i) => ({ level: WARNING_LEVELS[Math.min(i, WARNING_LEVELS.length - 1)]!, issuedOn }));
  const reached = statusOfRecords(input);
  const status = input.status ?? reached;
  if (input.status && input.status !== reached) {
    const problem = pathProblem(reached, input.status, input);
    if (problem) v.push(problem);
  }
  if (v.length > 0) return fail(v);
  return ok({
    status,
    warnings,
    warningsOpen: status === 'warned' || (status === 'active' && warnings.length > 0),
  });
}

/** Why the stated status cannot follow from the records, or undefined when it can. */
function pathProblem(
  reached: CaseStatus,
  stated: CaseStatus,
  input: PaperHistoryInput,
): RuleViolation | undefined {
  const remaining = input.orderedMinutes - input.creditMinutes;
  switch (stated) {
    case 'completed': {
      if (!input.placed) break;
      const done = canTransition('active', 'completed', { remainingMinutes: remaining });
      return done.ok ? undefined : { ...done.violations[0]!, path: COLUMN.status };
    }
    case 'referred':
      if (input.placed && input.warningDates.length > 0) return undefined;
      return violation(
        Rule.LC_VIA_REFERRAL,
        COLUMN.warnings,
        'Kasus dirujuk ke jaksa setelah teguran: isi tanggal teguran di atas kertas.',
      );
    case 'warned':
      if (input.warningDates.length === 0) {
        return violation(
          Rule.LC_VIA_WARNING,
          COLUMN.warnings,
          'Status diperingatkan memerlukan tanggal teguran.',
        );
      }
      break;
    case 'active':
      // Warnings answered by the client returning to work: the case is active again (warned → active).
      if (input.placed) return undefined;
      break;
    case 'placed':
    case 'received':
      break;
  }
  return violation(
    Rule.LC_TRANSITION,
    COLUMN.status,
    `Status "${stated}" tidak sesuai dengan isi baris (menurut catatannya: "${reached}").`,
  );
}
