import type { EvidenceRecord } from '../../store/evidence-store';
import { VERIFIER_ACTOR } from './worker-ports';

/**
 * The record after the system's verdict (verified, rejected, expired): the verdict's fields, who
 * decided and when, and the next version. One shape for the verifier and the expiry sweep.
 */
export function concluded(
  record: EvidenceRecord,
  at: Date,
  verdict: Pick<EvidenceRecord, 'status'> & Partial<EvidenceRecord>,
): EvidenceRecord {
  return {
    ...record,
    ...verdict,
    decidedAt: at.toISOString(),
    decidedBy: VERIFIER_ACTOR,
    version: record.version + 1,
    updatedAt: at.toISOString(),
  };
}

/** The audit actor of a system verdict. */
export const systemActor = (at: Date, action: string, reason?: string) => ({
  actor: VERIFIER_ACTOR,
  at,
  action,
  ...(reason ? { reason } : {}),
});
