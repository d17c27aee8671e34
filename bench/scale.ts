import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiResponse } from '../test/support/api';
import { withSeededApi, type Harness } from './lib/environment';
import { percentile, ratio, round, timed } from './lib/stats';
import { batchLoad, syntheticCaseItems } from './lib/synthetic';

export interface ScaleOptions {
  /** Cases in the large office; lowered to what fits `loadBudgetSeconds` at the measured load rate. */
  readonly largeCases: number;
  readonly smallCases: number;
  /** Cases of unrelated offices, loaded first (and used to measure the load rate). */
  readonly otherCases: number;
  readonly samples: number;
  readonly loadBudgetSeconds: number;
  readonly loadConcurrency: number;
}

interface Latency {
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const PREFIX = 'abdi-bench-scale';

/**
 * Timed calls, round robin over the targets (so drift in the emulator or the JIT hits every target
 * alike): `samples` each after `warmup` untimed rounds.
 */
async function sample(
  targets: Readonly<Record<string, () => Promise<void>>>,
  samples: number,
  warmup: number,
): Promise<Record<string, Latency>> {
  const times = new Map<string, number[]>(Object.keys(targets).map((name) => [name, []]));
  for (let round = 0; round < warmup + samples; round += 1) {
    for (const [name, run] of Object.entries(targets)) {
      const { ms } = await timed(run);
      if (round >= warmup) times.get(name)!.push(ms);
    }
  }
  return Object.fromEntries(
    [...times].map(([name, t]) => [
      name,
      { p50Ms: round(percentile(t, 50)), p99Ms: round(percentile(t, 99)) },
    ]),
  );
}

/** A GET of the case list through the handler, as one of the offices' admins. */
const listVia = (h: Harness, url: string, claims: object) => async () => {
  const response = await h.call('GET', url, { claims: claims as Record<string, unknown> });
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
};

/** The handler's own Query for that page, sent straight to DynamoDB: what the store costs alone. */
function rawQuery(h: Harness, officeId: string, cursor?: string) {
  // The cursor's payload is the LastEvaluatedKey (it is signed, not encrypted).
  const startKey = cursor
    ? (
        JSON.parse(Buffer.from(cursor.split('.')[0]!, 'base64url').toString('utf8')) as {
          k: Record<string, unknown>;
        }
      ).k
    : undefined;
  const input = {
    TableName: h.tableName,
    IndexName: 'due',
    KeyConditionExpression: 'duepk = :pk',
    ExpressionAttributeValues: { ':pk': `O#${officeId}#OPEN` },
    Limit: 25,
    ExclusiveStartKey: startKey,
  };
  return {
    run: async () => {
      await h.db.send(new QueryCommand(input));
    },
    units: async () => {
      const result = await h.db.send(new QueryCommand({ ...input, ReturnConsumedCapacity: 'TOTAL' }));
      return result.ConsumedCapacity?.CapacityUnits ?? Number.NaN;
    },
  };
}

/**
 * Follows the cursors of the default list (open cases by deadline) to the end, 100 a page, checking
 * that every case is listed exactly once; returns the URL of the page (default size) at 90 % depth.
 */
async function walkToDeepPage(h: Harness, officeId: string, claims: object, expected: number) {
  const base = `/v1/offices/${officeId}/cases`;
  const cursors: string[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  do {
    const page: ApiResponse = await h.call(
      'GET',
      `${base}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { claims: claims as Record<string, unknown> },
    );
    if (page.status !== 200) throw new Error(`walk ${officeId}: ${page.status}`);
    for (const item of page.body.items as { id: string }[]) seen.add(item.id);
    cursor = page.body.nextCursor as string | null;
    if (cursor) cursors.push(cursor);
  } while (cursor);
  if (seen.size !== expected) throw new Error(`${officeId}: listed ${seen.size} of ${expected} open cases`);
  // cursors[i] continues after case (i + 1) × 100; the deep page starts at 90 % of the list.
  const index = Math.max(0, Math.floor((expected * 0.9) / 100) - 1);
  const deep = cursors[index]!;
  return {
    url: `${base}?cursor=${encodeURIComponent(deep)}`,
    cursor: deep,
    pages: cursors.length + 1,
    firstCase: (index + 1) * 100 + 1,
  };
}

/**
 * (b) The default case list (open cases by deadline, 25 a page) of a small office and of a large
 * one, first page and a deep page reached through the cursors, with other offices' data in the same
 * table. Cases are written with BatchWriteItem in the exact stored shape (`caseItem`).
 */
export async function benchScale(options: ScaleOptions) {
  return withSeededApi(PREFIX, 'scale', async (h, world) => {
    const small = { office: world.other, claims: world.claims.otherAdmin };
    const large = { office: world.home, claims: world.claims.admin };

    // Other offices' data first: it measures the load rate that decides how large "large" can be.
    const others = syntheticCaseItems(world.far, options.otherCases);
    const otherStart = performance.now();
    const rate = await batchLoad(h.db, h.tableName, others, options.loadConcurrency);
    const otherSeconds = (performance.now() - otherStart) / 1000;
    await batchLoad(h.db, h.tableName, syntheticCaseItems(small.office, options.smallCases), 8);

    const smallDeep = await walkToDeepPage(h, small.office, small.claims, options.smallCases);
    const smallTargets = {
      smallFirst: listVia(h, `/v1/offices/${small.office}/cases`, small.claims),
      smallDeep: listVia(h, smallDeep.url, small.claims),
    };
    // The small office while the table is still small: the baseline for any table-size effect.
    const smallTable = await sample(smallTargets, options.samples, options.samples);

    const fits = Math.floor((rate * options.loadBudgetSeconds) / 1000) * 1000;
    const largeCases = Math.max(options.smallCases, Math.min(options.largeCases, fits));
    const loadStart = performance.now();
    const largeRate = await batchLoad(
      h.db,
      h.tableName,
      syntheticCaseItems(large.office, largeCases),
      options.loadConcurrency,
    );
    const largeLoadSeconds = (performance.now() - loadStart) / 1000;

    const largeDeep = await walkToDeepPage(h, large.office, large.claims, largeCases);
    // Both offices in the one large table, interleaved: the ratio that says whether cost is flat.
    const raw = {
      smallFirst: rawQuery(h, small.office),
      smallDeep: rawQuery(h, small.office, smallDeep.cursor),
      largeFirst: rawQuery(h, large.office),
      largeDeep: rawQuery(h, large.office, largeDeep.cursor),
    };
    const sameTable = await sample(
      {
        ...smallTargets,
        largeFirst: listVia(h, `/v1/offices/${large.office}/cases`, large.claims),
        largeDeep: listVia(h, largeDeep.url, large.claims),
        rawSmallFirst: raw.smallFirst.run,
        rawSmallDeep: raw.smallDeep.run,
        rawLargeFirst: raw.largeFirst.run,
        rawLargeDeep: raw.largeDeep.run,
      },
      options.samples,
      Math.ceil(options.samples / 4),
    );
    // What DynamoDB bills for each page: the read units of the Query (the guard's reads come on top).
    const readUnitsPerPage = {
      smallFirst: await raw.smallFirst.units(),
      smallDeep: await raw.smallDeep.units(),
      largeFirst: await raw.largeFirst.units(),
      largeDeep: await raw.largeDeep.units(),
    };
    h.calls.reset();
    await h.call('GET', largeDeep.url, { claims: large.claims });
    const callsPerPage = h.calls.snapshot();
    const at = (name: string) => sameTable[name]!;

    return {
      requestedLargeCases: options.largeCases,
      largeCases,
      smallCases: options.smallCases,
      otherCases: options.otherCases,
      samples: options.samples,
      load: {
        itemsPerSecond: round(rate),
        otherSeconds: round(otherSeconds),
        largeItemsPerSecond: round(largeRate),
        largeSeconds: round(largeLoadSeconds),
        limitedByBudget: largeCases < options.largeCases,
      },
      pagesWalked: { small: smallDeep.pages, large: largeDeep.pages },
      deepPageStartsAt: { small: smallDeep.firstCase, large: largeDeep.firstCase },
      smallTable,
      sameTable,
      ratio: {
        firstPageP50: ratio(at('largeFirst').p50Ms, at('smallFirst').p50Ms),
        firstPageP99: ratio(at('largeFirst').p99Ms, at('smallFirst').p99Ms),
        deepPageP50: ratio(at('largeDeep').p50Ms, at('smallDeep').p50Ms),
        deepPageP99: ratio(at('largeDeep').p99Ms, at('smallDeep').p99Ms),
        smallOfficeTableGrowthP50: ratio(at('smallFirst').p50Ms, smallTable.smallFirst!.p50Ms),
        rawQueryDeepPageP50: ratio(at('rawLargeDeep').p50Ms, at('rawSmallDeep').p50Ms),
        readUnitsDeepPage: ratio(readUnitsPerPage.largeDeep, readUnitsPerPage.smallDeep),
      },
      readUnitsPerPage,
      callsPerPage,
    };
  });
}
