import { routeTable } from '../functions/api/route-table';
import { uniqueSuffix } from '../test/support/environment';
import { seedDirectory } from '../test/support/fixtures';
import { walkEveryRoute } from '../test/support/route-walk';
import { webhookPump } from '../test/support/webhook-pump';
import { CapacityMeter } from './lib/capacity';
import type { Harness } from './lib/environment';
import { importJobRunner } from './lib/import-runner';

/** The contract of test/integration/call-counts.test.ts: a small, fixed number of calls per request. */
export const CALL_BUDGET = 10;

export interface CallRow {
  readonly operationId: string;
  readonly route: string;
  readonly total: number;
  readonly commands: Readonly<Record<string, number>>;
  /** Request units DynamoDB reported (`ReturnConsumedCapacity: INDEXES`): tables and indexes. */
  readonly readUnits: number;
  readonly writeUnits: number;
}

/**
 * (f) DynamoDB commands per API operation, counted by middleware on the SDK client while the shared
 * route walk calls every route once, with the request units DynamoDB reports for them (the cost
 * model's input). The harness's clock must stand at 29 June 2026.
 */
export async function measureCalls(harness: Harness): Promise<{ rows: CallRow[]; scans: string[] }> {
  const world = await seedDirectory(harness.directory, `bench${uniqueSuffix()}`);
  const meter = new CapacityMeter(harness.dynamo);
  const measured = new Map<string, Record<string, number>>();
  const units = new Map<string, { readUnits: number; writeUnits: number }>();
  const pump = await webhookPump(harness.config);
  await walkEveryRoute(
    world,
    async ({ operationId, method, url, options }) => {
      harness.calls.reset();
      meter.reset();
      const response = await harness.call(method, url, options);
      if (response.status >= 300) {
        throw new Error(
          `${operationId ?? method + ' ' + url}: ${response.status} ${JSON.stringify(response.body)}`,
        );
      }
      if (operationId) {
        measured.set(operationId, harness.calls.snapshot());
        units.set(operationId, meter.snapshot());
      }
      return response;
    },
    pump.dispatch,
    importJobRunner(harness, () => new Date('2026-06-29T08:00:00Z')),
  );
  pump.stop();
  const missing = routeTable.filter((route) => !measured.has(route.operationId));
  if (missing.length > 0) {
    throw new Error(`the route walk skipped ${missing.map((r) => r.operationId).join(', ')}`);
  }
  const rows = routeTable.map((route) => {
    const commands = measured.get(route.operationId)!;
    return {
      operationId: route.operationId,
      route: `${route.method} ${route.path}`,
      total: Object.values(commands).reduce((sum, n) => sum + n, 0),
      commands,
      ...units.get(route.operationId)!,
    };
  });
  const scans = rows.filter((row) => (row.commands.ScanCommand ?? 0) > 0).map((row) => row.operationId);
  return { rows, scans };
}
