/**
 * What the retention job and its dry run reach (issue 17, ADR 0020): the retention store, the cases of
 * a client, the evidence bucket's versions and locks, the schedule in force and the clock.
 */
import {
  isOfficeTimeZone,
  retentionSteps,
  type LocalDate,
  type RetentionSettings,
  type RetentionStep,
} from '../../domain';
import type { CaseRecord, CaseStore } from '../../store/case-store';
import type { RetentionObjects } from '../../store/retention-objects';
import type { RetentionStore } from '../../store/retention-store';

export type { RetentionLogRecord } from '../../store/retention-store';

export interface RetentionPorts {
  readonly retention: RetentionStore;
  readonly cases: Pick<CaseStore, 'getMany'>;
  readonly retentionObjects: RetentionObjects;
  readonly retentionSettings: RetentionSettings;
  readonly now: () => Date;
}

/** Who acts for the schedule in the deletion records: the nightly job, never a person. */
export const RETENTION_ACTOR = 'system:retention';

/**
 * The closure dates of the client's other cases, from the client item's `caseIds`: `undefined` for a
 * case not closed (it holds the client's steps). A client without `caseIds` (registered before they
 * were kept) could have a case the list does not name: held, with one unknown entry.
 */
export function otherClosures(
  record: Pick<CaseRecord, 'id'>,
  client: Record<string, unknown> | undefined,
  casesById: ReadonlyMap<string, Pick<CaseRecord, 'status' | 'closedOn'>>,
): (LocalDate | undefined)[] {
  // A client the job deleted had no case left open; one we cannot read holds its steps.
  if (!client) return [];
  const ids = client.caseIds as readonly string[] | undefined;
  if (!ids) return [undefined];
  return ids
    .filter((id) => id !== record.id)
    .flatMap((id) => {
      const other = casesById.get(id);
      // A case the job deleted was closed and done with: it holds nothing.
      if (!other) return [];
      return [other.status === 'closed' && other.closedOn ? other.closedOn : undefined];
    });
}

/** The steps of one closed case as of a date, given its client and the client's other cases. */
export function stepsOf(
  record: CaseRecord,
  client: Record<string, unknown> | undefined,
  casesById: ReadonlyMap<string, Pick<CaseRecord, 'status' | 'closedOn'>>,
  settings: RetentionSettings,
  asOf: LocalDate,
): RetentionStep[] {
  return retentionSteps({
    closedOn: record.closedOn!,
    otherCases: otherClosures(record, client, casesById),
    schedule: settings.schedule,
    asOf,
  });
}

/** The client's other case ids named on the client items, for one BatchGet. */
export const otherCaseIds = (records: readonly CaseRecord[], clients: readonly Record<string, unknown>[]) => {
  const own = new Set(records.map((r) => r.id));
  return [
    ...new Set(
      clients.flatMap((c) => ((c.caseIds as string[] | undefined) ?? []).filter((id) => !own.has(id))),
    ),
  ];
};

export const zoneOf = (office: { readonly timeZone: string }) => {
  if (!isOfficeTimeZone(office.timeZone)) throw new Error(`office time zone ${office.timeZone} is not known`);
  return office.timeZone;
};
