import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../functions/api/route-table';
import { uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { walkEveryRoute } from '../support/route-walk';
import { webhookPump } from '../support/webhook-pump';
import { auditCount, importJobRunner, reliabilityHarness } from './support/world';

/**
 * Every route once, through the shared route walk (the call-count walk): each successful write leaves
 * exactly one audit entry, written in the same accepted command as the change itself, and reads leave
 * none (the evidence reads, which are audited by design, leave one). The other reliability tests
 * check the same for every generated, stormed and interrupted write.
 */
const h = reliabilityHarness();
let world: Awaited<ReturnType<typeof seedDirectory>>;

let pump: Awaited<ReturnType<typeof webhookPump>>;

beforeAll(async () => {
  world = await seedDirectory(h.directory, `au${uniqueSuffix()}`);
  pump = await webhookPump(h.config);
});
afterAll(() => pump.stop());

/**
 * POSTs that change no record: a document preview (rendered, never stored), and finishing a document
 * whose issue already left its audit entry (here it is issued already, so nothing happens at all).
 */
const WRITES_NOTHING = new Set(['previewDocument', 'finishDocument']);

describe('audit completeness', () => {
  it('every write of the route walk leaves exactly one audit entry', async () => {
    const seen = new Map<string, { audits: string[]; grew: number }>();
    await walkEveryRoute(
      world,
      async ({ operationId, method, url, options }) => {
        const before = await auditCount(h, world.home);
        h.writes.reset();
        const response = await h.call(method, url, options);
        expect(response.status, `${operationId}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
        const grew = (await auditCount(h, world.home)) - before;
        const audits = h.writes.auditActions();
        expect(grew, `${operationId ?? url}: the table's audit log and the accepted writes agree`).toBe(
          audits.length,
        );
        // The audit item travels in the same accepted command as the change (one transaction).
        const commands = h.writes
          .writes()
          .filter((w) => w.items.some((item) => item.item?.type === 'audit'))
          .map((w) => w.command);
        if (method !== 'GET' && !WRITES_NOTHING.has(operationId ?? '')) {
          expect(commands, operationId).toEqual(['TransactWriteItemsCommand']);
        }
        if (operationId) seen.set(operationId, { audits, grew });
        return response;
      },
      pump.dispatch,
      importJobRunner(h),
    );

    const writes = routeTable.filter(
      (route) => route.method !== 'GET' && !WRITES_NOTHING.has(route.operationId),
    );
    for (const route of writes) {
      expect(seen.get(route.operationId)?.audits, route.operationId).toHaveLength(1);
    }
    for (const id of WRITES_NOTHING) expect(seen.get(id)?.audits, id).toEqual([]);
    for (const route of routeTable.filter((r) => r.method === 'GET')) {
      expect(seen.get(route.operationId)?.audits.length, route.operationId).toBeLessThanOrEqual(1);
    }
  });
});
