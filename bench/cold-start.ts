import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildHttpApiEvent } from '../infra/local/api-gateway-event';
import { functionRuntime } from '../infra/constructs/abdi-function';
import { documentsFunctionFiles } from '../infra/constructs/document-issuing';
import { newEvidenceKey } from '../functions/store/evidence-keys';
import { keys } from '../functions/store/keys';
import { bundleLikeCdk, type BundleOptions } from '../test/support/bundle';
import { registeredCase } from '../test/support/cases';
import { palopoDocumentSettings } from '../test/support/documents';
import { seedDirectory } from '../test/support/fixtures';
import { REGION, startObjectStore, startStore } from './lib/emulators';
import { apiHarness } from './lib/environment';
import { median, ratio, round } from './lib/stats';

const PREFIX = 'abdi-bench-cold';
const root = resolve(import.meta.dirname, '..');

export interface ColdStartOptions {
  readonly runs: number;
}

/** Bundles an entry as the stack does (test/support/bundle.ts) and measures it. */
async function bundle(entry: string, outDir: string, options: BundleOptions = {}) {
  const outfile = join(outDir, 'index.mjs');
  await bundleLikeCdk(entry, outfile, options);
  const code = readFileSync(outfile);
  return {
    outfile,
    minifiedBytes: code.length,
    gzippedBytes: gzipSync(code).length,
    sourceMapBytes: statSync(`${outfile}.map`).size,
  };
}

/** One fresh `node` per run, as a new Lambda sandbox; the median of `runs`. */
function measure(outfile: string, event: unknown, env: NodeJS.ProcessEnv, runs: number, dir: string) {
  const eventFile = join(dir, 'event.json');
  const resultFile = join(dir, 'result.json');
  writeFileSync(eventFile, JSON.stringify(event));
  const results: {
    importMs: number;
    firstInvocationMs: number;
    totalMs: number;
    ok: boolean;
    error?: string;
  }[] = [];
  for (let run = 0; run < runs; run += 1) {
    execFileSync(
      process.execPath,
      // As the function's NODE_OPTIONS sets it in the cloud.
      [
        '--enable-source-maps',
        join(import.meta.dirname, 'cold-start-probe.mjs'),
        outfile,
        eventFile,
        resultFile,
      ],
      { env, stdio: ['ignore', 'ignore', 'inherit'], timeout: 60_000 },
    );
    results.push(JSON.parse(readFileSync(resultFile, 'utf8')));
  }
  // The authorizer answers a refusal by throwing 'Unauthorized', as API Gateway expects: that is a reply.
  const failed = results.find((r) => !r.ok && r.error !== 'Unauthorized');
  return {
    importMs: round(median(results.map((r) => r.importMs))),
    firstInvocationMs: round(median(results.map((r) => r.firstInvocationMs))),
    totalMs: round(median(results.map((r) => r.totalMs))),
    ok: !failed,
    ...(failed ? { error: failed.error } : {}),
  };
}

/**
 * (d) Every Lambda entry in functions/handlers: bundle size (minified, gzipped) and the time a fresh
 * Node process takes from start to the end of its first invocation (against DynamoDB Local and
 * s3rver, with the environment the stack sets), against an empty handler bundled the same way.
 */
export async function benchColdStart(options: ColdStartOptions) {
  const work = mkdtempSync(join(tmpdir(), 'abdi-bench-cold-'));
  const store = await startStore(PREFIX);
  const s3 = await startObjectStore(PREFIX);
  try {
    const h = apiHarness({
      prefix: PREFIX,
      dynamoEndpoint: store.endpoint,
      s3Endpoint: s3.endpoint,
      now: () => new Date('2026-06-29T08:00:00Z'),
    });
    const world = await seedDirectory(h.directory, 'cold');
    const { caseId } = await registeredCase(h.call, world);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      ABDI_MODE: 'local',
      ABDI_DEPLOYMENT: PREFIX,
      AWS_REGION: REGION,
      TABLE_NAME: h.config.tableName,
      IDEMPOTENCY_TABLE_NAME: h.config.idempotencyTableName,
      EVIDENCE_BUCKET: h.config.evidenceBucket,
      DOCUMENTS_BUCKET: h.config.documentsBucket,
      DYNAMODB_ENDPOINT: store.endpoint,
      S3_ENDPOINT: s3.endpoint,
      CURSOR_SIGNING_KEY: h.config.cursorKey,
      PUBLIC_URL: 'https://abdi.example.go.id',
      AWS_LAMBDA_FUNCTION_NAME: 'abdi-bench-cold',
      COGNITO_USER_POOL_ID: `${REGION}_benchpool`,
      // The authorizer's origin secret (ADR 0017); the event below has no origin header, so it is not read.
      ORIGIN_SECRET_ARN: `arn:aws:secretsmanager:${REGION}:111111111111:secret:abdi-bench-origin`,
      POWERTOOLS_SERVICE_NAME: 'abdi',
      POWERTOOLS_METRICS_NAMESPACE: 'Abdi',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    // The first invocation each function typically serves.
    const events: Record<string, unknown> = {
      api: buildHttpApiEvent(
        { method: 'GET', url: `/v1/offices/${world.home}/cases/${caseId}` },
        world.claims.officer,
      ),
      'evidence-verifier': {
        source: 'aws.s3',
        'detail-type': 'Object Created',
        detail: {
          bucket: { name: h.config.evidenceBucket },
          object: { key: newEvidenceKey(world.home, caseId, '01JZ0000000000000000000000') },
        },
      },
      'evidence-expiry': { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} },
      // A token of no pool and no origin header: the authorizer loads and refuses it at the origin check.
      'api-authorizer': { identitySource: ['Bearer not.a.token'] },
      // The stream consumers' and the delivery reports' smallest real event: a batch with nothing in it.
      'case-replan': { Records: [] },
      'webhook-dispatch': { Records: [] },
      'reminder-delivery': { Records: [] },
      // The documents function's first request renders: a progress report's preview (fonts loaded, laid out).
      documents: buildHttpApiEvent(
        {
          method: 'POST',
          url: `/v1/offices/${world.home}/documents/preview`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'progress_report', caseId }),
        },
        world.claims.officer,
      ),
    };
    await h.call('PUT', `/v1/offices/${world.home}/document-settings`, {
      claims: world.claims.admin,
      body: palopoDocumentSettings(),
    });

    const emptyEntry = join(work, 'empty.ts');
    writeFileSync(emptyEntry, "export const handler = async () => ({ statusCode: 200, body: 'ok' });\n");
    const emptyBundle = await bundle(emptyEntry, join(work, 'empty'));
    const reference = {
      ...emptyBundle,
      ...measure(emptyBundle.outfile, events.api, env, options.runs, work),
    };
    // The fair reference for the API: one GetItem of the same case (get-item-handler.ts).
    const getItemBundle = await bundle(
      join(import.meta.dirname, 'get-item-handler.ts'),
      join(work, 'get-item'),
    );
    const caseItem = { BENCH_GET_PK: keys.casePartition(world.home, caseId), BENCH_GET_SK: keys.caseRoot };
    const getItemReference = {
      ...getItemBundle,
      ...measure(getItemBundle.outfile, events.api, { ...env, ...caseItem }, options.runs, work),
    };
    // A reference that failed before its call measures nothing.
    if (!getItemReference.ok) throw new Error(`GetItem reference failed: ${getItemReference.error}`);

    const handlersDir = join(root, 'functions/handlers');
    const functions = [];
    for (const file of readdirSync(handlersDir)
      .filter((f) => f.endsWith('.ts'))
      .sort()) {
      const name = basename(file, '.ts');
      // The documents function is built as AbdiFunction builds it for the stack (document-issuing.ts).
      const built = await bundle(
        join(handlersDir, file),
        join(work, name),
        name === 'documents' ? { dirname: true, files: documentsFunctionFiles() } : {},
      );
      const timing = measure(built.outfile, events[name] ?? {}, env, options.runs, work);
      functions.push({
        name,
        minifiedBytes: built.minifiedBytes,
        gzippedBytes: built.gzippedBytes,
        sourceMapBytes: built.sourceMapBytes,
        ...timing,
        ratio: {
          totalMs: ratio(timing.totalMs, reference.totalMs),
          totalMsAgainstGetItem: ratio(timing.totalMs, getItemReference.totalMs),
        },
      });
    }
    const { outfile: _o, ...referenceReport } = reference;
    const { outfile: _g, ...getItemReport } = getItemReference;
    return {
      runs: options.runs,
      target: functionRuntime.name,
      reference: referenceReport,
      getItemReference: getItemReport,
      functions,
    };
  } finally {
    await s3.stop();
    await store.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
