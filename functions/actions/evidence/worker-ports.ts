import type { Logger } from '@aws-lambda-powertools/logger';
import type { BusinessEvents, Ports } from '../ports';

/** Who the audit trail names for the verifier's and the expiry job's decisions. */
export const VERIFIER_ACTOR = 'system:evidence-verifier';

/** Powertools' logger, or anything with its `info` and `warn`. */
export type VerifierLogger = Pick<Logger, 'info' | 'warn'>;

/**
 * What the evidence workers (the verifier on S3 events, the scheduled expiry sweep) reach: the stores
 * they read, the bucket, the deployment's evidence settings and a logger. No caller and no grant: they
 * act as the system, on the bytes and the records alone.
 */
export interface EvidenceWorkerPorts extends Pick<
  Ports,
  'evidence' | 'evidenceObjects' | 'sites' | 'directory' | 'now'
> {
  readonly evidenceSettings: {
    /** The evidence bucket; events of any other bucket are ignored. */
    readonly bucket: string;
    readonly maxUploadBytes: number;
    readonly pendingExpiryMinutes: number;
  };
  readonly logger?: VerifierLogger;
  /** Counts verdicts (EvidenceVerified, EvidenceRejected); none where nothing counts them. */
  readonly businessEvents?: Pick<BusinessEvents, 'evidenceDecided'>;
}

/**
 * What became of a verified image's thumbnail: `created` (stored and recorded), `unavailable` (there
 * can be none, recorded so), `failed` (logged; the next delivery of the event tries again).
 */
export type ThumbnailOutcome = 'created' | 'unavailable' | 'failed';
