import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../functions/api/route-table';
import { apiCaller } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { walkEveryRoute } from '../support/route-walk';

/**
 * Every route, called once in the order of a case's life, with the DynamoDB commands it sent. The
 * budget is the contract "a small, fixed number of calls per request": it does not grow with the data.
 * Every request pays two for the guard (the caller's records and the office); a POST with an
 * Idempotency-Key pays two more for its idempotency record.
 * The table is written to test-results/dynamodb-calls.md for the README and the benchmarks.
 */
const BUDGET = 10;

// 29 June 2026, 16:00 in Palopo: the whole sentence window lies in the past.
const env = testEnvironment({ now: () => new Date('2026-06-29T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
const measured = new Map<string, Record<string, number>>();

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
});

describe('DynamoDB calls per route', () => {
  it('walks every route once, within budget and without a Scan', async () => {
    // The walk (shared with the benchmarks and the reliability tests) sends each POST with an
    // Idempotency-Key, as the dashboard does, so its reads and writes are counted too.
    await walkEveryRoute(world, async ({ operationId, method, url, options }) => {
      env.calls.reset();
      const response = await call(method, url, options);
      // Each step must succeed, or the count means nothing.
      expect(response.status, `${operationId ?? url}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
      if (operationId) measured.set(operationId, env.calls.snapshot());
      return response;
    });

    expect([...measured.keys()].sort()).toEqual(routeTable.map((r) => r.operationId).sort());
    for (const [operationId, counts] of measured) {
      expect(counts, operationId).not.toHaveProperty('ScanCommand');
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
      expect(total, `${operationId} made ${JSON.stringify(counts)}`).toBeLessThanOrEqual(BUDGET);
    }
  });
});

afterAll(() => {
  const rows = routeTable.map((route) => {
    const counts = measured.get(route.operationId) ?? {};
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    const detail = Object.entries(counts)
      .map(([name, n]) => `${name.replace('Command', '')} ${n}`)
      .join(', ');
    return `| ${route.method} ${route.path} | ${total} | ${detail} |`;
  });
  mkdirSync('test-results', { recursive: true });
  writeFileSync(
    'test-results/dynamodb-calls.md',
    ['| route | calls | commands |', '|---|---|---|', ...rows].join('\n') + '\n',
  );
});
