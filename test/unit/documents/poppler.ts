import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Where the document tests leave each kind's first page as a PNG, to be looked at (and for the README). */
export const OUT_DIR = resolve(import.meta.dirname, '../../../test-results/documents');

/**
 * Runs one of poppler-utils' tools (`pdftotext`, `pdfinfo`, `pdftoppm`) and returns its output. A
 * machine without them fails loudly: the documents are read back, never assumed.
 */
export function poppler(tool: string, args: readonly string[]): string {
  const run = spawnSync(tool, args, { encoding: 'utf8' });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${tool} is not installed: apt-get install poppler-utils (.ci/run installs it)`);
  }
  if (run.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}
