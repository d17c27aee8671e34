import {
  caseListSite,
  clockOf,
  computeProgress,
  officeToday,
  parseDecisionNumber,
  termsOf,
  type CaseFlag,
  type CaseOrigin,
  type CaseProgress,
  type CaseTerms,
  type Office,
} from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { CaseListFilter, CaseRecord } from '../../store/case-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { loadVisibleCase } from './visible-case';

export type { CaseInput, CaseListFilter, CaseRecord } from '../../store/case-store';

/**
 * A case as its readers see it: the record, with registration v2's defaults for a v1 record (origin
 * `decision`, the level read from its number, no flags), and its progress as of today in the office's zone.
 */
export type CaseView = CaseRecord & {
  readonly origin: CaseOrigin;
  readonly flags: readonly CaseFlag[];
  /** The hours and deadline in force (the sentence's until an outcome or a payment sets others). */
  readonly terms: CaseTerms;
  readonly clock: { readonly paused: boolean };
  readonly progress: CaseProgress;
};

import type { Page, PageRequest } from '../../store/paging';

export type { Page, PageRequest } from '../../store/paging';

/** The case with its progress on the office's local date at `now`. */
export function viewCase(record: CaseRecord, office: Office, now: Date): CaseView {
  return viewOn(officeToday(office, now))(record);
}

const viewOn =
  (today: string) =>
  (record: CaseRecord): CaseView => ({
    ...record,
    origin: record.origin ?? 'decision',
    decision: withLevel(record.decision),
    flags: record.flags ?? [],
    terms: termsOf(record),
    clock: clockOf(record.status),
    progress: computeProgress({
      hoursOrdered: termsOf(record).hours,
      creditedMinutes: record.creditedMinutes,
      today,
      startDate: record.sentence.startDate,
      deadline: termsOf(record).deadline,
      maxHoursPerDay: record.sentence.maxHoursPerDay,
      daysPerWeek: record.sentence.daysPerWeek,
      paused: clockOf(record.status).paused,
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

/** v1 stored no level: it is read from the number, which every v1 case has. */
function withLevel(decision: CaseRecord['decision']): CaseRecord['decision'] {
  if (decision.level || !decision.number) return decision;
  const parsed = parseDecisionNumber(decision.number);
  return parsed.ok ? { ...decision, level: parsed.value.level } : decision;
}
