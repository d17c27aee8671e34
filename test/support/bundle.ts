import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, type Metafile } from 'esbuild';
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
