/**
 * `npm run bench`: every benchmark against its reference, measured in this run, on 127.0.0.1 only.
 * Prints a table and writes bench/results.json; exits 1 if any operation made a Scan, the write
 * path lost or invented a single credited minute, or the supervisor's field app loads 40 kB of gzipped
 * JS or more on a first visit. Sizes come from environment variables (see docs/cost.md, "Reproducing").
 */
import '../infra/local/quiet-sdk-warning';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchPlanner } from './planner';
import { benchDocuments } from './documents';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

// Imported after the environment is set: the SDK and Powertools read it while loading.
const { benchReadPath } = await import('./read-path');
const { benchScale } = await import('./scale');
const { benchWritePath } = await import('./write-path');
const { benchColdStart } = await import('./cold-start');
const { benchDashboard } = await import('./dashboard');
const { benchField } = await import('./field');
const { benchMixed } = await import('./mixed');
const { benchImports } = await import('./imports');
const { measureCalls, CALL_BUDGET } = await import('./calls');
const { startStore, startObjectStore } = await import('./lib/emulators');
const { importsBucket, physicalName } = await import('../functions/tables');
const { apiHarness } = await import('./lib/environment');
const { table, kb } = await import('./lib/report');
const { round } = await import('./lib/stats');
type Row = import('./lib/report').Row;

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
}

const settings = {
  read: {
    connections: int('BENCH_READ_CONNECTIONS', 10),
    seconds: int('BENCH_READ_SECONDS', 10),
    warmupSeconds: int('BENCH_READ_WARMUP_SECONDS', 3),
  },
  scale: {
    largeCases: int('BENCH_SCALE_CASES', 100_000),
    smallCases: int('BENCH_SCALE_SMALL_CASES', 1_000),
    otherCases: int('BENCH_SCALE_OTHER_CASES', 20_000),
    samples: int('BENCH_SCALE_SAMPLES', 200),
    loadBudgetSeconds: int('BENCH_SCALE_LOAD_BUDGET_SECONDS', 180),
    loadConcurrency: int('BENCH_SCALE_LOAD_CONCURRENCY', 16),
  },
  write: {
    cases: int('BENCH_WRITE_CASES', 50),
    sessionsPerCase: int('BENCH_WRITE_SESSIONS_PER_CASE', 12),
    clients: int('BENCH_WRITE_CLIENTS', 20),
  },
  cold: { runs: int('BENCH_COLD_RUNS', 5) },
  planner: { cases: int('BENCH_PLANNER_CASES', 10_000), runs: int('BENCH_PLANNER_RUNS', 200) },
  documents: { runs: int('BENCH_DOCUMENTS_RUNS', 20) },
  field: { runs: int('BENCH_FIELD_RUNS', 3) },
  imports: { rows: int('BENCH_IMPORT_ROWS', 10_000) },
  mixed: {
    offices: int('BENCH_MIXED_OFFICES', 50),
    casesPerOffice: int('BENCH_MIXED_CASES_PER_OFFICE', 3),
    requests: int('BENCH_MIXED_REQUESTS', 2000),
    clients: int('BENCH_MIXED_CLIENTS', 20),
  },
};
const everyStep = 'calls,dashboard,field,cold,write,mixed,planner,documents,imports,read,scale';
const selected = new Set((process.env.BENCH_ONLY ?? everyStep).split(','));
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

const started = performance.now();
const results: Record<string, unknown> = {};
const rows: Row[] = [];
const failures: string[] = [];
let callTable = '';

async function step<T>(name: string, title: string, run: () => Promise<T>): Promise<T | undefined> {
  if (!selected.has(name)) return undefined;
  log(`${title} …`);
  const at = performance.now();
  const result = await run();
  log(`${title} done in ${((performance.now() - at) / 1000).toFixed(0)} s`);
  results[name] = result;
  return result;
}

const calls = await step('calls', 'DynamoDB calls per operation', async () => {
  const store = await startStore('abdi-bench-calls');
  // The walk uploads an import file: s3rver with the stack's buckets.
  const objects = await startObjectStore('abdi-bench-calls');
  try {
    const harness = apiHarness({
      prefix: 'abdi-bench-calls',
      dynamoEndpoint: store.endpoint,
      s3Endpoint: objects.endpoint,
      importsBucket: physicalName('abdi-bench-calls', importsBucket),
      now: () => new Date('2026-06-29T08:00:00Z'),
    });
    return await measureCalls(harness);
  } finally {
    await objects.stop();
    await store.stop();
  }
});
if (calls) {
  const max = Math.max(...calls.rows.map((r) => r.total));
  const mean = calls.rows.reduce((sum, r) => sum + r.total, 0) / calls.rows.length;
  rows.push({
    benchmark: 'f. DynamoDB calls',
    measure: 'most calls of any operation',
    subject: max,
    reference: `budget ${CALL_BUDGET}`,
    ratio: Math.round((max / CALL_BUDGET) * 100) / 100,
  });
  rows.push({
    benchmark: 'f. DynamoDB calls',
    measure: 'mean calls per operation',
    subject: Math.round(mean * 10) / 10,
    reference: `budget ${CALL_BUDGET}`,
    ratio: Math.round((mean / CALL_BUDGET) * 100) / 100,
  });
  callTable = table(
    ['operation', 'route', 'calls', 'RRU', 'WRU', 'commands'],
    calls.rows.map((r) => [
      r.operationId,
      r.route,
      r.total,
      r.readUnits,
      r.writeUnits,
      Object.entries(r.commands)
        .map(([name, n]) => `${name.replace('Command', '')} ${n}`)
        .join(', '),
    ]),
  );
  if (calls.scans.length > 0) failures.push(`Scan made by ${calls.scans.join(', ')}`);
  if (max > CALL_BUDGET) failures.push(`an operation made ${max} calls (budget ${CALL_BUDGET})`);
}

const dashboard = await step('dashboard', 'dashboard bundle', benchDashboard);
if (dashboard) {
  rows.push({
    benchmark: 'e. Dashboard',
    measure: `initial JS, gzip (${dashboard.dashboard.jsFiles} files)`,
    subject: kb(dashboard.dashboard.jsGzipBytes),
    reference: `${kb(dashboard.reference.jsGzipBytes)} minimal Svelte 5 app`,
    ratio: dashboard.ratio.js,
  });
  rows.push({
    benchmark: 'e. Dashboard',
    measure: 'initial JS + CSS, gzip',
    subject: kb(dashboard.dashboard.jsGzipBytes + dashboard.dashboard.cssGzipBytes),
    reference: kb(dashboard.reference.jsGzipBytes + dashboard.reference.cssGzipBytes),
    ratio: dashboard.ratio.jsAndCss,
  });
  rows.push({
    benchmark: 'e. Dashboard',
    measure: 'initial JS of the 100 kB budget',
    subject: kb(dashboard.dashboard.jsGzipBytes),
    reference: kb(dashboard.budgetJsGzipBytes),
    ratio: dashboard.ratio.jsOfBudget,
  });
}

// Issue 20: the supervisor's first visit on a throttled "Slow 3G" phone, beside the office home.
const field = await step('field', 'field app on Slow 3G', () => benchField(settings.field));
if (field) {
  const where = `${field.field.path}${field.fieldApp ? '' : ', no field build yet'}`;
  const inSeconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  rows.push({
    benchmark: 'j. Slow 3G',
    measure: `first-visit JS, gzip: supervisor ${where} (${field.field.jsFiles} files) vs office home (${field.home.jsFiles})`,
    subject: kb(field.field.jsGzipBytes),
    reference: `${kb(field.home.jsGzipBytes)} office home`,
    ratio: field.ratio.js,
  });
  rows.push({
    benchmark: 'j. Slow 3G',
    measure: `first visit to usable, Slow 3G + ${field.throttling.cpuSlowdown}× CPU (median of ${field.runs})`,
    subject: inSeconds(field.field.usableMs),
    reference: `${inSeconds(field.home.usableMs)} office home`,
    ratio: field.ratio.usable,
  });
  rows.push({
    benchmark: 'j. Slow 3G',
    measure: "supervisor's first-visit JS of the 40 kB budget",
    subject: kb(field.field.jsGzipBytes),
    reference: kb(field.budgetJsGzipBytes),
    ratio: Math.round((field.field.jsGzipBytes / field.budgetJsGzipBytes) * 100) / 100,
  });
  rows.push({
    benchmark: 'j. Slow 3G',
    measure: 'all bytes of the first visit over the link, service worker downloads included',
    subject: kb(field.field.bytesFirstVisit),
    reference: `${kb(field.home.bytesFirstVisit)} office home`,
    ratio: Math.round((field.field.bytesFirstVisit / field.home.bytesFirstVisit) * 100) / 100,
  });
  const worker = field.field.serviceWorker;
  if (worker) {
    rows.push({
      benchmark: 'j. Slow 3G',
      measure: `supervisor's service worker install beside it, not throttled (${worker.files} files)`,
      subject: worker.state === 'active' ? kb(worker.bytes) : `FAILED (${worker.notFound.join(', ') || '?'})`,
      reference: `${kb(worker.jsBytes)} of it JS`,
      ratio: '',
    });
  }
  failures.push(...field.problems);
}

const cold = await step('cold', 'Lambda bundles and cold start', () => benchColdStart(settings.cold));
if (cold) {
  for (const fn of cold.functions) {
    rows.push({
      benchmark: 'd. Cold start',
      measure: `${fn.name}: start → 1st response (import ${fn.importMs} + invoke ${fn.firstInvocationMs} ms)${fn.ok ? '' : ' FAILED'}`,
      subject: `${fn.totalMs} ms`,
      reference: `${cold.reference.totalMs} ms empty`,
      ratio: fn.ratio.totalMs,
    });
    rows.push({
      benchmark: 'd. Cold start',
      measure: `${fn.name}: start → 1st response against one GetItem with the same SDK`,
      subject: `${fn.totalMs} ms`,
      reference: `${cold.getItemReference.totalMs} ms GetItem handler`,
      ratio: fn.ratio.totalMsAgainstGetItem,
    });
    rows.push({
      benchmark: 'd. Cold start',
      measure: `${fn.name}: bundle minified / gzip`,
      subject: `${kb(fn.minifiedBytes)} / ${kb(fn.gzippedBytes)}`,
      reference: `${kb(cold.reference.minifiedBytes)} / ${kb(cold.reference.gzippedBytes)}`,
      ratio: Math.round(fn.gzippedBytes / cold.reference.gzippedBytes),
    });
  }
}

const write = await step('write', 'write path', () => benchWritePath(settings.write));
if (write) {
  rows.push({
    benchmark: 'c. Write path',
    measure: `sessions/s, ${write.clients} clients, ${write.requests} sessions on ${write.cases} cases`,
    subject: write.subject.sessionsPerSecond,
    reference: `${write.reference.putsPerSecond} bare PutItem/s`,
    ratio: write.ratio.throughput,
  });
  rows.push({
    benchmark: 'c. Write path',
    measure: "sessions/s against bare transactions of a session write's items",
    subject: write.subject.sessionsPerSecond,
    reference: `${write.transactionReference.transactionsPerSecond} TransactWriteItems/s (${write.transactionReference.retries} retried)`,
    ratio: write.ratio.throughputAgainstTransaction,
  });
  rows.push({
    benchmark: 'c. Write path',
    measure: 'p50 / p99 latency',
    subject: `${write.subject.p50Ms} / ${write.subject.p99Ms} ms`,
    reference: `${write.reference.p50Ms} / ${write.reference.p99Ms} ms`,
    ratio: write.ratio.p99,
  });
  rows.push({
    benchmark: 'c. Write path',
    measure: 'credited totals = sum of sessions, one audit entry each',
    subject: write.verification.exact ? `exact (${write.verification.sessionsStored} sessions)` : 'MISMATCH',
    reference: `${write.verification.casesChecked} cases read back`,
    ratio: write.verification.exact ? 'ok' : 'FAIL',
  });
  if (!write.verification.exact) failures.push(...write.verification.problems.slice(0, 20));
  const refused = Object.entries(write.statuses).filter(([status]) => status !== '201');
  if (refused.length > 0)
    failures.push(`write path: responses other than 201: ${JSON.stringify(write.statuses)}`);
}

const mixed = await step('mixed', 'mixed workload over many offices', async () => {
  const store = await startStore('abdi-bench-mixed');
  try {
    const harness = apiHarness({
      prefix: 'abdi-bench-mixed',
      dynamoEndpoint: store.endpoint,
      now: () => new Date('2026-06-29T08:00:00Z'),
    });
    return await benchMixed(harness, settings.mixed);
  } finally {
    await store.stop();
  }
});
if (mixed) {
  for (const [operation, figures] of Object.entries(mixed.perOperation)) {
    rows.push({
      benchmark: 'g. Mixed workload',
      measure: `${operation} p50 / p99 (${figures.requests} of ${mixed.requests}, ${mixed.offices} offices, ${mixed.clients} clients)`,
      subject: `${figures.p50Ms} / ${figures.p99Ms} ms`,
      reference: `${mixed.reference.getItemP50Ms} / ${mixed.reference.getItemP99Ms} ms GetItem`,
      ratio: figures.p50AgainstGetItem,
    });
  }
  const refused = Object.entries(mixed.statuses).filter(([status]) => Number(status) >= 300);
  if (refused.length > 0)
    failures.push(`mixed workload: responses other than 2xx: ${JSON.stringify(mixed.statuses)}`);
}

// Issue 22: a cases spreadsheet dry-run and committed, beside a bare loop of a committed row's transactions.
const imports = await step('imports', 'spreadsheet import', () => benchImports(settings.imports));
if (imports) {
  const file = `${imports.rows.toLocaleString('en')}-row XLSX`;
  rows.push({
    benchmark: 'k. Spreadsheet import',
    measure: `dry run rows/s (${file}, upload → validated)`,
    subject: imports.dryRun.rowsPerSecond,
    reference: `${round(imports.rows / imports.dryRun.budgetSeconds)} rows/s for ${imports.dryRun.budgetSeconds} s`,
    ratio: round(imports.dryRun.rowsPerSecond / (imports.rows / imports.dryRun.budgetSeconds)),
  });
  rows.push({
    benchmark: 'k. Spreadsheet import',
    measure: `dry run seconds (${file})`,
    subject: `${imports.dryRun.seconds} s`,
    reference: `${imports.dryRun.budgetSeconds} s budget`,
    ratio: imports.ratio.dryRunOfBudget,
  });
  rows.push({
    benchmark: 'k. Spreadsheet import',
    measure: `commit rows/s vs bare transaction loop (${imports.reference.itemsPerTransaction} items a row, floor 0.5×)`,
    subject: imports.commit.rowsPerSecond,
    reference: `${imports.reference.rowsPerSecond} bare TransactWriteItems/s`,
    ratio: imports.ratio.commitAgainstReference,
  });
  rows.push({
    benchmark: 'k. Spreadsheet import',
    measure: 'DynamoDB calls per row: dry run / commit',
    subject: `${imports.dryRun.callsPerRow.total} / ${imports.commit.callsPerRow.total}`,
    reference: '1 TransactWriteItems a row',
    ratio: imports.commit.callsPerRow.total,
  });
  rows.push({
    benchmark: 'k. Spreadsheet import',
    measure: "the office's cases and opening credits after the commit",
    subject: imports.verification.exact
      ? `exact (${imports.verification.cases} cases, ${imports.verification.openingCreditMinutes} min)`
      : 'MISMATCH',
    reference: `${imports.rows} rows × ${imports.file.hoursOnPaper} h`,
    ratio: imports.verification.exact ? 'ok' : 'FAIL',
  });
  failures.push(...imports.problems);
}

const read = await step('read', 'read path (autocannon)', () => benchReadPath(settings.read));
if (read) {
  rows.push({
    benchmark: 'a. Read path',
    measure: `GET case req/s, ${read.connections} connections, ${read.seconds} s`,
    subject: read.subject.requestsPerSecond,
    reference: `${read.reference.requestsPerSecond} bare GetItem server`,
    ratio: Math.round((read.subject.requestsPerSecond / read.reference.requestsPerSecond) * 100) / 100,
  });
  rows.push({
    benchmark: 'a. Read path',
    measure: 'p50 / p99 latency',
    subject: `${read.subject.p50Ms} / ${read.subject.p99Ms} ms`,
    reference: `${read.reference.p50Ms} / ${read.reference.p99Ms} ms`,
    ratio: Math.round((read.subject.p99Ms / read.reference.p99Ms) * 100) / 100,
  });
}

const scale = await step('scale', 'scale (bulk load and case lists)', () => benchScale(settings.scale));
if (scale) {
  const s = scale.sameTable;
  const label = `${scale.largeCases.toLocaleString('en')} vs ${scale.smallCases.toLocaleString('en')} cases`;
  rows.push({
    benchmark: 'b. Scale',
    measure: `first page p50 / p99, ${label}`,
    subject: `${s.largeFirst!.p50Ms} / ${s.largeFirst!.p99Ms} ms`,
    reference: `${s.smallFirst!.p50Ms} / ${s.smallFirst!.p99Ms} ms`,
    ratio: `${scale.ratio.firstPageP50} / ${scale.ratio.firstPageP99}`,
  });
  rows.push({
    benchmark: 'b. Scale',
    measure: `deep page p50 / p99 (from case ${scale.deepPageStartsAt.large.toLocaleString('en')} vs ${scale.deepPageStartsAt.small.toLocaleString('en')})`,
    subject: `${s.largeDeep!.p50Ms} / ${s.largeDeep!.p99Ms} ms`,
    reference: `${s.smallDeep!.p50Ms} / ${s.smallDeep!.p99Ms} ms`,
    ratio: `${scale.ratio.deepPageP50} / ${scale.ratio.deepPageP99}`,
  });
  rows.push({
    benchmark: 'b. Scale',
    measure: 'deep page: the Query alone (straight to DynamoDB Local), p50',
    subject: `${s.rawLargeDeep!.p50Ms} ms`,
    reference: `${s.rawSmallDeep!.p50Ms} ms`,
    ratio: scale.ratio.rawQueryDeepPageP50,
  });
  rows.push({
    benchmark: 'b. Scale',
    measure: 'deep page: read units DynamoDB reports for the Query',
    subject: scale.readUnitsPerPage.largeDeep,
    reference: scale.readUnitsPerPage.smallDeep,
    ratio: scale.ratio.readUnitsDeepPage,
  });
  rows.push({
    benchmark: 'b. Scale',
    measure: `small office, table before / after +${scale.largeCases.toLocaleString('en')}, p50`,
    subject: `${s.smallFirst!.p50Ms} ms`,
    reference: `${scale.smallTable.smallFirst!.p50Ms} ms`,
    ratio: scale.ratio.smallOfficeTableGrowthP50,
  });
  rows.push({
    benchmark: 'b. Scale',
    measure: `bulk load (BatchWriteItem)${scale.load.limitedByBudget ? `: N lowered from ${scale.requestedLargeCases}` : ''}`,
    subject: `${scale.load.largeItemsPerSecond} items/s, ${scale.load.largeSeconds} s`,
    reference: `${scale.load.itemsPerSecond} items/s first ${scale.otherCases}`,
    ratio: '',
  });
}

const planner = await step('planner', 'sentence planner', async () => benchPlanner(settings.planner));
if (planner) {
  rows.push({
    benchmark: 'h. Planner',
    measure: 'one case: 180-day window, placements, other work (median)',
    subject: `${planner.oneCaseMs} ms`,
    reference: `${planner.oneCaseReferenceMs} ms walking its days`,
    ratio: planner.ratio.oneCase,
  });
  rows.push({
    benchmark: 'h. Planner',
    measure: `every active case of a ${planner.cases.toLocaleString('en')}-case office`,
    subject: `${planner.officeMs} ms (${planner.perCaseMs} ms a case)`,
    reference: `${planner.officeReferenceMs} ms walking their days`,
    ratio: planner.ratio.office,
  });
}

const documents = await step('documents', 'official documents', async () =>
  benchDocuments(settings.documents),
);
if (documents) {
  rows.push({
    benchmark: 'i. Documents',
    measure: `completion record, ${documents.sessions} sessions, built and rendered (median)`,
    subject: `${documents.completionRecordMs} ms`,
    reference: `${documents.oneParagraphLetterMs} ms one-paragraph letter`,
    ratio: documents.ratio,
  });
}

const seconds = Math.round((performance.now() - started) / 1000);
const machine = {
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
};
// A partial run (BENCH_ONLY) replaces only its own sections of the last full results.
const resultsFile = join(import.meta.dirname, 'results.json');
const prefixes: Record<string, string> = {
  read: 'a.',
  scale: 'b.',
  write: 'c.',
  cold: 'd.',
  dashboard: 'e.',
  calls: 'f.',
  mixed: 'g.',
  planner: 'h.',
  documents: 'i.',
  field: 'j.',
  imports: 'k.',
};
const previous = (
  process.env.BENCH_ONLY && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {}
) as { summary?: Row[] };
const kept = (previous.summary ?? []).filter(
  (row) => ![...selected].some((name) => row.benchmark.startsWith(prefixes[name] ?? '?')),
);
writeFileSync(
  resultsFile,
  JSON.stringify(
    {
      ...previous,
      generatedAt: new Date().toISOString(),
      seconds,
      machine,
      settings,
      summary: [...kept, ...rows].sort((a, b) => a.benchmark.localeCompare(b.benchmark)),
      failures,
      ...results,
    },
    null,
    2,
  ) + '\n',
);

process.stdout.write(
  `\nAbdi benchmarks (${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, ${seconds} s)\n\n` +
    table(
      ['benchmark', 'measure', 'subject', 'reference', 'ratio'],
      [...rows]
        .sort((a, b) => a.benchmark.localeCompare(b.benchmark))
        .map((r) => [r.benchmark, r.measure, r.subject, r.reference, r.ratio]),
    ) +
    '\n' +
    (callTable ? `\nDynamoDB calls per operation (SDK middleware count)\n\n${callTable}\n` : '') +
    `\nWritten to bench/results.json.\n`,
);
if (failures.length > 0) {
  process.stderr.write(`\nbench FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
  process.exit(1);
}
process.exit(0);
