import { caseListSite, computeProgress, officeToday, type CaseProgress, type Office } from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { CaseListFilter, CaseRecord } from '../../store/case-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { loadVisibleCase } from './visible-case';

export type { CaseInput, CaseListFilter, CaseRecord } from '../../store/case-store';

/** A case as its readers see it: the record and its progress as of today in the office's zone. */
export type CaseView = CaseRecord & { readonly progress: CaseProgress };

/** Where the previous page of a list ended (the API's cursor, decoded), and how many to read. */
export interface PageRequest {
  readonly limit: number;
  readonly startKey?: Record<string, unknown>;
}

/** One page of a list, and where it ended (none on the last page). */
export interface Page<T> {
  readonly items: T[];
  readonly lastKey?: Record<string, unknown>;
}

/** The case with its progress on the office's local date at `now`. */
export function viewCase(record: CaseRecord, office: Office, now: Date): CaseView {
  return viewOn(officeToday(office, now))(record);
}

const viewOn =
  (today: string) =>
  (record: CaseRecord): CaseView => ({
    ...record,
    progress: computeProgress({
      hoursOrdered: record.sentence.hours,
      creditedMinutes: record.creditedMinutes,
      today,
      startDate: record.sentence.startDate,
      deadline: record.sentence.deadline,
      maxHoursPerDay: record.sentence.maxHoursPerDay,
      daysPerWeek: record.sentence.daysPerWeek,
    }),
  });

/** One case the caller may see, with its progress. Refuses not-found for cases they may not see. */
export async function getCase(ports: Pick<Ports, 'cases' | 'now'>, grant: OfficeGrant, caseId: string) {
  const record = await loadVisibleCase(ports, grant, caseId);
  return viewCase(record, grant.office, ports.now());
}

/**
 * A page of the office's cases by deadline (open ones unless the filter names a status). A site
 * supervisor lists one of their own sites at a time (CASE-SITE-SCOPE); refuses invalid otherwise.
 */
export async function listCases(
  ports: Pick<Ports, 'cases' | 'now'>,
  grant: OfficeGrant,
  input: { readonly filter: CaseListFilter; readonly page: PageRequest },
): Promise<Page<CaseView>> {
  const site = caseListSite(grant.siteIds, input.filter.siteId);
  if (!site.ok) throw refuse.invalid(site.violations);
  const page = await ports.cases.list(grant.office.id, { ...input.filter, siteId: site.value }, input.page);
  return { items: page.items.map(viewOn(officeToday(grant.office, ports.now()))), lastKey: page.lastKey };
}
