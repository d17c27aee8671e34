import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiHandler } from '../api/app';
import { documentFunctionRoutes } from '../api/route-table';
import { pdfRenderer } from '../documents/pdf-renderer';
import { readRuntimeConfig } from '../platform/config';
import { createDependencies } from '../platform/dependencies';
import { logger, metrics, tracing } from '../platform/observability';

/**
 * Lambda entry for the documents function (ADR 0015): the API's routes that render PDFs, through the
 * same pipeline and guard, with a renderer. The build copies the Roboto fonts (`fonts/`) and resvg's
 * WebAssembly (`resvg.wasm`) beside the bundle; run from source (local mode, tests) the copies in
 * node_modules are used.
 */
const here = dirname(fileURLToPath(import.meta.url));
const bundledFonts = join(here, 'fonts');
const bundledWasm = join(here, 'resvg.wasm');

export const handler = createApiHandler(
  {
    ...createDependencies(readRuntimeConfig()),
    documentRenderer: pdfRenderer(
      existsSync(bundledFonts) ? { fontDir: bundledFonts, wasmFile: bundledWasm } : {},
    ),
  },
  { logger, metrics, tracing: tracing?.middleware },
  documentFunctionRoutes,
);
