import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../functions/api/route-table';
import type { AnyRoute } from '../../functions/api/route';
import { userClaims } from '../support/api';
import {
  anyJson,
  bodyArbitrary,
  jsonSchemaOf,
  mutate,
  nastyString,
  queryArbitrary,
  shapedValue,
  type BodyInput,
  type JsonSchema,
} from './support/arbitraries';
import {
  auditCount,
  fixtureWorld,
  reliabilityHarness,
  sendRaw,
  snapshotDiff,
  tableSnapshot,
  type RawResponse,
} from './support/world';

/**
 * Property-based fuzzing of every route in the route table (a new route is fuzzed without touching
 * this file). Requests are generated from the route's own zod schemas (via JSON Schema): shaped values
 * at and beyond their limits, mutated values of the wrong kind, bytes that are not JSON, tampered
 * cursors, strange ids in the path, odd headers, and now and then the wrong caller or none.
 *
 * For every request: never a 5xx; every 4xx is problem+json with type, title, status and detail, and
 * string paths in errors[]; a refused request writes nothing (the write log sees no accepted write
 * outside the idempotency bookkeeping); a successful write leaves
 * exactly one audit entry. For every route: the audit log grew by exactly what the write log saw, and
 * when nothing was written the table is byte-for-byte what it was.
 *
 * RELIABILITY_FUZZ_RUNS (default 200 per route) and RELIABILITY_FUZZ_SEED make it bigger or different.
 */
const RUNS = Number(process.env.RELIABILITY_FUZZ_RUNS ?? 200);
const SEED = Number(process.env.RELIABILITY_FUZZ_SEED ?? 20_260_629);

const h = reliabilityHarness();
let fixture: Awaited<ReturnType<typeof fixtureWorld>>;
let serial = 0;

beforeAll(async () => {
  fixture = await fixtureWorld(h);
}, 120_000);

interface GeneratedRequest {
  readonly params: Record<string, string>;
  readonly query: Record<string, string>;
  readonly body: BodyInput | undefined;
  readonly contentType: string | undefined;
  readonly ifMatch: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly caller: string;
}

/**
 * Callers: mostly the home office's admin and PK, sometimes another role, a stranger or no one; for a
 * region's route mostly its Kanwil, the only role that gets past its guard.
 */
function callerArbitrary(route?: AnyRoute): fc.Arbitrary<string> {
  if (route?.access.kind === 'region') {
    return fc.oneof(
      { weight: 12, arbitrary: fc.constant('regional') },
      { weight: 4, arbitrary: fc.constantFrom('admin', 'officer', 'otherAdmin', 'anonymous', 'junk') },
    );
  }
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant('admin') },
    { weight: 4, arbitrary: fc.constant('officer') },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        'supervisor',
        'prosecutor',
        'regional',
        'integration',
        'otherAdmin',
        'anonymous',
        'junk',
      ),
    },
  );
}

function claimsOf(caller: string): Record<string, unknown> | undefined {
  const claims = fixture.world.claims as Record<string, Record<string, unknown>>;
  if (caller === 'anonymous') return undefined;
  if (caller === 'junk') return { ...userClaims('no-such-user'), sub: 42, username: ['x'] };
  return claims[caller];
}

function paramArbitrary(name: string, schema: JsonSchema | undefined): fc.Arbitrary<string> {
  const known = fixture.ids[name] ?? [];
  const shaped = schema
    ? shapedValue(schema).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')))
    : nastyString;
  if (name === 'regionId') {
    const { regionId, farRegionId } = fixture.world;
    return fc.oneof(
      { weight: 14, arbitrary: fc.constant(regionId) },
      { weight: 2, arbitrary: fc.constantFrom(farRegionId, 'no-such-region') },
      { weight: 1, arbitrary: nastyString },
    );
  }
  if (name === 'officeId') {
    const { home, other, far } = fixture.world;
    return fc.oneof(
      { weight: 14, arbitrary: fc.constant(home) },
      { weight: 2, arbitrary: fc.constantFrom(other, far, 'no-such-office') },
      { weight: 1, arbitrary: nastyString },
    );
  }
  return fc.oneof(
    ...(known.length > 0 ? [{ weight: 6, arbitrary: fc.constantFrom(...known) }] : []),
    { weight: 2, arbitrary: shaped },
    { weight: 2, arbitrary: nastyString },
  );
}

function requestArbitrary(route: AnyRoute): fc.Arbitrary<GeneratedRequest> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const paramSchema = route.params ? jsonSchemaOf(route.params) : undefined;
  const params = fc
    .tuple(...names.map((name) => paramArbitrary(name, paramSchema?.properties?.[name])))
    .map((values) => Object.fromEntries(names.map((name, i) => [name, values[i]!])));
  const bodySchema = route.body ? jsonSchemaOf(route.body) : undefined;
  const example = fixture.examples.get(route.operationId);
  const body: fc.Arbitrary<BodyInput | undefined> = bodySchema
    ? fc.oneof(
        { weight: 6, arbitrary: bodyArbitrary(bodySchema) },
        ...(example?.body === undefined ? [] : [{ weight: 6, arbitrary: mutatedExample(example.body) }]),
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
    : fc.option(
        anyJson.map((value) => ({ kind: 'json' as const, value })),
        { freq: 8 },
      );
  const query = queryArbitrary(route.query ? jsonSchemaOf(route.query) : undefined);
  return fc.record({
    params,
    // The successful request's query, now and then with generated keys over it.
    query: example
      ? fc.oneof(
          query,
          query.map((generated) => ({ ...example.query, ...generated })),
          fc.constant(example.query),
        )
      : query,
    body,
    contentType: fc.oneof(
      { weight: 12, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          undefined,
          'text/plain',
          'application/json; charset=utf-8',
          'application/xml',
          '',
        ),
      },
    ),
    ifMatch: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('"1"', '"2"', '"3"', 'W/"1"') },
      { weight: 1, arbitrary: fc.constantFrom(undefined, '*', '"0"', '"-1"', '"99999999999999999999"') },
      { weight: 1, arbitrary: nastyString },
    ),
    idempotencyKey: fc.option(fc.string({ maxLength: 40 }), { freq: 2 }),
    caller: callerArbitrary(route),
  });
}

/**
 * A request body that succeeded in the route walk (so it passes the schema and names records that
 * exist), sent as it was or with one value somewhere replaced: by a value of another kind, a nasty
 * string, or a boundary number. These reach the domain rules and the store, where the schema-shaped
 * bodies mostly stop at validation.
 */
function mutatedExample(example: unknown): fc.Arbitrary<BodyInput> {
  const replacement = fc.oneof(
    anyJson,
    nastyString,
    fc.constantFrom(
      0,
      -1,
      1,
      24,
      25,
      240,
      241,
      1e9,
      0.5,
      '',
      ' ',
      '2026-02-29',
      '2026-06-30',
      '23:59',
      '00:00',
    ),
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({ kind: 'json' as const, value: example }) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.nat(), replacement)
        .map(([pick, value]) => ({ kind: 'json' as const, value: mutate(example, pick, value) })),
    },
  );
}

function toUrl(route: AnyRoute, request: GeneratedRequest): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeSegment(request.params[name] ?? ''),
  );
  const query = new URLSearchParams(request.query).toString();
  return query ? `${path}?${query}` : path;
}

/** Lone surrogates cannot be percent-encoded; a client would have to send something, so send U+FFFD. */
function encodeSegment(value: string): string {
  return encodeURIComponent(
    value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );
}

function describeRequest(route: AnyRoute, request: GeneratedRequest, url: string) {
  const body = request.body?.kind === 'raw' ? request.body.text : JSON.stringify(request.body?.value);
  return `${route.method} ${url} as ${request.caller}, body ${body?.slice(0, 400)}`;
}

function checkProblem(response: RawResponse, what: string) {
  expect(response.headers['content-type'], what).toBe('application/problem+json');
  const problem = JSON.parse(response.text) as Record<string, unknown>;
  expect(typeof problem.type, what).toBe('string');
  expect(typeof problem.title, what).toBe('string');
  expect(typeof problem.detail, what).toBe('string');
  expect(problem.status, what).toBe(response.status);
  if (problem.errors !== undefined) {
    expect(Array.isArray(problem.errors), what).toBe(true);
    for (const error of problem.errors as { path: unknown; message: unknown }[]) {
      expect(typeof error.path, what).toBe('string');
      expect(typeof error.message, what).toBe('string');
    }
  }
}

describe.each(routeTable.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s',
  (_, route) => {
    it(`survives ${RUNS} generated requests`, { timeout: 180_000 }, async () => {
      const office = fixture.world.home;
      const auditBefore = await auditCount(h, office);
      const before = await tableSnapshot(h);
      let audited = 0;
      let anyWrite = false;
      const statuses = new Map<number, number>();

      await fc.assert(
        fc.asyncProperty(requestArbitrary(route), async (request) => {
          serial += 1;
          const url = toUrl(route, request);
          const what = describeRequest(route, request, url);
          const headers: Record<string, string> = {};
          if (request.body && request.contentType !== undefined)
            headers['content-type'] = request.contentType;
          if (request.ifMatch !== undefined) headers['if-match'] = request.ifMatch;
          // Unique per request: a replay of an earlier response is the retry-storm test's subject.
          if (request.idempotencyKey !== undefined)
            headers['idempotency-key'] = `fz-${serial}-${request.idempotencyKey}`;
          const body =
            request.body?.kind === 'raw'
              ? request.body.text
              : request.body && JSON.stringify(request.body.value);

          h.writes.reset();
          const response = await sendRaw(h, {
            method: route.method,
            url,
            headers,
            body,
            claims: claimsOf(request.caller),
          });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);

          expect(response.status, `${what} → ${response.text}`).toBeLessThan(500);
          const audits = h.writes.auditActions();
          const written = h.writes.writesExcept(h.config.idempotencyTableName);
          if (written.length > 0) anyWrite = true;
          audited += audits.length;
          if (response.status >= 400) {
            checkProblem(response, what);
            expect(written, `refused but wrote: ${what}`).toEqual([]);
            expect(
              h.writes.netRecords(h.config.idempotencyTableName),
              `idempotency record left: ${what}`,
            ).toBe(0);
          } else if (route.method !== 'GET') {
            // A write that changed something carries exactly one audit entry; a no-op (disabling a
            // disabled account, ending an ended placement) writes nothing at all.
            expect(audits, `one audit entry per write: ${what}`).toHaveLength(written.length > 0 ? 1 : 0);
          } else {
            // Reads write nothing, except the audited reads of evidence (one entry each).
            expect(audits.length, what).toBeLessThanOrEqual(1);
            expect(written.length, what).toBe(audits.length);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );

      expect(await auditCount(h, office), 'the audit log grew by exactly what the write log saw').toBe(
        auditBefore + audited,
      );
      if (!anyWrite) expect(snapshotDiff(before, await tableSnapshot(h))).toEqual([]);
      if (process.env.RELIABILITY_FUZZ_VERBOSE) {
        console.info(`${route.operationId}: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
      }
      // A fuzz run that never got past the guard would prove little.
      expect(
        [...statuses.keys()].some((status) => status !== 401 && status !== 404),
        JSON.stringify([...statuses]),
      ).toBe(true);
    });
  },
);
