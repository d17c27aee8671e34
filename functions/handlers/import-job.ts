import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { readRuntimeConfig } from '../platform/config';
import { handleImportMessages } from '../platform/import-job-queue';
import { createImportWorkers, importJobRun } from '../platform/import-workers';
import { logger, observe } from '../platform/observability';

const config = readRuntimeConfig();
const ports = createImportWorkers(config);
const run = importJobRun(ports);

/**
 * Lambda entry for spreadsheet import jobs (issue 22), fed by the import queue one message at a time:
 * an upload's `Object Created` event (the dry run) or `{ officeId, importId }` (a commit, an undo, the
 * rest of a job). Each runs a slice of the job from its checkpoint until two minutes before the timeout,
 * then queues the rest for a fresh invocation; a message that failed is reported alone (partial batch
 * response) and retried from the checkpoint. Logs ids and counts only.
 */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(observe())
  .handler((event, context) =>
    handleImportMessages(event.Records, {
      run,
      jobs: ports.importJobs,
      remainingMs: () => context.getRemainingTimeInMillis(),
      log: logger,
      bucket: config.importsBucket,
    }),
  );
