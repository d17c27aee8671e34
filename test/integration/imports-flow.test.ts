import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite } from '../support/placed-case';
import { caseRow, csvOf, uploadImport, xlsxOf } from '../support/import-files';

/**
 * A cases import through the API, against DynamoDB Local and s3rver (issue 22): upload, dry run, commit,
 * the same file again, and what the imported case shows.
 */
const env = testEnvironment({ now: () => new Date('2026-06-29T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let office: string;
let site: { agreement: string; name: string };

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  office = `/v1/offices/${world.home}`;
  await fixtureSite(env.deps, world);
  site = { agreement: 'PKS/01/BAPAS-PLP/I/2026', name: 'Masjid Pengawas' };
});

async function dryRun(bytes: Uint8Array, fileName: string) {
  const { importId } = await uploadImport(call, office, world.claims.admin, 'cases', bytes, fileName);
  await env.importJobs.start({ officeId: world.home, importId });
  await env.importJobs.whenIdle();
  expect(env.importJobErrors).toEqual([]);
  return importId;
}

const getImport = (importId: string) =>
  call('GET', `${office}/imports/${importId}`, { claims: world.claims.admin });
const rows = (importId: string, query = '') =>
  call('GET', `${office}/imports/${importId}/rows?limit=100${query}`, { claims: world.claims.admin });

describe('a cases file', () => {
  it('is dry-run, committed, and the same file again creates nothing', async () => {
    const file = Buffer.from(
      csvOf('cases', [caseRow(101, world.people.officer, site), caseRow(102, world.people.officer, site)]),
      'utf8',
    );
    const first = await dryRun(file, 'kasus.csv');
    const validated = await getImport(first);
    expect(validated.body.status, JSON.stringify((await rows(first)).body)).toBe('validated');
    expect(validated.body.summary).toMatchObject({ rows: 2, ready: 2, error: 0 });

    const committed = await call('POST', `${office}/imports/${first}/commit`, {
      claims: world.claims.admin,
      headers: { 'idempotency-key': `commit-${first}` },
    });
    expect(committed.status).toBe(202);
    await env.importJobs.whenIdle();
    expect(env.importJobErrors).toEqual([]);
    const done = await getImport(first);
    expect(done.body).toMatchObject({ status: 'committed', summary: { created: 2 } });

    const report = await rows(first);
    const caseId = report.body.items[0].records.find((r: { type: string }) => r.type === 'case').id;
    const imported = await call('GET', `${office}/cases/${caseId}`, { claims: world.claims.officer });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({
      status: 'active',
      progress: { hoursCredited: 12, hoursRemaining: 28 },
      openingCredit: { hours: 12, documentNumber: 'BA/101/BAPAS-PLP/2026', documentDate: '2026-03-27' },
    });

    const again = await dryRun(
      Buffer.from(
        await xlsxOf('cases', [
          caseRow(101, world.people.officer, site),
          caseRow(102, world.people.officer, site),
        ]),
      ),
      'kasus.xlsx',
    );
    expect((await getImport(again)).body.summary).toMatchObject({ rows: 2, existing: 2, ready: 0 });
    const existing = await rows(again);
    expect(existing.body.items.map((r: { status: string }) => r.status)).toEqual(['existing', 'existing']);
  });
});
