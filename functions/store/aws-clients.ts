/**
 * The one hook every AWS SDK client the store builds passes through (the DynamoDB client in
 * dynamo-client.ts, the S3 clients in s3-client.ts): where the deployment traces, platform/tracing.ts sets
 * it to the X-Ray capture, so each call becomes a subsegment. Unset (tracing off, local mode, tests), a
 * client is used as built. A module-level hook rather than a parameter: every way a function builds its
 * clients (API, workers, documents) goes through it without each wiring passing it on.
 */
export type ClientInstrument = <C extends object>(client: C) => C;

let instrument: ClientInstrument | undefined;

/** Sets (or, with `undefined`, clears) what every client built from now on passes through. */
export function instrumentAwsClients(hook: ClientInstrument | undefined): void {
  instrument = hook;
}

/** The client, instrumented when a hook is set. */
export function instrumented<C extends object>(client: C): C {
  return instrument ? instrument(client) : client;
}
