import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import type { RuntimeConfig } from '../../functions/platform/config';
import { esmDirnameBanner, esmRequireBanner, functionRuntime } from '../../infra/constructs/abdi-function';

export interface BundleOptions {
  /** The `__dirname` banner, as AbdiFunction's `esmDirname` adds it (the documents function). */
  readonly dirname?: boolean;
  /** Files copied beside the bundle, as AbdiFunction's `copyFiles` does (`to` relative to it). */
  readonly files?: readonly { readonly from: string; readonly to: string }[];
}

/**
 * Bundles a Lambda entry exactly as AbdiFunction's NodejsFunction does for a deployment that does not
 * trace (esbuild: bundle, ESM, minify, source map without sources, the banners, module/main fields,
 * target from the runtime, no externals: the AWS SDK goes in), into `outfile`. For the tests and the
 * benchmark that run or measure what Lambda gets.
 */
export async function bundleLikeCdk(
  entry: string,
  outfile: string,
  options: BundleOptions = {},
): Promise<Metafile> {
  const outDir = dirname(outfile);
  mkdirSync(outDir, { recursive: true });
  for (const { from, to } of options.files ?? []) {
    mkdirSync(dirname(join(outDir, to)), { recursive: true });
    copyFileSync(from, join(outDir, to));
  }
  const { metafile } = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: functionRuntime.name.replace(/^nodejs(\d+).*$/, 'node$1'),
    outfile,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    banner: { js: options.dirname ? `${esmRequireBanner} ${esmDirnameBanner}` : esmRequireBanner },
    define: { 'process.env.POWERTOOLS_TRACE_ENABLED': '"false"' },
    logLevel: 'silent',
    metafile: true,
  });
  return metafile;
}

/**
 * Runs a bundle's handler once in a fresh Node process in `folder` (no node_modules to fall back on), as
 * a cold start would, with the local-mode environment of `config` plus `extraEnv`, and returns what the
 * handler returned.
 */
export async function invokeBundleOnce(
  folder: string,
  event: unknown,
  config: RuntimeConfig,
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<unknown> {
  const runner = join(folder, 'invoke.mjs');
  writeFileSync(
    runner,
    `const { handler } = await import('./index.mjs');
     const context = { functionName: 'bundle-test', awsRequestId: 'bundle-test', getRemainingTimeInMillis: () => 29000 };
     const result = await handler(JSON.parse(process.env.EVENT), context);
     process.stdout.write('RESULT ' + JSON.stringify(result) + '\\n');`,
  );
  const { stdout } = await promisify(execFile)(process.execPath, [runner], {
    cwd: folder,
    maxBuffer: 32 * 1024 * 1024,
    env: {
      PATH: process.env.PATH,
      EVENT: JSON.stringify(event),
      ABDI_MODE: 'local',
      AWS_REGION: config.region,
      TABLE_NAME: config.tableName,
      IDEMPOTENCY_TABLE_NAME: config.idempotencyTableName,
      EVIDENCE_BUCKET: config.evidenceBucket,
      DOCUMENTS_BUCKET: config.documentsBucket,
      ...(config.dynamoEndpoint ? { DYNAMODB_ENDPOINT: config.dynamoEndpoint } : {}),
      ...(config.s3Endpoint ? { S3_ENDPOINT: config.s3Endpoint } : {}),
      CURSOR_SIGNING_KEY: 'bundle-test',
      POWERTOOLS_LOG_LEVEL: 'WARN',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...extraEnv,
    },
  });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`the bundle returned nothing:\n${stdout}`);
  return JSON.parse(line.slice('RESULT '.length));
}
