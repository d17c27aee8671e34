import middy from '@middy/core';
import { expirePendingUploads, type ExpiryReport } from '../actions/evidence/expire-pending-uploads';
import { readRuntimeConfig } from '../platform/config';
import { createEvidenceWorkers } from '../platform/dependencies';
import { logger, observe } from '../platform/observability';

const ports = createEvidenceWorkers(readRuntimeConfig(), { logger });

/**
 * Lambda entry for the scheduled sweep: pending uploads older than `EVIDENCE_PENDING_EXPIRY_MINUTES`
 * become `expired` (or are verified, when their bytes turn out to be there after all).
 */
export const handler = middy<unknown, ExpiryReport>()
  .use(observe())
  .handler(async () => expirePendingUploads(ports));
