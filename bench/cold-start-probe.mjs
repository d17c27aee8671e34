// Runs in a fresh Node process per measurement (plain JavaScript, so no loader adds to the time):
// imports one Lambda bundle, invokes its handler once with the given event, and writes the timings
// to the file named by the third argument. performance.now() counts from the process's start.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, eventFile, resultFile] = process.argv.slice(2);
const atStart = performance.now();
let module;
try {
  module = await import(pathToFileURL(bundle).href);
} catch (caught) {
  // A bundle that cannot start here (it needs what only its platform provides) is reported, not timed.
  writeFileSync(
    resultFile,
    JSON.stringify({
      importMs: 0,
      firstInvocationMs: 0,
      totalMs: 0,
      ok: false,
      error: String(caught?.message ?? caught),
    }),
  );
  process.exit(0);
}
const imported = performance.now();
const context = {
  functionName: 'abdi-bench',
  awsRequestId: 'cold-start',
  getRemainingTimeInMillis: () => 29_000,
};
let ok = true;
let error;
try {
  await module.handler(JSON.parse(readFileSync(eventFile, 'utf8')), context);
} catch (caught) {
  ok = false;
  error = String(caught?.message ?? caught);
}
const served = performance.now();
writeFileSync(
  resultFile,
  JSON.stringify({
    bootMs: atStart,
    importMs: imported - atStart,
    firstInvocationMs: served - imported,
    totalMs: served,
    ok,
    error,
  }),
);
// Lambda freezes the sandbox here; a probe just leaves (open sockets would keep it alive).
process.exit(0);
