/**
 * Expiry of uploads that never arrived. An upload URL lives 15 minutes; a record still `pending` after
 * the configured time (default 60 minutes) is marked `expired`, in one transaction with its audit entry.
 *
 * Before expiring, the job looks for the object: if the bytes are there, the ObjectCreated event was
 * lost (or the verifier failed), and the record is verified now instead. No table scan: each office's pending
 * uploads are one Query on the sparse `due` index, which holds evidence only while it is pending.
 */
import { StaleEvidence, type EvidenceStore } from '../store/evidence-store';
import type { EvidenceObjects } from '../store/evidence-objects';
import { VERIFIER_ACTOR, type EvidenceVerifier, type VerifierLogger } from './verifier';

export interface ExpiryDependencies {
  readonly evidence: EvidenceStore;
  readonly objects: EvidenceObjects;
  readonly verifier: EvidenceVerifier;
  readonly bucket: string;
  readonly pendingExpiryMinutes: number;
  readonly now: () => Date;
  readonly logger?: VerifierLogger;
}

export interface ExpiryReport {
  readonly expired: number;
  /** Pending records whose bytes were found after all, and verified (or rejected) now. */
  readonly verifiedLate: number;
}

/** At most this many records per run, so one run stays well inside its timeout; the next run continues. */
const MAX_PER_RUN = 500;

export class EvidenceExpiry {
  constructor(private readonly deps: ExpiryDependencies) {}

  async run(): Promise<ExpiryReport> {
    const now = this.deps.now();
    const cutoff = new Date(now.getTime() - this.deps.pendingExpiryMinutes * 60_000).toISOString();
    let expired = 0;
    let verifiedLate = 0;
    let seen = 0;
    for (const officeId of await this.deps.evidence.officeIds()) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.deps.evidence.pendingBefore(officeId, cutoff, { limit: 100, startKey });
        for (const record of page.items) {
          seen += 1;
          if (await this.deps.objects.exists(record.objectKey)) {
            // No thumbnail here: this role cannot write objects; the object's own event, when it comes, adds it.
            await this.deps.verifier.verify(
              { bucket: this.deps.bucket, key: record.objectKey },
              { thumbnail: false },
            );
            verifiedLate += 1;
            continue;
          }
          try {
            await this.deps.evidence.decide(
              record,
              {
                ...record,
                status: 'expired',
                decidedAt: now.toISOString(),
                decidedBy: VERIFIER_ACTOR,
                version: record.version + 1,
                updatedAt: now.toISOString(),
              },
              {
                actor: VERIFIER_ACTOR,
                at: now,
                action: 'evidence.expire',
                reason: `No upload within ${this.deps.pendingExpiryMinutes} minutes of the request.`,
              },
            );
            expired += 1;
          } catch (error) {
            // The verifier decided it in the meantime: nothing to expire.
            if (!(error instanceof StaleEvidence)) throw error;
          }
        }
        startKey = page.lastKey;
      } while (startKey && seen < MAX_PER_RUN);
    }
    if (expired + verifiedLate > 0)
      this.deps.logger?.info('Pending evidence swept', { expired, verifiedLate });
    return { expired, verifiedLate };
  }
}
