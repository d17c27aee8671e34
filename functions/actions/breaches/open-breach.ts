import { checkBreachReport, noticeDeadline, type BreachReport } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { BreachRecord } from '../../store/breach-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { viewOf, type BreachView } from './queries';

/**
 * Opens a breach (UU 27/2022 Pasal 46) for the caller's office and the others it names: every office
 * named must exist in the deployment's directory, and each gets its copy in the same transaction, so
 * every affected office's admins see the 3 × 24-hour clock at once.
 *
 * Refuses: invalid (PDP-BREACH-REPORT; an office the directory does not know, naming the field).
 */
export async function openBreach(
  ports: Pick<Ports, 'breaches' | 'now'>,
  grant: OfficeGrant,
  input: BreachReport,
): Promise<BreachView> {
  const now = ports.now();
  const checked = checkBreachReport(input, { officeId: grant.office.id, now });
  if (!checked.ok) throw refuse.invalid(checked.violations, 'This breach cannot be recorded as given.');
  const report = checked.value;
  // The caller's own office is known (the guard just read it); the others come from the read-ahead.
  const others = report.officeIds.filter((id) => id !== grant.office.id);
  const known = await ports.breaches.existingOffices(others);
  const unknown = report.officeIds.flatMap((id, i) =>
    id === grant.office.id || known.has(id)
      ? []
      : [{ path: `officeIds.${i}`, message: `No office ${id} in this deployment.` }],
  );
  if (unknown.length > 0) throw refuse.invalid(unknown, 'Name offices of this deployment.');
  const actor = actorOf(grant, now);
  const at = now.toISOString();
  const breach: BreachRecord = {
    ...report,
    id: ports.breaches.newId(now),
    discoveredAt: new Date(report.discoveredAt).toISOString(),
    exposure: {
      from: new Date(report.exposure.from).toISOString(),
      to: new Date(report.exposure.to).toISOString(),
    },
    openedBy: { officeId: grant.office.id, actor: actor.actor },
    deadline: noticeDeadline(report.discoveredAt),
    status: 'open',
    notices: {},
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  return viewOf(ports, await ports.breaches.create(breach, actor, grant.office.id));
}
