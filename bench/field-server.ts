/**
 * Child process of the slow-network benchmark (bench/field.ts): the whole local stack as the browser
 * suite starts it (`startLocal`: DynamoDB Local, s3rver, demo data, the real handlers, the built site
 * from web/dist or `BENCH_WEB_DIST`), on a free port with a fresh data folder. Prints one JSON line with
 * its URL, then serves until SIGTERM. A separate process: `startLocal` configures the handlers through
 * process.env.
 */
import '../infra/local/quiet-sdk-warning';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocal } from '../infra/local/start';

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'abdi-bench-field-'));
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const stack = await startLocal({
    port: 0,
    dataDir,
    fresh: true,
    webDir: resolve(process.env.BENCH_WEB_DIST || join(import.meta.dirname, '../web/dist')),
  });
  process.stdout.write(JSON.stringify({ url: stack.url }) + '\n');

  const shutdown = () => {
    void stack.stop().finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`field bench server failed: ${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
