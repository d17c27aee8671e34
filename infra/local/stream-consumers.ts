import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { localLambdaContext } from './lambda-context';
import { LocalStreamReader } from './stream-reader';

type StreamLambda = (event: DynamoDBStreamEvent, context: Context) => Promise<unknown>;
type ScheduledLambda = (event: unknown, context: Context) => Promise<unknown>;
type StreamRecords = Awaited<ReturnType<LocalStreamReader['read']>>;

/**
 * Local mode's consumers of the main table's stream, as the cloud runs them: each stream handler (the
 * webhook dispatcher, ADR 0013; the re-planner, issue 15) gets every record, as each has its own event
 * source mapping there. The stream in DynamoDB Local is read once every `pollMs` and the same records go
 * to each handler; the webhook retry sweep runs every `sweepMs` (a minute in the cloud; faster here, so
 * a developer sees retries). One run at a time, in order, so a case's changes keep their order.
 */
export async function runStreamConsumers(
  handlers: { readonly stream: Readonly<Record<string, StreamLambda>>; readonly retry: ScheduledLambda },
  stream: { endpoint: string; region: string; tableName: string },
  options: { pollMs?: number; sweepMs?: number; onError?: (consumer: string, error: unknown) => void } = {},
): Promise<() => Promise<void>> {
  const reader = await new LocalStreamReader(stream).start();
  const context = localLambdaContext('abdi-local-stream', 60_000);
  let running: Promise<unknown> = Promise.resolve();
  const queue = (consumer: string, work: () => Promise<unknown>) => {
    running = running.then(work).catch((error: unknown) => options.onError?.(consumer, error));
  };
  // As Lambda does with a failed batch, a handler that failed gets its records again (both handlers are
  // idempotent), ahead of anything newer: nothing read from the stream is dropped. Each consumer keeps
  // its own pending list, as each has its own event source mapping in the cloud: one failing neither
  // holds the other back nor hands it the same records twice.
  const pending = new Map<string, StreamRecords>(Object.keys(handlers.stream).map((name) => [name, []]));
  const poll = setInterval(
    () =>
      queue('stream', async () => {
        const read = await reader.read();
        for (const [name, handler] of Object.entries(handlers.stream)) {
          const records = [...pending.get(name)!, ...read];
          pending.set(name, records);
          if (records.length === 0) continue;
          try {
            await handler({ Records: records } as DynamoDBStreamEvent, context);
            pending.set(name, []);
          } catch (error) {
            options.onError?.(name, error);
          }
        }
      }),
    options.pollMs ?? 1_000,
  );
  const sweep = setInterval(
    () => queue('webhook-retry', () => handlers.retry({}, context)),
    options.sweepMs ?? 10_000,
  );
  poll.unref();
  sweep.unref();
  return async () => {
    clearInterval(poll);
    clearInterval(sweep);
    await running;
    reader.stop();
  };
}
