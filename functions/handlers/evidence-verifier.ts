import middy from '@middy/core';
import { verifyStoredObjects, type VerificationOutcome } from '../actions/evidence/verify-stored-objects';
import { readRuntimeConfig } from '../platform/config';
import { createEvidenceWorkers } from '../platform/dependencies';
import { logger, observe } from '../platform/observability';

const ports = createEvidenceWorkers(readRuntimeConfig(), { logger });

/**
 * Lambda entry for stored evidence: S3 `ObjectCreated` as an EventBridge `Object Created` event (the
 * cloud stack) or as S3 notification records (what local mode feeds it from s3rver). Errors propagate,
 * so the invocation is retried; an already decided record is skipped, so retries are harmless.
 */
export const handler = middy<unknown, VerificationOutcome[]>()
  .use(observe())
  .handler(async (event) => verifyStoredObjects(ports, event));
