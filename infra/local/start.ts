import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { buckets, physicalName, tables } from '../../functions/tables';
import { evidenceSettings, readRuntimeConfig } from '../../functions/platform/config';
import { createDocumentClient } from '../../functions/store/dynamo-client';
import { startDynamoDbLocal } from './dynamodb-local';
import { bridgeEvidenceEvents, scheduleEvidenceExpiry, type EvidenceLambda } from './evidence-events';
import { createLocalRequestListener, startingUp, type ApiLambda } from './http-adapter';
import { createLocalAuth } from './local-auth';
import { LocalSetupError } from './local-error';
import { ensureTables } from './provision';
import { startS3Emulator } from './s3-emulator';
import { DEMO_CLIENT, seedIfNeeded } from './seed';

export interface LocalOptions {
  /** 0 picks a free port (tests). Default: $PORT or 3000. */
  readonly port?: number;
  /** Default: $ABDI_DATA_DIR or .data */
  readonly dataDir?: string;
  /** Wipe the data folder and reseed. */
  readonly fresh?: boolean;
  /** The built dashboard. Default: web/dist */
  readonly webDir?: string;
}

export interface LocalStack {
  readonly url: string;
  readonly dataDir: string;
  readonly dynamoEndpoint: string;
  readonly s3Endpoint: string;
  readonly seeded: boolean;
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

    const mainTable = physicalName(LOCAL_PREFIX, tables[0]);
    Object.assign(process.env, {
      ABDI_MODE: 'local',
      ABDI_DEPLOYMENT: 'local',
      AWS_REGION: REGION,
      TABLE_NAME: mainTable,
      IDEMPOTENCY_TABLE_NAME: physicalName(LOCAL_PREFIX, tables[1]),
      EVIDENCE_BUCKET: bucketNames[0]?.name,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      S3_ENDPOINT: s3.endpoint,
      AWS_LAMBDA_FUNCTION_NAME: 'abdi-local-api',
      POWERTOOLS_SERVICE_NAME: 'abdi',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      CURSOR_SIGNING_KEY: readOrCreateSecret(join(dataDir, 'cursor-key')),
    });

    const db = createDocumentClient({ region: REGION, endpoint: dynamo.endpoint });
    const auth = await createLocalAuth({
      db,
      tableName: mainTable,
      keyFile: join(dataDir, 'local-auth-key.json'),
      // As the cloud authorizer's audience lists the dashboard and the machine app clients.
      audience: [DEMO_CLIENT.clientId],
    });
    // Imported only now: the entry module reads its configuration at load, as on a Lambda cold start.
    const { handler } = (await import('../../functions/handlers/api')) as { handler: ApiLambda };
    // Evidence: s3rver's ObjectCreated events go to the verifier handler, as S3 events go to it in the
    // cloud; pending uploads that never arrive are swept every minute, as the cloud's schedule does.
    const evidenceWarning = (error: unknown) =>
      process.stderr.write(`Evidence verifier: ${String((error as Error)?.message ?? error)}\n`);
    const verifier = (await import('../../functions/handlers/evidence-verifier')) as {
      handler: EvidenceLambda;
    };
    stops.push(bridgeEvidenceEvents(s3, verifier.handler, { onError: evidenceWarning }).stop);
    const expiry = (await import('../../functions/handlers/evidence-expiry')) as { handler: EvidenceLambda };
    stops.push(scheduleEvidenceExpiry(expiry.handler, 60_000, { onError: evidenceWarning }));
    const seeded = await seedIfNeeded({ db, tableName: mainTable, auth, api: handler, now: new Date() });
    server.removeListener('request', startingUp);
    server.on(
      'request',
      createLocalRequestListener({
        api: handler,
        auth,
        webDir,
        // The same runtime configuration the cloud writes beside the dashboard, limits included.
        webConfig: {
          apiBaseUrl: '',
          auth: { mode: 'local' },
          maxUploadBytes: evidenceSettings(readRuntimeConfig()).maxUploadBytes,
        },
      }),
    );
    const address = server.address() as AddressInfo;
    return {
      url: `http://localhost:${address.port}`,
      dataDir,
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      seeded,
      stop,
    };
  } catch (error) {
    await stop();
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
    server.listen(port, resolveListen);
  });
}
