import type { ImportFileAddress, ImportJobs } from '../../functions/actions/imports/import-ports';
import { readRuntimeConfig } from '../../functions/platform/config';
import {
  InProcessImportJobs,
  importJobAddressOf,
  provideLocalImportJobs,
} from '../../functions/platform/import-job-queue';
import type { S3Emulator } from './s3-emulator';

/**
 * Local mode's stand-in for the cloud's upload → EventBridge rule → import queue wiring (issue 22): every
 * `ObjectCreated` that s3rver emits for an upload key of the imports bucket starts that import's job,
 * read from the event exactly as the cloud's worker reads a message (`importJobAddressOf`). Other
 * buckets, reports and keys of other shapes start nothing. `start` returns at once (the in-process jobs
 * run after it); a failure to start is reported to `onError`.
 */
export function bridgeImportEvents(
  s3: Pick<S3Emulator, 'onObjectCreated'>,
  jobs: ImportJobs,
  options: {
    /** The imports bucket's local name: only its events, as the cloud's rule matches it alone. */
    readonly bucket: string;
    readonly onError?: (error: unknown) => void;
  },
): { stop(): Promise<void> } {
  let stopped = false;
  s3.onObjectCreated((event) => {
    if (stopped) return;
    const address = importJobAddressOf(event, { bucket: options.bucket });
    if (address) jobs.start(address).catch((error: unknown) => options.onError?.(error));
  });
  return {
    stop: async () => {
      stopped = true;
    },
  };
}

/**
 * Local mode's import jobs: the cloud worker's job code (platform/import-workers.ts) run in this process
 * by `InProcessImportJobs`, handed to the handlers (`provideLocalImportJobs`, so the API's commit and
 * undo start them) and started by uploads to the imports bucket (`bridgeImportEvents`). Slices of 20
 * seconds, where the cloud's invocations run about 13 minutes: a big file is continued from its
 * checkpoint here too, so continuation is exercised, not just possible. Call once the runtime
 * configuration is in process.env: the job's ports are built from it, as on a cold start.
 */
export async function startLocalImportJobs(
  s3: Pick<S3Emulator, 'onObjectCreated'>,
  options: {
    readonly bucket: string;
    /** @default 20 000 */
    readonly sliceMs?: number;
    readonly onError?: (error: unknown, address?: ImportFileAddress) => void;
  },
): Promise<{ readonly jobs: InProcessImportJobs; stop(): Promise<void> }> {
  const { createImportWorkers, importJobRun } = await import('../../functions/platform/import-workers');
  const jobs = new InProcessImportJobs({
    run: importJobRun(createImportWorkers(readRuntimeConfig())),
    sliceMs: options.sliceMs ?? 20_000,
    onError: (error, address) => options.onError?.(error, address),
  });
  provideLocalImportJobs(jobs);
  const bridge = bridgeImportEvents(s3, jobs, { bucket: options.bucket, onError: options.onError });
  return {
    jobs,
    stop: async () => {
      await bridge.stop();
      await jobs.stop();
      provideLocalImportJobs(undefined);
    },
  };
}
