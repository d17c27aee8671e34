import { BatchWriteItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { CASE_STATUSES } from '../functions/domain';
import { createImportWorkers, importJobRun } from '../functions/platform/import-workers';
import { InProcessImportJobs, provideLocalImportJobs } from '../functions/platform/import-job-queue';
import { keys } from '../functions/store/keys';
import { importsBucket, mainTable, physicalName } from '../functions/tables';
import { newPartner, newSite } from '../test/support/cases';
import { seedDirectory } from '../test/support/fixtures';
import { caseRow, uploadImport, xlsxOf, type RowCells } from '../test/support/import-files';
import { startObjectStore, startStore } from './lib/emulators';
import { apiHarness, type Harness } from './lib/environment';
import { ratio, round } from './lib/stats';
import { recordTransactions, replayOf, type Replay } from './lib/transaction-replay';
import { queryAll } from './lib/verify';

export interface ImportsOptions {
  /** Rows of the cases file (issue 22 asks for 10,000). */
  readonly rows: number;
}

const PREFIX = 'abdi-bench-imports';
const NOW = new Date('2026-06-29T08:00:00Z');
/** The limit for the dry run of the file. */
const DRY_RUN_BUDGET_SECONDS = 60;
/** The floor for the commit against the bare loop of its transactions. */
const COMMIT_FLOOR = 0.5;
/**
 * A job slice as long as the cloud worker's (a 15-minute timeout, stopped 2 minutes before it): the bench
 * measures the job's rate, not local mode's 20-second slices, which re-read the file for each slice.
 */
const SLICE_MS = 13 * 60_000;
/** Rows of the warm-up import, another office's: loads and warms the code, and gives the reference. */
const WARM_UP_ROWS = 3;

type World = Awaited<ReturnType<typeof seedDirectory>>;
interface Office {
  readonly world: World;
  readonly path: string;
  readonly site: { readonly agreement: string; readonly name: string };
}

/** An office (seedDirectory's) with one non-commercial partner and a work site with room for `capacity`. */
async function officeWithSite(h: Harness, suffix: string, capacity: number): Promise<Office> {
  const world = await seedDirectory(h.directory, suffix);
  const at = { actor: 'bench', at: new Date('2026-02-01T00:00:00Z') };
  const partnerId = `partner-${suffix}`;
  const partner = newPartner();
  await h.deps.partners.create(world.home, partnerId, partner, at);
  const name = 'Masjid Agung Luwu';
  await h.deps.sites.create(
    world.home,
    world.siteId,
    { ...newSite(partnerId, { name }), capacity, active: true },
    at,
  );
  return { world, path: `/v1/offices/${world.home}`, site: { agreement: partner.agreement.number, name } };
}

/**
 * Row `i`'s client NIK: Kota Palopo, born 15 January 1990 as `caseRow` says, with 9,999 serials per
 * district code, so any number of rows up to 989,901 gets distinct, valid NIKs.
 */
function nikOf(i: number): string {
  const district = 1 + Math.floor(i / 9_999);
  if (district > 99) throw new Error('too many rows for distinct NIKs');
  return `7373${String(district).padStart(2, '0')}150190${String(1 + (i % 9_999)).padStart(4, '0')}`;
}

/** `rows` cases rows as an office sends them: distinct clients and decision numbers, all at one site. */
const casesRows = (rows: number, office: Office): RowCells[] =>
  Array.from({ length: rows }, (_, i) => ({
    ...caseRow(i + 1, office.world.people.officer, office.site),
    'client.nik': nikOf(i),
  }));

/** Runs the import's queued jobs to the end; a slice that threw fails the bench. */
async function untilIdle(jobs: InProcessImportJobs, errors: unknown[]) {
  await jobs.whenIdle();
  if (errors.length > 0) throw errors[0];
}

async function importOf(h: Harness, office: Office, importId: string) {
  const answer = await h.call('GET', `${office.path}/imports/${importId}`, {
    claims: office.world.claims.admin,
  });
  return answer.body as { status: string; summary: Record<string, number>; fileProblems?: unknown[] };
}

/** Why rows failed, as rule codes only: a row's messages may quote its cells. */
async function rowRules(h: Harness, office: Office, importId: string): Promise<string> {
  const answer = await h.call('GET', `${office.path}/imports/${importId}/rows?limit=5&problems=errors`, {
    claims: office.world.claims.admin,
  });
  const items = (answer.body?.items ?? []) as { row: number; errors: { rule: string }[] }[];
  return items.map((r) => `row ${r.row}: ${r.errors.map((e) => e.rule).join(', ')}`).join('; ');
}

/**
 * The dry run as an office meets it: from creating the import (the upload's presigned PUT to s3rver
 * included) to the import `validated`, every row ready. Local mode starts the job from s3rver's event;
 * here it is started right after the upload, as the integration tests do, so the clock stops on it.
 */
async function dryRun(
  h: Harness,
  jobs: InProcessImportJobs,
  errors: unknown[],
  office: Office,
  bytes: Uint8Array,
) {
  const started = performance.now();
  const { importId } = await uploadImport(
    h.call,
    office.path,
    office.world.claims.admin,
    'cases',
    bytes,
    'kasus.xlsx',
  );
  await jobs.start({ officeId: office.world.home, importId });
  await untilIdle(jobs, errors);
  const seconds = (performance.now() - started) / 1000;
  const record = await importOf(h, office, importId);
  const passed = (record.summary.ready ?? 0) + (record.summary.warning ?? 0);
  if (record.status !== 'validated' || passed !== record.summary.rows) {
    throw new Error(
      `dry run: ${record.status}, ${JSON.stringify(record.summary)} ${JSON.stringify(record.fileProblems ?? [])} ${await rowRules(h, office, importId)}`,
    );
  }
  return { importId, seconds, summary: record.summary };
}

/** The commit: from the API's commit request to the import `committed` with every row created. */
async function commit(
  h: Harness,
  jobs: InProcessImportJobs,
  errors: unknown[],
  office: Office,
  importId: string,
  rows: number,
  onAccepted: () => void = () => {},
) {
  const started = performance.now();
  const accepted = await h.call('POST', `${office.path}/imports/${importId}/commit`, {
    claims: office.world.claims.admin,
    headers: { 'idempotency-key': `bench-commit-${importId}` },
  });
  if (accepted.status !== 202) throw new Error(`commit: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  onAccepted();
  await untilIdle(jobs, errors);
  const seconds = (performance.now() - started) / 1000;
  const record = await importOf(h, office, importId);
  if (record.status !== 'committed' || record.summary.created !== rows) {
    throw new Error(
      `commit: ${record.status}, ${JSON.stringify(record.summary)} ${await rowRules(h, office, importId)}`,
    );
  }
  return { seconds, summary: record.summary };
}

/**
 * The reference: `rows` TransactWriteItems of a committed row's items, one after the other as the job
 * sends them, with nothing around them. What their conditions expect to find (each row's report item
 * in `ready`, the site) is written first, outside the clock, as the dry run and the office wrote it
 * for the import.
 */
async function bareLoop(h: Harness, replay: Replay, rows: number) {
  const seeds = [...replay.sharedSeeds, ...Array.from({ length: rows }, (_, i) => replay.seeds(i)).flat()];
  for (let i = 0; i < seeds.length; i += 25) {
    let requests = seeds.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const result = await h.dynamo.send(
        new BatchWriteItemCommand({ RequestItems: { [h.tableName]: requests } }),
      );
      requests = (result.UnprocessedItems?.[h.tableName] ?? []) as typeof requests;
    }
  }
  const started = performance.now();
  for (let i = 0; i < rows; i += 1) {
    await h.dynamo.send(new TransactWriteItemsCommand({ TransactItems: replay.transaction(i) }));
  }
  return (performance.now() - started) / 1000;
}

/**
 * After the commit, straight from the table: the office's cases, every status's listing (gsi1) read
 * whole, and its status counters; their number must be the file's rows and their opening credits and
 * credited minutes the rows' hours on paper, to the minute.
 */
async function verify(h: Harness, office: Office, rows: number, hoursOnPaper: number) {
  const cases = (
    await Promise.all(
      CASE_STATUSES.map((status) =>
        queryAll(h.db, {
          TableName: h.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.casesInStatus(office.world.home, status) },
        }),
      ),
    )
  ).flat();
  const stats = await h.db.send(
    new GetCommand({
      TableName: h.tableName,
      Key: keys.officeStats(office.world.home),
      ConsistentRead: true,
    }),
  );
  const counted = CASE_STATUSES.reduce((sum, s) => sum + Number(stats.Item?.[`status_${s}`] ?? 0), 0);
  const openingMinutes = cases.reduce(
    (sum, c) => sum + Number((c.openingCredit as { minutes?: number } | undefined)?.minutes ?? 0),
    0,
  );
  const creditedMinutes = cases.reduce((sum, c) => sum + Number(c.creditedMinutes ?? 0), 0);
  const expectedMinutes = rows * hoursOnPaper * 60;
  const problems = [
    ...(cases.length === rows ? [] : [`${cases.length} cases in the office's listings, ${rows} rows`]),
    ...(counted === rows ? [] : [`the office's status counters count ${counted} cases, ${rows} rows`]),
    ...(openingMinutes === expectedMinutes
      ? []
      : [`opening credits sum to ${openingMinutes} minutes, the rows to ${expectedMinutes}`]),
    ...(creditedMinutes === expectedMinutes
      ? []
      : [`credited minutes sum to ${creditedMinutes}, the rows to ${expectedMinutes}`]),
  ];
  return {
    cases: cases.length,
    statusCounters: counted,
    openingCreditMinutes: openingMinutes,
    creditedMinutes,
    expectedMinutes,
    problems,
    exact: problems.length === 0,
  };
}

const perRow = (commands: Record<string, number>, rows: number) => ({
  total: round(Object.values(commands).reduce((sum, n) => sum + n, 0) / rows),
  byCommand: Object.fromEntries(
    Object.entries(commands).map(([name, n]) => [name.replace('Command', ''), round(n / rows)]),
  ),
});

/**
 * (k) The spreadsheet import (issue 22): a `rows`-row cases XLSX dry-run and committed through the API
 * and the import job (the worker's own wiring, platform/import-workers.ts), on DynamoDB Local and s3rver.
 * The dry run is held to a minute; the commit, in rows/s, to half the rate of a bare loop of the same
 * transactions (those of a committed row, captured from a warm-up import and replayed under keys of
 * their own) in the same run on the same DynamoDB Local. Afterwards the office's cases and opening
 * credits are counted against the file, and the DynamoDB calls per row are reported.
 */
export async function benchImports(options: ImportsOptions) {
  const store = await startStore(PREFIX);
  const s3 = await startObjectStore(PREFIX);
  try {
    const h = apiHarness({
      prefix: PREFIX,
      dynamoEndpoint: store.endpoint,
      s3Endpoint: s3.endpoint,
      now: () => NOW,
      importsBucket: physicalName(PREFIX, importsBucket),
    });
    const errors: unknown[] = [];
    // Local mode's in-process jobs over the worker's ports, on the harness's counted client; the API's
    // commit starts them through `provideLocalImportJobs`, as in `npm run local`.
    const jobs = new InProcessImportJobs({
      run: importJobRun(createImportWorkers(h.config, { now: () => NOW, dynamo: h.dynamo })),
      sliceMs: SLICE_MS,
      onError: (error) => errors.push(error),
    });
    provideLocalImportJobs(jobs);

    // Warm-up in an office of its own: loads the import's code, and its commit's row transactions,
    // captured on the wire, become the reference.
    const warm = await officeWithSite(h, 'warm', 100);
    const warmFile = await xlsxOf('cases', casesRows(WARM_UP_ROWS, warm));
    const warmImport = await dryRun(h, jobs, errors, warm, warmFile);
    // Recorded from the commit's acceptance: the job's transactions only, not the request's own.
    let recorder: ReturnType<typeof recordTransactions> | undefined;
    await commit(h, jobs, errors, warm, warmImport.importId, WARM_UP_ROWS, () => {
      recorder = recordTransactions(h.dynamo, mainTable);
    });
    recorder?.stop();
    // The rows' transactions are the commit's largest (the import record's saves carry one or two items).
    const captured = recorder?.captured ?? [];
    const largest = Math.max(...captured.map((t) => t.items.length));
    const [first, second] = captured.filter((t) => t.items.length === largest);
    if (!first || !second) throw new Error('the warm-up commit sent fewer than two row transactions');
    const replay = replayOf(first, second, mainTable, 'BENCH#IMPORT-REF#');

    const office = await officeWithSite(h, 'bench', options.rows);
    const rows = casesRows(options.rows, office);
    const hoursOnPaper = Number(rows[0]!['paper.credit.hours']);
    const built = performance.now();
    const file = await xlsxOf('cases', rows);
    const buildSeconds = (performance.now() - built) / 1000;

    h.calls.reset();
    const dry = await dryRun(h, jobs, errors, office, file);
    const dryCalls = h.calls.snapshot();

    const referenceSeconds = await bareLoop(h, replay, options.rows);

    h.calls.reset();
    const committed = await commit(h, jobs, errors, office, dry.importId, options.rows);
    const commitCalls = h.calls.snapshot();

    const verification = await verify(h, office, options.rows, hoursOnPaper);

    const dryRunRowsPerSecond = options.rows / dry.seconds;
    const commitRowsPerSecond = options.rows / committed.seconds;
    const referenceRowsPerSecond = options.rows / referenceSeconds;
    const commitAgainstReference = commitRowsPerSecond / referenceRowsPerSecond;
    const problems = [
      ...(dry.seconds <= DRY_RUN_BUDGET_SECONDS
        ? []
        : [
            `imports: the dry run of ${options.rows} rows took ${round(dry.seconds)} s (budget ${DRY_RUN_BUDGET_SECONDS} s)`,
          ]),
      ...(commitAgainstReference >= COMMIT_FLOOR
        ? []
        : [
            `imports: the commit ran at ${round(commitAgainstReference)}× the bare transaction loop (floor ${COMMIT_FLOOR}×)`,
          ]),
      ...verification.problems.map((p) => `imports: ${p}`),
    ];
    return {
      ...options,
      sliceMs: SLICE_MS,
      file: { bytes: file.byteLength, buildSeconds: round(buildSeconds), hoursOnPaper },
      dryRun: {
        seconds: round(dry.seconds),
        rowsPerSecond: round(dryRunRowsPerSecond),
        budgetSeconds: DRY_RUN_BUDGET_SECONDS,
        summary: dry.summary,
        callsPerRow: perRow(dryCalls, options.rows),
      },
      commit: {
        seconds: round(committed.seconds),
        rowsPerSecond: round(commitRowsPerSecond),
        summary: committed.summary,
        callsPerRow: perRow(commitCalls, options.rows),
      },
      reference: {
        seconds: round(referenceSeconds),
        rowsPerSecond: round(referenceRowsPerSecond),
        itemsPerTransaction: replay.itemsPerTransaction,
        bytesPerTransaction: replay.bytesPerTransaction,
      },
      ratio: {
        commitAgainstReference: ratio(commitRowsPerSecond, referenceRowsPerSecond),
        dryRunOfBudget: ratio(dry.seconds, DRY_RUN_BUDGET_SECONDS),
      },
      verification,
      problems,
    };
  } finally {
    provideLocalImportJobs(undefined);
    await s3.stop();
    await store.stop();
  }
}
