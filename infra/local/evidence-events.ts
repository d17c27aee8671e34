import type { Context } from 'aws-lambda';
import { localLambdaContext } from './lambda-context';
import type { S3Emulator } from './s3-emulator';

/** The verifier's Lambda entry (functions/handlers/evidence-verifier.ts), or anything shaped like it. */
export type EvidenceLambda = (event: never, context: Context) => Promise<unknown>;

export interface EvidenceEventBridge {
  /** Resolves once every event received so far has been handled (tests wait on it). */
  drain(): Promise<void>;
  /** Stops forwarding; events already received still finish. */
  stop(): Promise<void>;
}

/**
 * Local mode's stand-in for the cloud's S3 → EventBridge → verifier wiring: every `ObjectCreated` that
 * s3rver emits is handed, as the S3 event it is, to the same verifier handler the cloud runs. Events
 * are handled one at a time in arrival order, like a Lambda with reserved concurrency 1; a failure is
 * reported to `onError` and does not stop later events (the expiry sweep picks up what was missed).
 */
export function bridgeEvidenceEvents(
  s3: Pick<S3Emulator, 'onObjectCreated'>,
  verifier: EvidenceLambda,
  options: {
    onError?: (error: unknown) => void;
    /** Only this bucket's events, as the cloud's rule matches the evidence bucket only; default: all. */
    bucket?: string;
  } = {},
): EvidenceEventBridge {
  let stopped = false;
  let queue: Promise<void> = Promise.resolve();
  s3.onObjectCreated((event) => {
    if (stopped || !isObjectCreated(event, options.bucket)) return;
    queue = queue.then(() =>
      verifier(event as never, lambdaContext()).then(
        () => undefined,
        (error: unknown) => options.onError?.(error),
      ),
    );
  });
  return {
    drain: async () => {
      // A handler may finish while another event queues behind it: wait until the tail stops moving.
      for (let seen: Promise<void> | undefined; seen !== queue;) {
        seen = queue;
        await seen;
      }
    },
    stop: async () => {
      stopped = true;
      await queue;
    },
  };
}

function isObjectCreated(event: unknown, bucket?: string): boolean {
  const records = (
    event as { Records?: { eventName?: string; s3?: { bucket?: { name?: string } } }[] } | undefined
  )?.Records;
  return (
    Array.isArray(records) &&
    records.some(
      (r) => String(r.eventName).startsWith('ObjectCreated') && (!bucket || r.s3?.bucket?.name === bucket),
    )
  );
}

/**
 * Local mode's stand-in for the cloud's schedule: runs the expiry handler every `intervalMs` (and never
 * twice at once). Returns the function that stops it.
 */
export function scheduleEvidenceExpiry(
  expiry: EvidenceLambda,
  intervalMs: number,
  options: { onError?: (error: unknown) => void } = {},
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() =>
      expiry({} as never, lambdaContext()).catch((e: unknown) => options.onError?.(e)),
    );
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** Both evidence functions run as the verifier does in the cloud: five minutes each. */
const lambdaContext = () => localLambdaContext('abdi-local-evidence-verifier', 300_000);
