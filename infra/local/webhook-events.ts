import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { localLambdaContext } from './lambda-context';
import { LocalStreamReader } from './stream-reader';

type StreamLambda = (event: DynamoDBStreamEvent, context: Context) => Promise<unknown>;
type ScheduledLambda = (event: unknown, context: Context) => Promise<unknown>;

/**
 * Local mode's webhook delivery, as the cloud runs it (ADR 0013): the main table's stream in DynamoDB
 * Local goes to the dispatcher handler (the cloud's event source mapping), polled every `pollMs`; the
 * retry sweep runs every `sweepMs` (a minute in the cloud; faster here, so a developer sees retries).
 * One run at a time, in order, so a case's events keep their order.
 */
export async function runWebhookDelivery(
  handlers: { dispatch: StreamLambda; retry: ScheduledLambda },
  stream: { endpoint: string; region: string; tableName: string },
  options: { pollMs?: number; sweepMs?: number; onError?: (error: unknown) => void } = {},
): Promise<() => Promise<void>> {
  const reader = await new LocalStreamReader(stream).start();
  const context = localLambdaContext('abdi-local-webhooks', 60_000);
  let running: Promise<unknown> = Promise.resolve();
  const queue = (work: () => Promise<unknown>) => {
    running = running.then(work).catch((error: unknown) => options.onError?.(error));
  };
  // As Lambda does with a failed batch, records whose dispatch failed are handed over again (queuing
  // is idempotent) before anything newer: nothing read from the stream is dropped.
  let unsent: Awaited<ReturnType<LocalStreamReader['read']>> = [];
  const poll = setInterval(
    () =>
      queue(async () => {
        if (unsent.length === 0) unsent = await reader.read();
        if (unsent.length === 0) return;
        await handlers.dispatch({ Records: unsent } as DynamoDBStreamEvent, context);
        unsent = [];
      }),
    options.pollMs ?? 1_000,
  );
  const sweep = setInterval(() => queue(() => handlers.retry({}, context)), options.sweepMs ?? 10_000);
  poll.unref();
  sweep.unref();
  return async () => {
    clearInterval(poll);
    clearInterval(sweep);
    await running;
    reader.stop();
  };
}
