/**
 * The retention dry run (issue 17, ADR 0020): what the schedule will have done by a date, for an admin
 * to read before the job does it. Reads what the job reads (the office's closed cases by closure date,
 * one Query per page) and answers with the same steps (`retentionSteps`): the cases with a step due by
 * `through`, each step's due date, action and whether it is done. Nothing identifies a person beyond the
 * case id and the decision number while the case still has one. Three calls a page: the listing, the
 * page's clients, their other cases.
 */
import {
  addDays,
  isLocalDate,
  latestClosureWithDueSteps,
  officeToday,
  type LocalDate,
  type RetentionStep,
  type RetentionStepId,
} from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { CaseRecord } from '../../store/case-store';
import type { Page, PageRequest } from '../cases/queries';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { otherCaseIds, stepsOf, type RetentionLogRecord } from './retention-ports';

export interface RetentionPlanStep extends RetentionStep {
  /** When the job did it (instant), if it has. */
  readonly doneAt?: string;
}

export interface RetentionPlanCase {
  readonly caseId: string;
  /** While the case still has it (the case step removes it). */
  readonly decisionNumber?: string;
  readonly closedOn: LocalDate;
  readonly steps: readonly RetentionPlanStep[];
}

type DryRunPorts = Pick<Ports, 'retention' | 'cases' | 'retentionSettings' | 'now'>;

/** The through-date asked for, or today and the notice days; refused when malformed or past. */
export function throughDate(ports: DryRunPorts, grant: OfficeGrant, through: string | undefined): LocalDate {
  const today = officeToday(grant.office, ports.now());
  if (through === undefined) return addDays(today, ports.retentionSettings.noticeDays);
  if (!isLocalDate(through)) {
    throw refuse.invalid([{ rule: 'INPUT-FORMAT', path: 'through', message: 'Use YYYY-MM-DD.' }]);
  }
  if (through < today) {
    throw refuse.invalid([
      { rule: 'INPUT-FORMAT', path: 'through', message: 'The dry run looks ahead: today or later.' },
    ]);
  }
  return through;
}

/** A page of the office's closed cases with a step due by `through` (done or not). */
export async function retentionDryRun(
  ports: DryRunPorts,
  grant: OfficeGrant,
  input: { readonly through: LocalDate; readonly page: PageRequest },
): Promise<Page<RetentionPlanCase>> {
  const officeId = grant.office.id;
  const settings = ports.retentionSettings;
  const listed = await ports.retention.closedCases(
    officeId,
    latestClosureWithDueSteps(input.through, settings.schedule),
    input.page,
  );
  const clients = await ports.retention.clients(
    officeId,
    listed.items.map((c) => c.clientId),
  );
  const clientById = new Map(clients.map((c) => [String(c.id), c]));
  const others = await ports.cases.getMany(officeId, otherCaseIds(listed.items, clients));
  const casesById = new Map<string, Pick<CaseRecord, 'status' | 'closedOn'>>(
    [...listed.items, ...others].map((c) => [c.id, c]),
  );
  const items = listed.items.flatMap((record) => {
    const done = record.retention?.done ?? {};
    const steps = stepsOf(record, clientById.get(record.clientId), casesById, settings, input.through).map(
      (step): RetentionPlanStep => ({
        ...step,
        ...(done[step.id as RetentionStepId] ? { doneAt: done[step.id]! } : {}),
      }),
    );
    if (!steps.some((s) => s.due)) return [];
    return [
      {
        caseId: record.id,
        ...(record.decision.number ? { decisionNumber: record.decision.number } : {}),
        closedOn: record.closedOn!,
        steps,
      },
    ];
  });
  return { items, ...(listed.lastKey ? { lastKey: listed.lastKey } : {}) };
}

/** A page of the office's deletion records, newest first. */
export function retentionLog(
  ports: Pick<Ports, 'retention'>,
  grant: OfficeGrant,
  input: { readonly page: PageRequest },
): Promise<Page<RetentionLogRecord>> {
  return ports.retention.log(grant.office.id, input.page);
}
