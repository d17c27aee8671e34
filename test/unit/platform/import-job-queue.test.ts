import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import type { ImportFileAddress } from '../../../functions/actions/imports/import-ports';
import {
  InProcessImportJobs,
  STOP_BEFORE_TIMEOUT_MS,
  SqsImportJobs,
  handleImportMessages,
  importJobAddressOf,
  importJobsFor,
  provideLocalImportJobs,
  type JobBudget,
} from '../../../functions/platform/import-job-queue';
import { importAddressOfKey } from '../../../functions/store/import-files';

const IMPORT_ID = '01JQ8Z6M3X4T5V6W7Y8Z9A0B1C';
const address: ImportFileAddress = { officeId: 'bapas-palopo', importId: IMPORT_ID };
const uploadKey = `imports/bapas-palopo/${IMPORT_ID}/upload`;

describe('importAddressOfKey', () => {
  it('reads the import of an upload key and nothing else', () => {
    expect(importAddressOfKey(uploadKey)).toEqual(address);
    for (const key of [
      `imports/bapas-palopo/${IMPORT_ID}/report.xlsx`,
      `imports/bapas-palopo/${IMPORT_ID}/upload/x`,
      `evidence/bapas-palopo/${IMPORT_ID}/upload`,
      `imports/Bapas-Palopo/${IMPORT_ID}/upload`,
      `imports/-palopo/${IMPORT_ID}/upload`,
      `imports/bapas-palopo/${IMPORT_ID.toLowerCase()}/upload`,
      `imports/bapas-palopo/${IMPORT_ID}X/upload`,
      `imports/../${IMPORT_ID}/upload`,
      `imports//${IMPORT_ID}/upload`,
    ]) {
      expect(importAddressOfKey(key), key).toBeUndefined();
    }
  });
});

describe('importJobAddressOf', () => {
  it('accepts the message SqsImportJobs sends', () => {
    expect(importJobAddressOf({ officeId: 'bapas-palopo', importId: IMPORT_ID })).toEqual(address);
  });

  it('refuses a message whose ids could not name an import', () => {
    expect(importJobAddressOf({ officeId: 'bapas/palopo', importId: IMPORT_ID })).toBeUndefined();
    expect(importJobAddressOf({ officeId: 'bapas-palopo', importId: 'x' })).toBeUndefined();
    expect(importJobAddressOf({ officeId: 'bapas-palopo', importId: 42 })).toBeUndefined();
    for (const body of [undefined, null, 'text', 42, [], {}])
      expect(importJobAddressOf(body)).toBeUndefined();
  });

  it("accepts the cloud's EventBridge Object Created event for an upload key", () => {
    const event = {
      version: '0',
      source: 'aws.s3',
      'detail-type': 'Object Created',
      detail: { bucket: { name: 'abdi-sulsel-imports-123' }, object: { key: uploadKey, size: 10 } },
    };
    expect(importJobAddressOf(event)).toEqual(address);
    expect(importJobAddressOf(event, { bucket: 'abdi-sulsel-imports-123' })).toEqual(address);
    expect(importJobAddressOf(event, { bucket: 'abdi-sulsel-evidence-123' })).toBeUndefined();
    // The report the job writes next to the upload is no job.
    const report = {
      ...event,
      detail: { ...event.detail, object: { key: uploadKey.replace('upload', 'report.xlsx') } },
    };
    expect(importJobAddressOf(report)).toBeUndefined();
    expect(importJobAddressOf({ ...event, 'detail-type': 'Object Deleted' })).toBeUndefined();
  });

  it("accepts s3rver's notification records, URL-encoded keys included", () => {
    const records = (key: string, eventName = 'ObjectCreated:Put') => ({
      Records: [{ eventName, s3: { bucket: { name: 'abdi-local-imports' }, object: { key } } }],
    });
    expect(importJobAddressOf(records(uploadKey))).toEqual(address);
    expect(importJobAddressOf(records(encodeURIComponent(uploadKey)))).toEqual(address);
    expect(importJobAddressOf(records(uploadKey), { bucket: 'abdi-local-imports' })).toEqual(address);
    expect(importJobAddressOf(records(uploadKey), { bucket: 'abdi-local-evidence' })).toBeUndefined();
    expect(importJobAddressOf(records(uploadKey, 'ObjectRemoved:Delete'))).toBeUndefined();
    // A `+` is a space once decoded, so a key that only looks right is refused.
    expect(importJobAddressOf(records(uploadKey.replace('bapas-palopo', 'bapas+palopo')))).toBeUndefined();
    expect(importJobAddressOf(records('%E0%A4%A'))).toBeUndefined();
    expect(importJobAddressOf({ Records: [{ s3: {} }, null] })).toBeUndefined();
  });
});

describe('SqsImportJobs', () => {
  it('sends the ids, and only the ids, to the queue', async () => {
    // Prepare: an SQS client whose requests are captured and answered as SQS would.
    const sent: Record<string, unknown>[] = [];
    const client = new SQSClient({
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: {
        handle: async (request: { body?: unknown }) => {
          const text =
            typeof request.body === 'string'
              ? request.body
              : new TextDecoder().decode(request.body as Uint8Array);
          const body = JSON.parse(text) as { MessageBody: string };
          sent.push(body);
          const md5 = createHash('md5').update(body.MessageBody).digest('hex');
          return {
            response: {
              statusCode: 200,
              headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'r' },
              body: Readable.from([Buffer.from(JSON.stringify({ MessageId: 'm1', MD5OfMessageBody: md5 }))]),
            },
          };
        },
      },
    });
    const jobs = new SqsImportJobs({
      queueUrl: 'https://sqs.ap-southeast-3.amazonaws.com/123456789012/abdi-imports',
      region: 'ap-southeast-3',
      client,
    });

    // Act
    await jobs.start({ ...address, extra: 'not sent' } as ImportFileAddress);

    // Assess
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      QueueUrl: 'https://sqs.ap-southeast-3.amazonaws.com/123456789012/abdi-imports',
    });
    expect(JSON.parse(String(sent[0]!.MessageBody))).toEqual({
      officeId: 'bapas-palopo',
      importId: IMPORT_ID,
    });
    expect(importJobAddressOf(JSON.parse(String(sent[0]!.MessageBody)))).toEqual(address);
  });
});

describe('InProcessImportJobs', () => {
  /** A job of `slices` slices in all, each recording its address and budget. */
  function job(slices: number) {
    const calls: { address: ImportFileAddress; budget: JobBudget }[] = [];
    let left = slices;
    return {
      calls,
      run: async (a: ImportFileAddress, budget: JobBudget) => {
        calls.push({ address: a, budget });
        await new Promise((resolve) => setTimeout(resolve, 5));
        left -= 1;
        return { more: left > 0 };
      },
    };
  }

  it('runs after the request, slice after slice until there is no more', async () => {
    // Prepare
    const work = job(3);
    const jobs = new InProcessImportJobs({ run: work.run });

    // Act
    await jobs.start(address);
    // Assess: nothing ran within the request itself.
    expect(work.calls).toHaveLength(0);
    await jobs.whenIdle();
    expect(work.calls).toHaveLength(3);
    expect(work.calls.every((c) => c.address === address)).toBe(true);
  });

  it('gives each slice its own budget that runs out after sliceMs', async () => {
    // Prepare: a clock the test moves.
    let now = 1_000;
    const budgets: JobBudget[] = [];
    const jobs = new InProcessImportJobs({
      sliceMs: 20_000,
      clock: () => now,
      run: async (_a, budget) => {
        budgets.push(budget);
        const stop = budget.shouldStop();
        now += 20_000;
        return { more: budgets.length < 2 && !stop };
      },
    });

    // Act
    await jobs.start(address);
    await jobs.whenIdle();

    // Assess: the first slice's budget is spent, the second's is fresh at its start.
    expect(budgets).toHaveLength(2);
    expect(budgets[0]!.shouldStop()).toBe(true);
    now = 1_000;
    expect(budgets[1]!.shouldStop()).toBe(false);
  });

  it('coalesces starts while a job runs into one more pass, never two loops at once', async () => {
    // Prepare: count overlapping slices.
    let running = 0;
    let overlap = 0;
    let passes = 0;
    const jobs = new InProcessImportJobs({
      run: async () => {
        running += 1;
        overlap = Math.max(overlap, running);
        passes += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
        running -= 1;
        return { more: false };
      },
    });

    // Act: three starts, the last two while the first pass runs.
    await jobs.start(address);
    await new Promise((resolve) => setTimeout(resolve, 2));
    await jobs.start(address);
    await jobs.start({ ...address });
    await jobs.whenIdle();

    // Assess
    expect(overlap).toBe(1);
    expect(passes).toBe(2);
  });

  it('runs different imports side by side', async () => {
    const work = job(1);
    const jobs = new InProcessImportJobs({ run: work.run });
    const other = { officeId: 'bapas-makassar', importId: IMPORT_ID };
    await jobs.start(address);
    await jobs.start(other);
    await jobs.whenIdle();
    expect(work.calls.map((c) => c.address.officeId).sort()).toEqual(['bapas-makassar', 'bapas-palopo']);
  });

  it('reports a slice that threw and stops there, until the next start', async () => {
    // Prepare
    const errors: [unknown, ImportFileAddress][] = [];
    let calls = 0;
    const jobs = new InProcessImportJobs({
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error('DynamoDB down');
        return { more: false };
      },
      onError: (error, a) => errors.push([error, a]),
    });

    // Act
    await jobs.start(address);
    await jobs.whenIdle();

    // Assess
    expect(calls).toBe(1);
    expect(errors).toHaveLength(1);
    expect((errors[0]![0] as Error).message).toBe('DynamoDB down');
    expect(errors[0]![1]).toEqual(address);

    // Act: started again, it resumes.
    await jobs.start(address);
    await jobs.whenIdle();
    expect(calls).toBe(2);
  });

  it('starts nothing after stop', async () => {
    const work = job(1);
    const jobs = new InProcessImportJobs({ run: work.run });
    await jobs.stop();
    await jobs.start(address);
    await jobs.whenIdle();
    expect(work.calls).toHaveLength(0);
  });
});

describe('importJobsFor', () => {
  it('uses the queue where IMPORT_QUEUE_URL is set', () => {
    expect(
      importJobsFor({
        mode: 'cloud',
        region: 'ap-southeast-3',
        importQueueUrl: 'https://sqs.ap-southeast-3.amazonaws.com/123456789012/abdi-imports',
      }),
    ).toBeInstanceOf(SqsImportJobs);
  });

  it('says what is missing when used without a queue in the cloud', async () => {
    await expect(importJobsFor({ mode: 'cloud', region: 'ap-southeast-3' }).start(address)).rejects.toThrow(
      /IMPORT_QUEUE_URL/,
    );
  });

  it("starts local mode's handed-in jobs, looked up when a job starts", async () => {
    // Prepare: the port is built before the jobs are provided, as a handler loaded early would be.
    const jobs = importJobsFor({ mode: 'local', region: 'ap-southeast-3' });
    provideLocalImportJobs(undefined);
    await expect(jobs.start(address)).rejects.toThrow(/infra\/local/);
    const started: ImportFileAddress[] = [];
    provideLocalImportJobs({ start: async (a) => void started.push(a) });

    // Act
    await jobs.start(address);

    // Assess
    expect(started).toEqual([address]);
    provideLocalImportJobs(undefined);
  });
});

describe('handleImportMessages (the worker)', () => {
  /** A worker whose runs, starts and log lines are recorded. */
  function worker(
    run: (a: ImportFileAddress, b: JobBudget) => Promise<{ more: boolean }>,
    remaining = 900_000,
  ) {
    const started: ImportFileAddress[] = [];
    const lines: { level: string; message: string; attributes: Record<string, unknown> }[] = [];
    const log = (level: string) => (message: string, attributes: Record<string, unknown>) =>
      void lines.push({ level, message, attributes });
    let left = remaining;
    return {
      started,
      lines,
      spend: (ms: number) => (left -= ms),
      options: {
        run,
        jobs: { start: async (a: ImportFileAddress) => void started.push(a) },
        remainingMs: () => left,
        log: { info: log('info'), warn: log('warn'), error: log('error') },
        bucket: 'abdi-sulsel-imports-123',
      },
    };
  }
  const message = (messageId: string, body: unknown) => ({
    messageId,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

  it('runs the job of each message and queues the rest of a job that stopped early', async () => {
    // Prepare
    const w = worker(async (a) => ({ more: a.officeId === 'bapas-palopo' }));
    const other = { officeId: 'bapas-makassar', importId: IMPORT_ID };

    // Act
    const response = await handleImportMessages(
      [
        message('m1', address),
        message('m2', {
          source: 'aws.s3',
          'detail-type': 'Object Created',
          detail: {
            bucket: { name: 'abdi-sulsel-imports-123' },
            object: { key: `imports/bapas-makassar/${IMPORT_ID}/upload` },
          },
        }),
      ],
      w.options,
    );

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(w.started).toEqual([address]);
    expect(w.lines.map((l) => [l.level, l.attributes])).toEqual([
      ['info', { ...address, more: true }],
      ['info', { ...other, more: false }],
    ]);
  });

  it('stops a slice two minutes before the timeout', async () => {
    // Prepare: a run that spends time until its budget says stop.
    let checks = 0;
    const w = worker(async (_a, budget) => {
      while (!budget.shouldStop()) {
        checks += 1;
        w.spend(60_000);
      }
      return { more: true };
    }, 300_000);

    // Act
    await handleImportMessages([message('m1', address)], w.options);

    // Assess: chunks at 300, 240, 180 and 120 s left; at 60 s (under two minutes) it stops.
    expect(STOP_BEFORE_TIMEOUT_MS).toBe(120_000);
    expect(checks).toBe(4);
    expect(w.started).toEqual([address]);
  });

  it('reports only the messages that failed, and logs their ids and error name, never the message', async () => {
    // Prepare
    const failing = { officeId: 'bapas-makassar', importId: IMPORT_ID };
    const w = worker(async (a) => {
      if (a.officeId === failing.officeId) throw new Error('row 7: NIK 7373011003851234 already exists');
      return { more: false };
    });

    // Act
    const response = await handleImportMessages([message('m1', address), message('m2', failing)], w.options);

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    const errors = w.lines.filter((l) => l.level === 'error');
    expect(errors).toEqual([
      { level: 'error', message: 'import job failed', attributes: { ...failing, error: 'Error' } },
    ]);
    expect(JSON.stringify(w.lines)).not.toContain('7373011003851234');
  });

  it('fails the message when the rest of the job could not be queued', async () => {
    const w = worker(async () => ({ more: true }));
    const response = await handleImportMessages([message('m1', address)], {
      ...w.options,
      jobs: { start: async () => Promise.reject(new Error('SQS down')) },
    });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
  });

  it('drops what is no job message with a warning that names the message only', async () => {
    // Prepare
    let runs = 0;
    const w = worker(async () => ((runs += 1), { more: false }));

    // Act
    const response = await handleImportMessages(
      [
        message('m1', 'not json {'),
        message('m2', { nik: '7373011003851234' }),
        message('m3', {
          Records: [
            { eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'other' }, object: { key: uploadKey } } },
          ],
        }),
      ],
      w.options,
    );

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(runs).toBe(0);
    expect(w.lines.map((l) => [l.level, l.attributes])).toEqual([
      ['warn', { messageId: 'm1' }],
      ['warn', { messageId: 'm2' }],
      ['warn', { messageId: 'm3' }],
    ]);
    expect(JSON.stringify(w.lines)).not.toContain('7373011003851234');
  });
});
