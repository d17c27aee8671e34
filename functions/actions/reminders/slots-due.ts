import { RECORDING_STATUSES } from '../../domain';
import type { CaseRecord } from '../../store/case-store';
import type { SlotRecord } from '../../store/slot-store';
import type { ReminderWorkerPorts } from './worker-ports';

/**
 * The office's slots of `date` that someone is to come for: still scheduled (no session fulfilled them),
 * of a case that still takes sessions, with those cases. A slot of a case referred, suspended or closed
 * since it was accepted waits for the re-planner to release it (ADR 0014); nobody is reminded of it
 * meanwhile. One Query and one BatchGet (per 100 cases).
 */
export async function slotsDue(
  ports: Pick<ReminderWorkerPorts, 'slots' | 'cases'>,
  officeId: string,
  date: string,
): Promise<{ slots: SlotRecord[]; cases: ReadonlyMap<string, CaseRecord> }> {
  const scheduled = (await ports.slots.ofOfficeDay(officeId, date)).filter((s) => s.status === 'scheduled');
  if (scheduled.length === 0) return { slots: [], cases: new Map() };
  const cases = new Map(
    (
      await ports.cases.getMany(
        officeId,
        scheduled.map((s) => s.caseId),
      )
    )
      .filter((c) => RECORDING_STATUSES.includes(c.status))
      .map((c) => [c.id, c]),
  );
  return { slots: scheduled.filter((s) => cases.has(s.caseId)), cases };
}
