/**
 * The office's monthly report (issue 14): the dashboard's figures over a calendar month, read from the
 * running counters (one BatchGet) and the two count-only work-list Queries; no case is read, so the
 * cost is the same for ten cases or ten thousand. Statuses, warnings and deadlines are counted as of
 * the day of issue (the counters keep no history of them), and the report says so.
 */
import { officeToday } from '../../domain';
import { buildOfficeMonthlyReport, monthWeeks, type OfficialDocument } from '../../domain/documents';
import type { OfficeGrant } from '../../identity/grant';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { openCasesIn, workListCounts } from '../summary/office-summary';
import type { DocumentFrame } from './document-frame';

export type OfficeSourcePorts = Pick<Ports, 'summary' | 'now'>;

export async function monthlyReport(
  ports: OfficeSourcePorts,
  grant: OfficeGrant,
  month: string,
  frame: DocumentFrame,
): Promise<{ model: OfficialDocument; period: string }> {
  const officeId = grant.office.id;
  const asOf = officeToday(grant.office, ports.now());
  if (month > asOf.slice(0, 7)) {
    throw refuse.invalid([{ path: 'month', message: 'A month that has not begun has no report.' }]);
  }
  const mondays = monthWeeks(month);
  const [counters, workList] = await Promise.all([
    ports.summary.counters(officeId, month, mondays),
    workListCounts(ports, officeId, asOf),
  ]);
  const model = buildOfficeMonthlyReport({
    ...frame.numbered,
    letterhead: frame.settings.letterhead,
    head: frame.settings.head,
    figures: {
      month,
      asOf,
      casesByStatus: counters.casesByStatus,
      openCases: openCasesIn(counters.casesByStatus),
      creditedMinutesInMonth: counters.creditedMinutesInMonth,
      sessionsInMonth: counters.sessionsInMonth,
      openWarnings: counters.openWarnings,
      ...workList,
      weeks: counters.weeks,
    },
  });
  return { model, period: month };
}
