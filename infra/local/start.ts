import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Role } from '../../functions/identity/principal';
import { deployments } from '../config/deployments';
import { startCognitoLocal } from './cognito-local';
import { createCognitoLocalAuth, seedCognitoUsers } from './cognito-local-auth';
import { buckets, importsBucket, physicalName, tables } from '../../functions/tables';
import { evidenceSettings, readRuntimeConfig } from '../../functions/platform/config';
import { createDocumentClient } from '../../functions/store/dynamo-client';
import { startDynamoDbLocal } from './dynamodb-local';
import { bindHost } from './host';
import { runStreamConsumers } from './stream-consumers';
import { bridgeEvidenceEvents, scheduleEvidenceExpiry, type EvidenceLambda } from './evidence-events';
import { startLocalImportJobs } from './import-events';
import { servedByDocuments } from './function-routes';
import { createLocalRequestListener, startingUp, type ApiLambda } from './http-adapter';
import { createLocalAuth } from './local-auth';
import { LocalSetupError } from './local-error';
import { ensureTables } from './provision';
import { startS3Emulator } from './s3-emulator';
import { localMessaging, startMailCapture, type Outbox } from './mail-capture';
import { startReminderTimer } from './reminder-timer';
import { startHousekeepingTimer } from './housekeeping-timer';
import type { HousekeepingJobEvent } from '../config/housekeeping-schedule';
import { localLambdaContext } from './lambda-context';
import { provideLocalMessaging } from '../../functions/platform/messaging/messaging';
import { officeTimeZones } from '../config/schema';
import type { ReminderJobEvent } from '../config/reminder-schedule';
import { DEMO_PASSWORD, demoUsers, seedIfNeeded } from './seed';
import { provisionUserPool, synthesizeUserPool } from './user-pool-template';

export interface LocalOptions {
  /** 0 picks a free port (tests). Default: $PORT or 3000. */
  readonly port?: number;
  /** Default: $ABDI_DATA_DIR or .data */
  readonly dataDir?: string;
  /** Wipe the data folder and reseed. */
  readonly fresh?: boolean;
  /** The built dashboard. Default: web/dist */
  readonly webDir?: string;
  /**
   * Who signs people in: local mode's own tokens, or `cognito-local` (`npm start -- --auth cognito-local`),
   * a user pool emulator set up from the pool the CDK synthesizes. @default 'local'
   */
  readonly auth?: 'local' | 'cognito-local';
  /** Roles the API refuses without TOTP (ADR 0008). Default: $MFA_REQUIRED_ROLES, else none. */
  readonly mfaRequiredFor?: readonly Role[];
  /** The local SMTP server that captures reminder email (ADR 0014). Default: $SMTP_PORT, else a free port. */
  readonly smtpPort?: number;
}

export interface LocalStack {
  readonly url: string;
  readonly dataDir: string;
  readonly dynamoEndpoint: string;
  readonly s3Endpoint: string;
  /** With `auth: 'cognito-local'`: the emulator, the pool and the local sign-in client. */
  readonly cognito?: { readonly endpoint: string; readonly userPoolId: string; readonly clientId: string };
  readonly seeded: boolean;
  /** Every email and SMS local mode sent (the page; `.json` for tests). */
  readonly outboxUrl: string;
  readonly outbox: Outbox;
  /** The SMTP server that captures email, for a mail client or a test to send to. */
  readonly smtp: { readonly host: string; readonly port: number };
  /** Spreadsheet imports' jobs, run in this process (issue 22); tests wait on `whenIdle()`. */
  readonly importJobs: { whenIdle(): Promise<void> };
  stop(): Promise<void>;
}

/** Deployment prefix of every local resource name (`abdi-local-main`, …). */
export const LOCAL_PREFIX = 'abdi-local';
const REGION = 'ap-southeast-3';

/**
 * The whole system on one machine: DynamoDB Local, s3rver, tables and buckets from the same
 * definitions as the CDK stack, demo data, and the real Lambda handler behind the local adapter, with
 * the dashboard on the same port.
 *
 * It configures the handler through process.env, as Lambda would: run one local stack per process.
 */
export async function startLocal(options: LocalOptions = {}): Promise<LocalStack> {
  const dataDir = resolve(options.dataDir ?? process.env.ABDI_DATA_DIR ?? '.data');
  const webDir = resolve(options.webDir ?? 'web/dist');
  const port = options.port ?? Number(process.env.PORT ?? 3000);
  if (!existsSync(join(webDir, 'index.html'))) {
    throw new LocalSetupError(
      `The dashboard is not built (${webDir}/index.html missing): run npm run build:web.`,
    );
  }
  // Claim the port first: a busy port fails in a second, before any emulator starts.
  const server = createServer(startingUp);
  await listen(server, port);
  const stops: (() => Promise<void>)[] = [
    () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  ];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
  try {
    const dynamo = await startDynamoDbLocal({ dbPath: join(dataDir, 'dynamodb') });
    stops.push(dynamo.stop);
    const bucketNames = buckets.map((definition) => ({
      name: physicalName(LOCAL_PREFIX, definition),
      definition,
    }));
    const s3 = await startS3Emulator({
      directory: join(dataDir, 's3'),
      buckets: bucketNames,
      allowedOrigins: ['*'],
    });
    stops.push(s3.stop);
    // Reminders (ADR 0014): email to a real SMTP server that keeps it in an outbox, SMS straight into it;
    // handed to the handlers before any is loaded (they build their channels at load, as on a cold start).
    const mail = await startMailCapture({ port: options.smtpPort ?? Number(process.env.SMTP_PORT ?? 0) });
    stops.push(mail.stop);
    provideLocalMessaging(localMessaging(mail));
    stops.push(async () => provideLocalMessaging(undefined));

    const rawClient = new DynamoDBClient({
      region: REGION,
      endpoint: dynamo.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const tableNames = tables.map((definition) => ({
      name: physicalName(LOCAL_PREFIX, definition),
      definition,
    }));
    await ensureTables(rawClient, tableNames);
    rawClient.destroy();

    const cognito = options.auth === 'cognito-local' ? await startUserPool(dataDir) : undefined;
    if (cognito) stops.push(cognito.stop);

    const mainTable = physicalName(LOCAL_PREFIX, tables[0]);
    Object.assign(process.env, {
      ABDI_MODE: 'local',
      ABDI_DEPLOYMENT: 'local',
      AWS_REGION: REGION,
      TABLE_NAME: mainTable,
      IDEMPOTENCY_TABLE_NAME: physicalName(LOCAL_PREFIX, tables[1]),
      EVIDENCE_BUCKET: bucketNames[0]?.name,
      DOCUMENTS_BUCKET: bucketNames[1]?.name,
      // Subjects' exports (issue 17); local mode serves every route in one process, the export's too.
      EXPORTS_BUCKET: bucketNames[2]?.name,
      // Spreadsheet imports (issue 22); their jobs run in this process (no IMPORT_QUEUE_URL).
      IMPORTS_BUCKET: physicalName(LOCAL_PREFIX, importsBucket),
      // Printed on documents as their verification link; a phone on the LAN needs PUBLIC_URL set to reach it.
      PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${(server.address() as AddressInfo).port}`,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      S3_ENDPOINT: s3.endpoint,
      AWS_LAMBDA_FUNCTION_NAME: 'abdi-local-api',
      POWERTOOLS_SERVICE_NAME: 'abdi',
      POWERTOOLS_METRICS_DISABLED: 'true',
      // No X-Ray here: the tracer is never loaded, whatever the developer's shell says (platform/tracing.ts).
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      CURSOR_SIGNING_KEY: readOrCreateSecret(join(dataDir, 'cursor-key')),
      // Set or cleared on every start, so a pool id in the developer's shell cannot switch the mode.
      COGNITO_USER_POOL_ID: cognito?.userPoolId ?? '',
      COGNITO_ENDPOINT: cognito?.endpoint ?? '',
      MFA_REQUIRED_ROLES: options.mfaRequiredFor?.join(',') ?? process.env.MFA_REQUIRED_ROLES ?? '',
    });

    const db = createDocumentClient({ region: REGION, endpoint: dynamo.endpoint });
    const localAuth = await createLocalAuth({
      db,
      tableName: mainTable,
      keyFile: join(dataDir, 'local-auth-key.json'),
    });
    const auth = cognito
      ? createCognitoLocalAuth({
          cognito: cognito.client,
          endpoint: cognito.endpoint,
          userPoolId: cognito.userPoolId,
          clientId: cognito.clientId,
          fallback: localAuth,
        })
      : localAuth;
    // Import jobs in this process, started by the API and by uploads to the imports bucket, as the
    // cloud's queue starts its worker; handed to the handlers before any is loaded.
    const imports = await startLocalImportJobs(s3, {
      bucket: physicalName(LOCAL_PREFIX, importsBucket),
      onError: (error, job) =>
        process.stderr.write(
          `Import job ${job ? `${job.officeId}/${job.importId}` : ''}: ${String((error as Error)?.message ?? error)}\n`,
        ),
    });
    stops.push(imports.stop);
    // Imported only now: the entry module reads its configuration at load, as on a Lambda cold start.
    const { handler } = (await import('../../functions/handlers/api')) as { handler: ApiLambda };
    const documents = (await import('../../functions/handlers/documents')) as { handler: ApiLambda };
    // Evidence: s3rver's ObjectCreated events go to the verifier handler, as S3 events go to it in the
    // cloud; pending uploads that never arrive are swept every minute, as the cloud's schedule does.
    const evidenceWarning = (error: unknown) =>
      process.stderr.write(`Evidence verifier: ${String((error as Error)?.message ?? error)}\n`);
    const verifier = (await import('../../functions/handlers/evidence-verifier')) as {
      handler: EvidenceLambda;
    };
    // The documents bucket's files are not evidence: as in the cloud, only the evidence bucket's events.
    stops.push(
      bridgeEvidenceEvents(s3, verifier.handler, { onError: evidenceWarning, bucket: bucketNames[0]?.name })
        .stop,
    );
    const expiry = (await import('../../functions/handlers/evidence-expiry')) as { handler: EvidenceLambda };
    stops.push(scheduleEvidenceExpiry(expiry.handler, 60_000, { onError: evidenceWarning }));
    // The table's stream, as the cloud consumes it: the webhook dispatcher (and its retry sweep) and the
    // re-planner (issue 15) each get every record.
    const dispatch = await import('../../functions/handlers/webhook-dispatch');
    const replan = await import('../../functions/handlers/case-replan');
    const retry = await import('../../functions/handlers/webhook-retry');
    stops.push(
      await runStreamConsumers(
        {
          stream: { webhooks: dispatch.handler as never, replan: replan.handler as never },
          retry: retry.handler as never,
        },
        { endpoint: dynamo.endpoint, region: REGION, tableName: mainTable },
        {
          // A poll that timed out (DynamoDB Local busy, e.g. while tests synthesize stacks) is simply
          // read again on the next tick: only other failures are worth a line.
          onError: (consumer, error) => {
            if (['AbortError', 'TimeoutError'].includes((error as Error)?.name)) return;
            process.stderr.write(`Stream (${consumer}): ${String((error as Error)?.message ?? error)}\n`);
          },
        },
      ),
    );
    const seeded = await seedIfNeeded({
      db,
      tableName: mainTable,
      auth,
      api: await seedingApi(handler, documents.handler),
      now: new Date(),
    });
    // Every start: the pool may be new while the tables were seeded before (an earlier plain start).
    if (cognito) await seedCognitoUsers(cognito.client, cognito.userPoolId, demoUsers, DEMO_PASSWORD);
    // The reminders job at the cloud's times in every zone, and on request (`POST /local/reminders/run`).
    const reminders = (await import('../../functions/handlers/reminders')) as {
      handler: (event: ReminderJobEvent, context: ReturnType<typeof localLambdaContext>) => Promise<unknown>;
    };
    const runReminders = (event: ReminderJobEvent) =>
      reminders.handler(event, localLambdaContext('abdi-local-reminders', 900_000));
    const reminderTimer = startReminderTimer({
      run: runReminders,
      timeZones: officeTimeZones,
      onError: (event, error) =>
        process.stderr.write(
          `Reminders (${event.job}, ${event.timeZone}): ${String((error as Error)?.message ?? error)}\n`,
        ),
    });
    stops.push(reminderTimer.stop);
    // The nightly housekeeping at the cloud's time in every zone (issue 16, item 7).
    const housekeeping = (await import('../../functions/handlers/housekeeping')) as {
      handler: (
        event: HousekeepingJobEvent,
        context: ReturnType<typeof localLambdaContext>,
      ) => Promise<unknown>;
    };
    const housekeepingTimer = startHousekeepingTimer({
      run: (event) => housekeeping.handler(event, localLambdaContext('abdi-local-housekeeping', 900_000)),
      timeZones: officeTimeZones,
      onError: (event, error) =>
        process.stderr.write(
          `Housekeeping (${event.timeZone}): ${String((error as Error)?.message ?? error)}\n`,
        ),
    });
    stops.push(housekeepingTimer.stop);
    server.removeListener('request', startingUp);
    server.on(
      'request',
      createLocalRequestListener({
        api: handler,
        documents: documents.handler,
        auth,
        webDir,
        // The same runtime configuration the cloud writes beside the dashboard, limits included.
        webConfig: {
          apiBaseUrl: '',
          auth: { mode: 'local' },
          maxUploadBytes: evidenceSettings(readRuntimeConfig()).maxUploadBytes,
        },
        outbox: mail.outbox,
        runReminders,
      }),
    );
    const address = server.address() as AddressInfo;
    return {
      url: `http://localhost:${address.port}`,
      dataDir,
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      outboxUrl: `http://localhost:${address.port}/local/outbox`,
      outbox: mail.outbox,
      smtp: { host: mail.host, port: mail.port },
      importJobs: imports.jobs,
      ...(cognito && {
        cognito: { endpoint: cognito.endpoint, userPoolId: cognito.userPoolId, clientId: cognito.clientId },
      }),
      seeded,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The demo cases are entered through the API as the demo staff, who have no second factor: with a role
 * requiring MFA (MFA_REQUIRED_ROLES) the seed uses the same handler wired without that requirement.
 */
async function seedingApi(api: ApiLambda, documents: ApiLambda): Promise<ApiLambda> {
  const config = readRuntimeConfig();
  if ((config.mfaRequiredFor ?? []).length === 0) {
    // As API Gateway routes them: the seed's document requests go to the documents function.
    return (event, context) =>
      (servedByDocuments(event.requestContext.http.method, event.rawPath) ? documents : api)(event, context);
  }
  const { createApiHandler } = await import('../../functions/api/app');
  const { createDependencies } = await import('../../functions/platform/dependencies');
  const { pdfRenderer } = await import('../../functions/documents/pdf-renderer');
  const { logger, metrics } = await import('../../functions/platform/observability');
  return createApiHandler(
    { ...createDependencies({ ...config, mfaRequiredFor: [] }), documentRenderer: pdfRenderer() },
    { logger, metrics },
  ) as unknown as ApiLambda;
}

/**
 * cognito-local with the user pool of the first configured deployment as the CDK synthesizes it (every
 * deployment's pool has the same settings; only the hosted domain differs, and it does not exist locally).
 */
async function startUserPool(dataDir: string) {
  const emulator = await startCognitoLocal({ dataDir: join(dataDir, 'cognito') });
  try {
    const client = new CognitoIdentityProviderClient({
      region: REGION,
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const deployment = deployments[0];
    if (!deployment) throw new LocalSetupError('No deployment in infra/config/deployments.ts.');
    const pool = await provisionUserPool(client, synthesizeUserPool(deployment), {
      pool: `${LOCAL_PREFIX}-users`,
      client: `${LOCAL_PREFIX}-sign-in`,
    });
    return { ...pool, endpoint: emulator.endpoint, client, stop: emulator.stop };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

/** A random secret made at first start and kept in the data folder (local mode's Secrets Manager). */
function readOrCreateSecret(file: string): string {
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function listen(server: Server, port: number): Promise<void> {
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalSetupError(
              `Port ${port} is busy: stop what uses it, or start with PORT=<other> npm start.`,
            )
          : error,
      );
    });
    server.listen(port, bindHost(), resolveListen);
  });
}
