import {
  addDays,
  officeToday,
  termsOf,
  weekStart,
  weeklyDigestEmail,
  type DigestCase,
  type Office,
} from '../../domain';
import type { CaseRecord } from '../../store/case-store';
import type { ReminderKey } from '../../store/reminder-log';
import { deliver, emailTo, membersOf, tagsOf } from './deliver';
import { addReports, EMPTY_REPORT, type ReminderReport, type ReminderWorkerPorts } from './worker-ports';

const KIND = 'weekly-digest';

/** How far ahead "the schedule runs out" looks, and how far past it a later slot is searched. */
const RUNS_OUT_WITHIN_DAYS = 7;
const LOOK_BEYOND_DAYS = 14;

/** The office's open cases (the open-cases index by deadline), every page. */
async function openCasesOf(ports: Pick<ReminderWorkerPorts, 'cases'>, officeId: string) {
  const cases: CaseRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ports.cases.list(officeId, {}, { limit: 100, startKey });
    cases.push(...page.items);
    startKey = page.lastKey;
  } while (startKey);
  return cases;
}

const digestCase = (record: CaseRecord): DigestCase => ({
  caseId: record.id,
  clientName: record.clientName,
  deadline: termsOf(record).deadline,
});

/**
 * The weekly digest (issue 15): one email per PK with open cases, listing those impossible or at risk
 * (the re-planner's stored verdict), those with slots of last week never recorded, and those with hours
 * left and placed whose accepted schedule ends within 7 days. Claimed under the office (it is about no
 * one case), keyed by the week's Monday. Reads: the open cases (paged), last week's slots and the next
 * three weeks' slots (one paged Query each), the office's people.
 *
 * "Runs out" is read from the slots of the next 21 days: a case whose last slot there falls within 7
 * days (or that has none) is listed. A schedule with a gap of two weeks or more is listed too, which
 * is what the PK should look at anyway.
 */
export async function sendWeeklyDigest(ports: ReminderWorkerPorts, office: Office): Promise<ReminderReport> {
  const today = officeToday(office, ports.now());
  const weekOf = weekStart(today);
  const [cases, lastWeek, ahead, members] = await Promise.all([
    openCasesOf(ports, office.id),
    ports.slots.ofOfficeRange(office.id, addDays(weekOf, -7), addDays(weekOf, -1)),
    ports.slots.ofOfficeRange(office.id, today, addDays(today, RUNS_OUT_WITHIN_DAYS + LOOK_BEYOND_DAYS - 1)),
    membersOf(ports, office.id),
  ]);
  const missed = new Map<string, number>();
  for (const s of lastWeek)
    if (s.status === 'scheduled') missed.set(s.caseId, (missed.get(s.caseId) ?? 0) + 1);
  const lastSlot = new Map<string, string>();
  for (const s of ahead) if ((lastSlot.get(s.caseId) ?? '') < s.date) lastSlot.set(s.caseId, s.date);
  const runsOutBefore = addDays(today, RUNS_OUT_WITHIN_DAYS);

  const byOfficer = new Map<string, CaseRecord[]>();
  for (const c of cases) byOfficer.set(c.officerUsername, [...(byOfficer.get(c.officerUsername) ?? []), c]);

  let report = EMPTY_REPORT;
  for (const [username, own] of byOfficer) {
    const email = weeklyDigestEmail({
      officeName: office.name,
      weekOf,
      openCases: own.length,
      impossible: own.filter((c) => c.plan?.state === 'impossible').map(digestCase),
      atRisk: own.filter((c) => c.plan?.state === 'at_risk').map(digestCase),
      missed: own
        .filter((c) => missed.has(c.id))
        .map((c) => ({ ...digestCase(c), missedSlots: missed.get(c.id)! })),
      runningOut: own
        .filter((c) => c.remainingMinutes > 0 && c.currentSiteId !== undefined)
        .filter((c) => (lastSlot.get(c.id) ?? '') < runsOutBefore)
        .map((c) => {
          const last = lastSlot.get(c.id);
          return { ...digestCase(c), ...(last ? { lastSlot: last } : {}) };
        }),
    });
    const key: ReminderKey = {
      officeId: office.id,
      kind: KIND,
      date: weekOf,
      recipient: 'officer',
      recipientId: username,
    };
    const delivery = emailTo(ports, members.get(username), { ...email, tags: tagsOf(office, KIND) });
    report = addReports(report, await deliver(ports, key, delivery));
  }
  return report;
}
