import { feasibilityAlertEmail, officeToday, type FeasibilityState, type Office } from '../../domain';
import type { CasePlanSummary, CaseRecord } from '../../store/case-store';
import type { FeasibilityChangeListener } from '../plans/replan-cases';
import type { ReminderKey } from '../../store/reminder-log';
import { deliver, emailTo, membersOf, tagsOf } from './deliver';
import { addReports, EMPTY_REPORT, type ReminderReport, type ReminderWorkerPorts } from './worker-ports';

export type AlertPorts = Pick<ReminderWorkerPorts, 'users' | 'reminders' | 'messaging' | 'now'>;

/** Whether the re-planner's new verdict is one to alert on: it changed, and it is at risk or impossible. */
export const isAlertable = (
  before: FeasibilityState | undefined,
  after: FeasibilityState,
): after is 'at_risk' | 'impossible' => after !== before && (after === 'at_risk' || after === 'impossible');

/**
 * The at-risk / impossible alert (issue 15): to the case's PK and to the office's admins (Kepala Bapas
 * has no role in Abdi: ADR 0014), with the planner's numbers. Called by the re-planner when the state it
 * stores differs from the one stored before; each recipient's alert is claimed with the state and the
 * office's date, so one change alerts once however often the case is re-planned that day.
 */
export async function alertFeasibility(
  ports: AlertPorts,
  office: Office,
  record: Pick<CaseRecord, 'id' | 'clientName' | 'officerUsername'>,
  plan: CasePlanSummary & { state: 'at_risk' | 'impossible' },
): Promise<ReminderReport> {
  const kind = plan.state === 'impossible' ? 'impossible' : 'at-risk';
  const date = officeToday(office, ports.now());
  const members = await membersOf(ports, office.id);
  const email = feasibilityAlertEmail({
    officeName: office.name,
    clientName: record.clientName,
    caseId: record.id,
    state: plan.state,
    remainingMinutes: plan.remainingMinutes,
    possibleMinutes: plan.possibleMinutes,
    deadline: plan.deadline,
    ...(plan.latestStart ? { latestStart: plan.latestStart } : {}),
    ...(plan.slackDays === undefined ? {} : { slackDays: plan.slackDays }),
  });
  const message = { ...email, tags: tagsOf(office, kind, record.id) };
  const base = { officeId: office.id, caseId: record.id, kind, date } as const;
  const recipients: { key: ReminderKey; username: string }[] = [
    {
      key: { ...base, recipient: 'officer', recipientId: record.officerUsername },
      username: record.officerUsername,
    },
    ...[...members.values()]
      .filter((m) => m.roles.includes('admin') && m.username !== record.officerUsername)
      .map((m) => ({
        key: { ...base, recipient: 'admin' as const, recipientId: m.username },
        username: m.username,
      })),
  ];
  let report = EMPTY_REPORT;
  for (const { key, username } of recipients) {
    report = addReports(report, await deliver(ports, key, emailTo(ports, members.get(username), message)));
  }
  return report;
}

/**
 * The re-planner's listener (actions/plans/replan-cases.ts) sending the alert. `ports` is asked for on
 * the first alert only, so a re-planner whose channels are not configured still plans; whatever fails
 * here goes to `onError` and never back into the re-planner's batch.
 */
export const feasibilityAlerts =
  (
    ports: () => AlertPorts,
    onError: (officeId: string, caseId: string, error: unknown) => void,
  ): FeasibilityChangeListener =>
  async (office, record, plan) => {
    const state = plan.state;
    if (!isAlertable(record.plan?.state, state)) return;
    try {
      await alertFeasibility(ports(), office, record, { ...plan, state });
    } catch (error) {
      onError(office.id, record.id, error);
    }
  };
