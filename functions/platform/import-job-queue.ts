import { AsyncResource } from 'node:async_hooks';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { ImportFileAddress, ImportJobs } from '../actions/imports/import-ports';
import { importAddressOfKey } from '../store/import-files';

/**
 * How an import's job is started after the request that made it due (issue 22): in the cloud a message
 * on the import queue, whose worker (handlers/import-job.ts) runs the job in slices and queues itself
 * again while there is more; in local mode and the tests the same job in this process.
 */

/** What a job run may spend: the runner asks before each chunk whether to stop at its checkpoint. */
export interface JobBudget {
  shouldStop(): boolean;
}

/** One slice of an import's job, from its checkpoint; `more` when it stopped before the end. */
export type ImportJobRun = (address: ImportFileAddress, budget: JobBudget) => Promise<{ more: boolean }>;

/**
 * The cloud's jobs: one SQS message `{ officeId, importId }` per start, on `IMPORT_QUEUE_URL`. The SDK is
 * loaded on first use, as S3's is (store/s3-client.ts): most API requests never start a job.
 */
export class SqsImportJobs implements ImportJobs {
  private client: Promise<{ sqs: typeof import('@aws-sdk/client-sqs'); client: SQSClient }> | undefined;

  constructor(
    private readonly options: {
      readonly queueUrl: string;
      readonly region: string;
      /** Tests pass a client with a capturing request handler. */
      readonly client?: SQSClient;
    },
  ) {}

  async start(address: ImportFileAddress): Promise<void> {
    const { sqs, client } = await (this.client ??= import('@aws-sdk/client-sqs').then((sqs) => ({
      sqs,
      client: this.options.client ?? new sqs.SQSClient({ region: this.options.region }),
    })));
    // Ids only: the message is all the worker needs, and queues are no place for personal data.
    await client.send(
      new sqs.SendMessageCommand({
        QueueUrl: this.options.queueUrl,
        MessageBody: JSON.stringify({ officeId: address.officeId, importId: address.importId }),
      }),
    );
  }
}

export interface InProcessImportJobsOptions {
  /** One slice of the job (what the cloud's worker runs per invocation). */
  readonly run: ImportJobRun;
  /** A slice that threw: the job stops there, at its checkpoint, until the next `start`. */
  readonly onError?: (error: unknown, address: ImportFileAddress) => void;
  /**
   * How long one slice runs before it stops at a checkpoint and the next begins, as a Lambda stops
   * before its timeout: short in local mode, so that continuing a job is exercised, not just possible.
   * @default 20 000 ms
   */
  readonly sliceMs?: number;
  /** @default Date.now */
  readonly clock?: () => number;
}

/**
 * Local mode's and the tests' jobs: `start` returns at once and the job runs after the request
 * (`setImmediate`, never awaited by it), slice after slice until the job says there is no more.
 * One loop per import at a time: a `start` while its loop runs is coalesced into one more pass after
 * it (the request that made new work due, a commit after a dry run, is never lost, and never runs
 * twice at once). A slice that throws is reported to `onError` and ends that pass at its checkpoint.
 */
export class InProcessImportJobs implements ImportJobs {
  private readonly loops = new Map<string, { again: boolean; done: Promise<void> }>();
  private stopped = false;

  private readonly detached = new AsyncResource('abdi-import-jobs');

  constructor(private readonly options: InProcessImportJobsOptions) {}

  start(address: ImportFileAddress): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const key = `${address.officeId}/${address.importId}`;
    const running = this.loops.get(key);
    if (running) {
      running.again = true;
      return Promise.resolve();
    }
    const loop = { again: false, done: Promise.resolve() };
    // Started from inside a request, the job must not inherit its async context (the request's
    // Idempotency-Key claim would ride in the job's first transaction): it runs in the context this
    // object was made in, as a queued job runs in an invocation of its own.
    loop.done = this.detached.runInAsyncScope(() =>
      new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.runLoop(key, address, loop)),
    );
    this.loops.set(key, loop);
    return Promise.resolve();
  }

  /** Resolves once no job is running or scheduled (including passes queued while waiting). */
  async whenIdle(): Promise<void> {
    while (this.loops.size > 0) await Promise.all([...this.loops.values()].map((loop) => loop.done));
  }

  /** No new slices from now on; resolves when the running ones have finished (local mode's shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.whenIdle();
  }

  /**
   * Slices until the job has no more, then once more per coalesced `start`. The loop leaves the map in
   * the same synchronous step as its last check of `again`, so a `start` is either seen by the check or
   * starts a loop of its own, never lost in between.
   */
  private async runLoop(key: string, address: ImportFileAddress, loop: { again: boolean }): Promise<void> {
    const clock = this.options.clock ?? Date.now;
    const sliceMs = this.options.sliceMs ?? 20_000;
    try {
      do {
        loop.again = false;
        try {
          for (let more = true; more && !this.stopped;) {
            const started = clock();
            ({ more } = await this.options.run(address, { shouldStop: () => clock() - started >= sliceMs }));
          }
        } catch (error) {
          this.options.onError?.(error, address);
        }
      } while (loop.again && !this.stopped);
    } finally {
      this.loops.delete(key);
    }
  }
}

/**
 * The import a job message is about, or undefined for anything else. Three shapes reach the worker:
 * - `{ officeId, importId }`: what `SqsImportJobs.start` sends (a commit, an undo, a continuation);
 * - an EventBridge S3 `Object Created` event (`detail.object.key`): the cloud's upload rule;
 * - S3 notification records (`Records[].s3.object.key`, URL-encoded with `+` for spaces): what s3rver
 *   emits in local mode.
 * Every id is checked as `importAddressOfKey` checks a key; an upload key of any other shape, a report
 * key, or another bucket's key (when `bucket` is given) is not a job.
 */
export function importJobAddressOf(
  body: unknown,
  options: { readonly bucket?: string } = {},
): ImportFileAddress | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const message = body as {
    officeId?: unknown;
    importId?: unknown;
    source?: unknown;
    'detail-type'?: unknown;
    detail?: { bucket?: { name?: unknown }; object?: { key?: unknown } };
    Records?: unknown;
  };
  if (typeof message.officeId === 'string' && typeof message.importId === 'string') {
    return importAddressOfKey(`imports/${message.officeId}/${message.importId}/upload`);
  }
  if (message.source === 'aws.s3' && message['detail-type'] === 'Object Created') {
    return uploadOf(message.detail?.bucket?.name, message.detail?.object?.key, options.bucket);
  }
  if (Array.isArray(message.Records)) {
    for (const record of message.Records as {
      eventName?: unknown;
      s3?: { bucket?: { name?: unknown }; object?: { key?: unknown } };
    }[]) {
      if (typeof record?.eventName === 'string' && !record.eventName.startsWith('ObjectCreated')) continue;
      const address = uploadOf(record?.s3?.bucket?.name, record?.s3?.object?.key, options.bucket);
      if (address) return address;
    }
  }
  return undefined;
}

function uploadOf(bucket: unknown, key: unknown, expectedBucket: string | undefined) {
  if (typeof key !== 'string' || (expectedBucket !== undefined && bucket !== expectedBucket))
    return undefined;
  let decoded: string;
  try {
    // S3 event keys are URL-encoded, spaces as `+`; import keys have neither, so this changes nothing
    // for a real upload and turns an odd key into one that fails the strict parse.
    decoded = decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
  return importAddressOfKey(decoded);
}

/**
 * Local mode has no queue: infra/local/start.ts hands in its in-process jobs (and the tests theirs), as
 * it hands in the message channels (messaging.ts `provideLocalMessaging`). Looked up when a job starts,
 * not when the dependencies are built, so the order in which a test or local mode loads things does not
 * matter.
 */
let localImportJobs: ImportJobs | undefined;

/** Local mode only: the jobs `importJobsFor` starts when `ABDI_MODE` is `local`. */
export function provideLocalImportJobs(jobs: ImportJobs | undefined): void {
  localImportJobs = jobs;
}

/**
 * The deployment's jobs: the queue where `IMPORT_QUEUE_URL` is set; in local mode the handed-in ones;
 * elsewhere (a function that starts no import) a port that says what is missing when used.
 */
export function importJobsFor(config: {
  readonly mode: 'cloud' | 'local';
  readonly region: string;
  readonly importQueueUrl?: string;
}): ImportJobs {
  if (config.importQueueUrl)
    return new SqsImportJobs({ queueUrl: config.importQueueUrl, region: config.region });
  const missing =
    config.mode === 'local'
      ? 'Local mode has no import jobs (infra/local/start.ts provides them)'
      : 'No import queue: IMPORT_QUEUE_URL is not set for this function';
  return {
    start: (address) => {
      if (config.mode === 'local' && localImportJobs) return localImportJobs.start(address);
      return Promise.reject(new Error(missing));
    },
  };
}

/** The worker stops a slice this long before its timeout, at a checkpoint, and queues the rest. */
export const STOP_BEFORE_TIMEOUT_MS = 120_000;

/** What the worker logs through: ids and counts only, never a row's values. */
export interface ImportJobLog {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}

/**
 * The import worker's batch (handlers/import-job.ts): each SQS record's job slice, in turn, with a budget
 * that runs out `STOP_BEFORE_TIMEOUT_MS` before the invocation's timeout. A slice that stopped with more
 * to do is queued again (`jobs.start`), so it continues in a fresh invocation. A record that is no job
 * message is dropped with a warning naming the message only (its body may be anything); a record whose
 * slice or continuation threw is returned as a batch item failure, so SQS retries it alone, from the
 * job's checkpoint, and after five failures moves it to the dead-letter queue.
 */
export async function handleImportMessages(
  records: readonly { readonly messageId: string; readonly body: string }[],
  worker: {
    readonly run: ImportJobRun;
    readonly jobs: ImportJobs;
    readonly remainingMs: () => number;
    readonly log: ImportJobLog;
    /** The imports bucket: an upload event of another bucket is no job. */
    readonly bucket?: string;
  },
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  const budget: JobBudget = { shouldStop: () => worker.remainingMs() < STOP_BEFORE_TIMEOUT_MS };
  for (const record of records) {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      body = undefined;
    }
    const address = importJobAddressOf(body, { bucket: worker.bucket });
    if (!address) {
      worker.log.warn('import job: not a job message, dropped', { messageId: record.messageId });
      continue;
    }
    try {
      const { more } = await worker.run(address, budget);
      if (more) await worker.jobs.start(address);
      worker.log.info('import job slice', { ...address, more });
    } catch (error) {
      // The error's name only: a message may quote a cell.
      worker.log.error('import job failed', { ...address, error: (error as Error)?.name ?? 'Error' });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
