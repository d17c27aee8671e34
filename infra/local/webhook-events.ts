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
  const poll = setInterval(
    () =>
      queue(async () => {
        const records = await reader.read();
        if (records.length > 0) await handlers.dispatch({ Records: records } as DynamoDBStreamEvent, context);
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
