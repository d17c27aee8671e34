/**
 * The spreadsheet import's API as the integration tests drive it (issue 22): a dry run started after the
 * upload, the report read page after page, the commit and the undo asked and waited for (each failing
 * on a job error it caused, not on an earlier test's), and what an
 * office has (its cases, its clients, a site's places) read back through the API to see what an import
 * wrote. `pausedApi` is the same API whose job starts are only recorded, so a test runs the job's slices
 * itself and can stop or crash one anywhere.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { expect } from 'vitest';
import type { ImportFileAddress } from '../../functions/actions/imports/import-ports';
import { createApiHandler } from '../../functions/api/app';
import type { ImportKind } from '../../functions/domain/imports';
import { apiCaller } from './api';
import type { testEnvironment } from './environment';
import type { seedDirectory } from './fixtures';
import { uploadImport } from './import-files';

type Env = ReturnType<typeof testEnvironment>;
type Call = ReturnType<typeof apiCaller>;
type World = Awaited<ReturnType<typeof seedDirectory>>;

/** A report row as the API shows it. */
export interface ShownRow {
  readonly row: number;
  readonly status: string;
  readonly label?: string;
  readonly errors: readonly {
    rule: string;
    key?: string;
    header?: { id: string };
    message: string;
    detail: string;
  }[];
  readonly warnings: readonly { rule: string; key?: string; message: string }[];
  readonly records?: readonly { type: string; id: string; created?: boolean }[];
}

/** A case as the list shows it: what the tests compare. */
export interface ShownCase {
  readonly id: string;
  readonly status: string;
  readonly client: { id: string; fullName: string };
  readonly decision?: { number?: string; date?: string };
  readonly imported?: { importId: string; row: number };
  readonly progress: { hoursCredited: number; hoursRemaining: number };
}

export function importApi(env: Env, call: Call, world: World) {
  const office = `/v1/offices/${world.home}`;
  const admin = world.claims.admin;

  /** Reads every page of a paged GET. */
  async function allPages<T>(url: string, claims: Record<string, unknown> = admin): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const page = await call(
        'GET',
        `${url}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { claims },
      );
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      items.push(...(page.body.items as T[]));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  const getImport = (importId: string) => call('GET', `${office}/imports/${importId}`, { claims: admin });

  return {
    office,
    admin,
    address: (importId: string): ImportFileAddress => ({ officeId: world.home, importId }),

    /** Creates the import, uploads the file and runs its dry run to the end in this process. */
    async dryRun(bytes: Uint8Array, fileName: string, kind: ImportKind = 'cases') {
      const { importId } = await uploadImport(call, office, admin, kind, bytes, fileName);
      const errors = env.importJobErrors.length;
      await env.importJobs.start({ officeId: world.home, importId });
      await env.importJobs.whenIdle();
      expect(env.importJobErrors.slice(errors)).toEqual([]);
      return importId;
    },

    getImport,

    /** The whole report, every page, with the filters of `query` (`&problems=errors`). */
    rows: (importId: string, query = '') =>
      allPages<ShownRow>(`${office}/imports/${importId}/rows${query ? `?${query.replace(/^&/, '')}` : ''}`),

    /** Asks for the commit and waits for the job: the import as it ends. */
    async commit(importId: string) {
      const errors = env.importJobErrors.length;
      const asked = await call('POST', `${office}/imports/${importId}/commit`, {
        claims: admin,
        headers: { 'idempotency-key': `commit-${importId}-${Math.random()}` },
      });
      expect(asked.status, JSON.stringify(asked.body)).toBe(202);
      await env.importJobs.whenIdle();
      expect(env.importJobErrors.slice(errors)).toEqual([]);
      return (await getImport(importId)).body;
    },

    /** Asks for the undo and waits for the job: the answer to the request and the import as it ends. */
    async undo(importId: string) {
      const errors = env.importJobErrors.length;
      const asked = await call('POST', `${office}/imports/${importId}/undo`, {
        claims: admin,
        headers: { 'idempotency-key': `undo-${importId}-${Math.random()}` },
      });
      await env.importJobs.whenIdle();
      expect(env.importJobErrors.slice(errors)).toEqual([]);
      return { asked, after: (await getImport(importId)).body };
    },

    /** The office's cases in every status, from the dashboard's counters. */
    async caseCount(): Promise<number> {
      const summary = await call('GET', `${office}/summary`, { claims: admin });
      expect(summary.status).toBe(200);
      return Object.values(summary.body.casesByStatus as Record<string, number>).reduce((a, b) => a + b, 0);
    },

    /** The office's open cases, every page. */
    openCases: () => allPages<ShownCase>(`${office}/cases`),

    /** The office's cases in one status, every page. */
    casesIn: (status: string) => allPages<ShownCase>(`${office}/cases?status=${status}`),

    /** The office's clients, every page. */
    clients: () => allPages<{ id: string; fullName: string; nik: string }>(`${office}/clients`),

    /** A site's active placements per ISO weekday ("1" = Monday). */
    async occupancy(siteId: string): Promise<Record<string, number>> {
      const site = await call('GET', `${office}/sites/${siteId}`, { claims: admin });
      expect(site.status).toBe(200);
      return site.body.occupancy as Record<string, number>;
    },
  };
}

/**
 * The API of `env` whose import jobs are recorded, not run: the commit and the undo move the import and
 * return, and the test runs the job's slices itself (`runImportJob` over `createImportWorkers`).
 */
export function pausedApi(env: Env) {
  const started: ImportFileAddress[] = [];
  const handler = createApiHandler(
    {
      ...env.deps,
      importJobs: {
        start: (address) => {
          started.push(address);
          return Promise.resolve();
        },
      },
    },
    {
      logger: new Logger({ serviceName: 'abdi-test', logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'AbdiTest', serviceName: 'abdi-test' }),
    },
  );
  return { call: apiCaller(handler), started };
}
