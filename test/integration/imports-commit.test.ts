import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportFileAddress } from '../../functions/actions/imports/import-ports';
import { runImportJob, type ImportJobPorts } from '../../functions/actions/imports/run-import-job';
import { createImportWorkers } from '../../functions/platform/import-workers';
import type { ImportCaseStore } from '../../functions/store/import-case-store';
import type { ImportStore } from '../../functions/store/import-store';
import { apiCaller } from '../support/api';
import { adultClient } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { importApi, pausedApi, type ShownCase, type ShownRow } from '../support/import-api';
import { caseRow, csvOf, uploadImport, xlsxOf, type RowCells } from '../support/import-files';
import { fixtureSite } from '../support/placed-case';

/**
 * Committing a cases import (issue 22, "Done when"), against DynamoDB Local and s3rver through the API:
 * the same file twice creates nothing the second time; a commit stopped and crashed halfway resumes
 * with every row once and the hours exact; opening credits are counted once and capped by the order;
 * an undo is refused once a record has changed, and takes everything back when none has.
 *
 * The in-process jobs stop at every checkpoint (`importSliceMs: 0`) and go on in a new slice, as the
 * cloud's worker does when its time runs out. The large file's slices are run by the test itself
 * (`runImportJob` over the worker's own ports), so that it can stop or crash one anywhere.
 */
const now = () => new Date('2026-06-29T08:00:00Z');
const env = testEnvironment({ now, importSliceMs: 0 });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let api: ReturnType<typeof importApi>;
const site = { agreement: 'PKS/01/BAPAS-PLP/I/2026', name: 'Masjid Pengawas' };

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  await fixtureSite(env.deps, world);
  api = importApi(env, call, world);
});

const row = (serial: number, cells: RowCells = {}): RowCells => ({
  ...caseRow(serial, world.people.officer, site),
  ...cells,
});
const csv = (rows: readonly RowCells[]) => Buffer.from(csvOf('cases', rows), 'utf8');
const caseIdOf = (r: ShownRow) => r.records?.find((x) => x.type === 'case')?.id;
const clientIdOf = (r: ShownRow) => r.records?.find((x) => x.type === 'client')?.id;
const getCase = (caseId: string) =>
  call('GET', `${api.office}/cases/${caseId}`, { claims: world.claims.officer });

describe('the same file twice', () => {
  it('creates nothing the second time and says so row by row; a new row alone is created', async () => {
    // Prepare
    const rows = [row(1), row(2), row(3)];
    const before = { cases: await api.caseCount(), clients: (await api.clients()).length };
    const first = await api.dryRun(csv(rows), 'kasus.csv');
    const committed = await api.commit(first);
    const created = await api.rows(first);
    const afterFirst = { cases: await api.caseCount(), clients: (await api.clients()).length };

    // Act: the very same bytes, then the same rows and one more as XLSX.
    const again = await api.dryRun(csv(rows), 'kasus.csv');
    const againShown = (await api.getImport(again)).body;
    const againRows = await api.rows(again);
    const commitAgain = await call('POST', `${api.office}/imports/${again}/commit`, {
      claims: api.admin,
      headers: { 'idempotency-key': `commit-again-${again}` },
    });
    const afterSecond = { cases: await api.caseCount(), clients: (await api.clients()).length };
    const grown = await api.dryRun(await xlsxOf('cases', [...rows, row(4)]), 'kasus-tambah.xlsx');
    const grownDone = await api.commit(grown);

    // Assess
    expect(committed).toMatchObject({ status: 'committed', summary: { rows: 3, created: 3 } });
    expect(afterFirst).toEqual({ cases: before.cases + 3, clients: before.clients + 3 });
    expect(againShown).toMatchObject({ status: 'validated', summary: { rows: 3, existing: 3, ready: 0 } });
    expect(againRows.map((r) => r.status)).toEqual(['existing', 'existing', 'existing']);
    // Each row names the case the first import created for it.
    expect(againRows.map(caseIdOf)).toEqual(created.map(caseIdOf));
    expect(againRows.every((r) => r.records?.every((x) => !x.created))).toBe(true);
    expect(commitAgain.status).toBe(409);
    expect(afterSecond).toEqual(afterFirst);
    expect(grownDone).toMatchObject({ status: 'committed', summary: { rows: 4, existing: 3, created: 1 } });
    expect(await api.caseCount()).toBe(afterFirst.cases + 1);
  });

  it('a row repeated inside one file is an error on its second row only', async () => {
    const id = await api.dryRun(csv([row(5), row(6), row(5)]), 'kasus-ganda.csv');
    const report = await api.rows(id);
    expect(report.map((r) => [r.row, r.status])).toEqual([
      [2, 'ready'],
      [3, 'ready'],
      [4, 'error'],
    ]);
    expect(report[2]!.errors).toEqual([
      expect.objectContaining({ rule: 'IMPORT-DUPLICATE', key: 'case.decision.number' }),
    ]);
    expect(report[2]!.errors[0]!.message).toContain('baris 2');
  });
});

describe('a commit killed halfway and resumed', () => {
  const serials = Array.from({ length: 250 }, (_, i) => 1001 + i);
  /** 4 to 12½ hours on paper, so a row counted twice or lost shows in the sum. */
  const hoursOf = (serial: number) => 4 + (serial % 9) + (serial % 2 ? 0.5 : 0);
  const decisionOf = (serial: number) => `${serial}/Pid.B/2026/PN Plp`;
  const file = () =>
    csv(serials.map((s) => row(s, { 'paper.credit.hours': String(hoursOf(s)).replace('.', ',') })));
  const stopAtOnce = { shouldStop: () => true };
  let importId: string;
  let before: { cases: number; occupancy: Record<string, number> };
  const seen: Record<string, unknown> = {};

  /** The job's ports with the import's case writes crashing right after the `n`-th row was written. */
  function crashAfterRow(workers: ImportJobPorts, n: number): ImportJobPorts {
    let written = 0;
    const importCases = Object.create(workers.importCases) as ImportCaseStore;
    importCases.commit = async (...args) => {
      await workers.importCases.commit(...args);
      written += 1;
      if (written === n) throw new Error('crash: the row was written, the job died before going on');
    };
    return { ...workers, importCases };
  }

  /** The job's ports crashing when a page is done, before its checkpoint is saved. */
  function crashAtCheckpoint(workers: ImportJobPorts): ImportJobPorts {
    const imports = Object.create(workers.imports) as ImportStore;
    imports.checkpoint = () => Promise.reject(new Error('crash: the page was written, its checkpoint not'));
    return { ...workers, imports };
  }

  const snapshot = async (name: string) => {
    seen[name] = {
      cases: (await api.caseCount()) - before.cases,
      import: (await api.getImport(importId)).body,
    };
  };

  beforeAll(async () => {
    const workers = createImportWorkers(env.config, { now });
    const { call: pausedCall, started } = pausedApi(env);
    ({ importId } = await uploadImport(call, api.office, api.admin, 'cases', file(), 'kasus-besar.csv'));
    const address: ImportFileAddress = api.address(importId);
    // The dry run in slices that each stop at their first checkpoint (200 rows): it should take two.
    // Bounded, so that a dry run that never gets past its checkpoint fails a test instead of hanging.
    let more = true;
    let slices = 0;
    while (more && slices < 5) {
      ({ more } = await runImportJob(workers, address, stopAtOnce));
      slices += 1;
    }
    seen.dryRunSlices = more ? 'still not done after 5 slices' : slices;
    if (more) await runImportJob(workers, address, { shouldStop: () => false });
    seen.validated = (await api.getImport(importId)).body;
    before = { cases: await api.caseCount(), occupancy: await api.occupancy(world.siteId) };

    const asked = await pausedCall('POST', `${api.office}/imports/${importId}/commit`, {
      claims: api.admin,
      headers: { 'idempotency-key': `commit-${importId}` },
    });
    seen.asked = { status: asked.status, started: started.length };

    // 1. A slice out of time after its first page: rows 2–101, checkpoint saved.
    seen.first = await runImportJob(workers, address, stopAtOnce);
    await snapshot('afterFirst');
    // 2. A crash in the second page right after its 50th row was written (rows 102–151).
    seen.crashInPage = await runImportJob(crashAfterRow(workers, 50), address, stopAtOnce).catch(
      (e: Error) => e.message,
    );
    await snapshot('afterCrashInPage');
    // 3. The next slice: the second page again (rows 152–201), stopping after it.
    seen.resumed = await runImportJob(workers, address, stopAtOnce);
    await snapshot('afterResumed');
    // 4. A crash after the last page was written (rows 202–251), before its checkpoint.
    seen.crashAtCheckpoint = await runImportJob(crashAtCheckpoint(workers), address, stopAtOnce).catch(
      (e: Error) => e.message,
    );
    await snapshot('afterCrashAtCheckpoint');
    // 5. The admin asks again: the job resumes (in-process, slice after slice) and ends.
    const errors = env.importJobErrors.length;
    const again = await call('POST', `${api.office}/imports/${importId}/commit`, {
      claims: api.admin,
      headers: { 'idempotency-key': `commit-again-${importId}` },
    });
    await env.importJobs.whenIdle();
    seen.askedAgain = {
      status: again.status,
      jobErrors: env.importJobErrors.slice(errors).map((e) => (e as Error).name),
      import: (await api.getImport(importId)).body.status,
    };
    // 6. Whatever became of that, the worker's next message runs the job from its checkpoint to the end,
    // so what a resumed commit wrote is checked below even if the request above could not resume it.
    seen.last = await runImportJob(workers, address, { shouldStop: () => false });
    seen.done = (await api.getImport(importId)).body;
  }, 240_000);

  it('a dry run stopped at each checkpoint goes on from there and ends', () => {
    // 250 rows: the first slice judges 200 and stops at their checkpoint, the second the last 50.
    expect(seen.dryRunSlices).toBe(2);
  });

  it('stops at checkpoints and crashes where the test makes it', () => {
    expect(seen.validated).toMatchObject({ status: 'validated', summary: { rows: 250, ready: 250 } });
    expect(seen.asked).toEqual({ status: 202, started: 1 });
    expect(seen.first).toEqual({ more: true });
    expect(seen.afterFirst).toMatchObject({
      cases: 100,
      import: {
        status: 'committing',
        progress: { phase: 'committing', done: 100, total: 250 },
        summary: { created: 100, ready: 150 },
      },
    });
    expect(seen.crashInPage).toMatch(/^crash/);
    expect(seen.afterCrashInPage).toMatchObject({ cases: 150, import: { status: 'committing' } });
    expect(seen.resumed).toEqual({ more: true });
    expect(seen.crashAtCheckpoint).toMatch(/^crash/);
    expect(seen.afterCrashAtCheckpoint).toMatchObject({ cases: 250, import: { status: 'committing' } });
  });

  it('the admin asking for the commit again resumes the stopped job through the API', () => {
    expect(seen.askedAgain).toEqual({ status: 202, jobErrors: [], import: 'committed' });
  });

  it('ends committed with every row created exactly once, no row lost, the hours exact', async () => {
    expect(seen.done).toMatchObject({
      status: 'committed',
      summary: { rows: 250, created: 250, ready: 0, warning: 0, error: 0, failed: 0 },
    });
    expect(await api.caseCount()).toBe(before.cases + 250);

    const cases = (await api.openCases()).filter((c: ShownCase) => c.imported?.importId === importId);
    expect(cases).toHaveLength(250);
    expect(new Set(cases.map((c) => c.id)).size).toBe(250);
    expect(cases.map((c) => c.decision?.number).sort()).toEqual(serials.map(decisionOf).sort());
    const hours = new Map(cases.map((c) => [c.decision!.number!, c.progress.hoursCredited]));
    expect(serials.filter((s) => hours.get(decisionOf(s)) !== hoursOf(s))).toEqual([]);
    const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(total(cases.map((c) => c.progress.hoursCredited * 60))).toBe(
      total(serials.map((s) => hoursOf(s) * 60)),
    );

    // One client per NIK, one place per case and weekday.
    const clients = await api.clients();
    const names = new Set(serials.map((s) => `Klien Impor ${s}`));
    expect(clients.filter((c) => names.has(c.fullName))).toHaveLength(250);
    const occupancy = await api.occupancy(world.siteId);
    expect([occupancy['1'], occupancy['3']]).toEqual([
      (before.occupancy['1'] ?? 0) + 250,
      (before.occupancy['3'] ?? 0) + 250,
    ]);

    // The report: every row created, each with its own case, the cases listed above.
    const report = await api.rows(importId);
    expect(report.map((r) => r.row)).toEqual(serials.map((_, i) => i + 2));
    expect(report.filter((r) => r.status !== 'created')).toEqual([]);
    expect(new Set(report.map(caseIdOf))).toEqual(new Set(cases.map((c) => c.id)));
  });

  it('the progress after a crash counts the rows committed before it, of all the rows', () => {
    // After the crash in the second page and the slice that finished that page, 200 of the 250 rows are
    // committed: the progress bar and the summary the admin polls must say so.
    expect(seen.afterResumed).toMatchObject({
      cases: 200,
      import: {
        status: 'committing',
        progress: { phase: 'committing', done: 200, total: 250 },
        summary: { created: 200, ready: 50 },
      },
    });
  });
});

describe('opening credits', () => {
  let importId: string;
  let report: ShownRow[];
  let occupancyBefore: Record<string, number>;
  let committed: { status: string; summary: Record<string, number> };

  beforeAll(async () => {
    importId = await api.dryRun(
      await xlsxOf('cases', [
        // All 40 hours ordered already served on paper: the case is imported completed.
        row(2001, { 'paper.credit.hours': 40, 'paper.status': 'Selesai' }),
        // One hour more than ordered.
        row(2002, { 'paper.credit.hours': 41 }),
        row(2003, { 'paper.credit.hours': 12.5 }),
      ]),
      'kasus-kredit.xlsx',
    );
    report = await api.rows(importId);
    occupancyBefore = await api.occupancy(world.siteId);
    committed = await api.commit(importId);
  });

  it('more hours on paper than ordered is an error on that column (CR-TOTAL-CAP), nothing created', async () => {
    expect(report.map((r) => r.status)).toEqual(['ready', 'error', 'ready']);
    expect(report[1]!.errors).toEqual([
      expect.objectContaining({ rule: 'CR-TOTAL-CAP', key: 'paper.credit.hours' }),
    ]);
    expect(committed).toMatchObject({ status: 'committed', summary: { created: 2, error: 1 } });
    const after = (await api.rows(importId))[1]!;
    expect(after.status).toBe('error');
    expect(after.records).toBeUndefined();
  });

  it('count once, exactly the hours on paper, and a re-run of the job after the commit changes nothing', async () => {
    // Act: the job runs again (a message delivered twice), and the admin asks for the commit again.
    const rerun = await runImportJob(createImportWorkers(env.config, { now }), api.address(importId), {
      shouldStop: () => false,
    });
    const askedAgain = await call('POST', `${api.office}/imports/${importId}/commit`, {
      claims: api.admin,
      headers: { 'idempotency-key': `commit-twice-${importId}` },
    });

    // Assess
    expect(rerun).toEqual({ more: false });
    expect(askedAgain.status).toBe(409);
    const [completedId, , activeId] = (await api.rows(importId)).map(caseIdOf);
    expect((await getCase(completedId!)).body).toMatchObject({
      status: 'completed',
      openingCredit: { hours: 40, documentNumber: 'BA/2001/BAPAS-PLP/2026', documentDate: '2026-03-27' },
      progress: { hoursCredited: 40, hoursRemaining: 0 },
    });
    expect((await getCase(activeId!)).body).toMatchObject({
      status: 'active',
      openingCredit: { hours: 12.5 },
      progress: { hoursCredited: 12.5, hoursRemaining: 27.5 },
    });
  });

  it('a session after the import adds to the opening credit, once', async () => {
    const activeId = caseIdOf((await api.rows(importId))[2]!)!;
    const session = await call('POST', `${api.office}/cases/${activeId}/sessions`, {
      claims: world.claims.officer,
      body: session3h('2026-03-02'),
    });
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    expect((await getCase(activeId)).body.progress).toMatchObject({
      hoursCredited: 15.5,
      hoursRemaining: 24.5,
    });
  });

  it('a case imported completed takes no place at its site; the active one takes its weekdays', async () => {
    const occupancy = await api.occupancy(world.siteId);
    expect([occupancy['1'], occupancy['3']]).toEqual([
      (occupancyBefore['1'] ?? 0) + 1,
      (occupancyBefore['3'] ?? 0) + 1,
    ]);
  });
});

/** Three hours on a Monday at the fixture site, where the imported cases are placed Mon & Wed 08–12. */
const session3h = (date: string) => ({
  date,
  startTime: '08:00',
  endTime: '11:00',
  siteId: world.siteId,
  outcome: 'attended',
  activity: 'Membersihkan masjid',
});

describe('undo', () => {
  describe('once a record has changed', () => {
    let importId: string;
    let report: ShownRow[];
    let cases: number;
    let asked: { status: number };

    beforeAll(async () => {
      importId = await api.dryRun(csv([row(3001), row(3002)]), 'kasus-undo-ditolak.csv');
      await api.commit(importId);
      report = await api.rows(importId);
      // A session on the case of the file's second data row (Excel row 3), through the API.
      const recorded = await call('POST', `${api.office}/cases/${caseIdOf(report[1]!)}/sessions`, {
        claims: world.claims.officer,
        body: session3h('2026-03-04'),
      });
      expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
      cases = await api.caseCount();
      const errors = env.importJobErrors.length;
      asked = await call('POST', `${api.office}/imports/${importId}/undo`, {
        claims: api.admin,
        headers: { 'idempotency-key': `undo-${importId}` },
      });
      await env.importJobs.whenIdle();
      expect(env.importJobErrors.slice(errors)).toEqual([]);
    });

    it('is refused whole: the import stays committed, nothing is deleted, the refusal names the row', async () => {
      // The import as stored: the API's answer is the next test's.
      const stored = await env.deps.imports.get(world.home, importId);
      expect(asked.status).toBe(202);
      expect(stored).toMatchObject({ status: 'committed', summary: { created: 2, undone: 0 } });
      expect(stored!.undoneAt).toBeUndefined();
      expect(stored!.progress).toBeUndefined();
      expect(stored!.undoRefusal).toEqual([expect.objectContaining({ rule: 'IMPORT-UNDO' })]);
      expect(stored!.undoRefusal![0]!.message).toContain('Baris 3');
      expect(await api.caseCount()).toBe(cases);
      for (const r of report) expect((await getCase(caseIdOf(r)!)).status).toBe(200);
      expect((await api.rows(importId)).map((r) => r.status)).toEqual(['created', 'created']);
    });

    it('the API shows the import with its refusal', async () => {
      const shown = await api.getImport(importId);
      expect(shown.body).toMatchObject({
        status: 'committed',
        undoRefusal: [expect.objectContaining({ rule: 'IMPORT-UNDO' })],
      });
    });
  });

  it('takes back everything the import created while nothing changed', async () => {
    // Prepare: one row for a client already registered (kept), two for new clients (taken back).
    const known = adultClient({ nik: caseRow(3005, '', site)['client.nik'] });
    const registered = await call('POST', `${api.office}/clients`, {
      claims: world.claims.officer,
      body: known,
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const occupancyBefore = await api.occupancy(world.siteId);
    const casesBefore = await api.caseCount();
    const importId = await api.dryRun(csv([row(3003), row(3004), row(3005)]), 'kasus-undo.csv');
    const committed = await api.commit(importId);
    const report = await api.rows(importId);

    // Act
    const { asked, after } = await api.undo(importId);

    // Assess
    expect(committed).toMatchObject({ status: 'committed', summary: { created: 3 } });
    expect(clientIdOf(report[2]!)).toBe(registered.body.id);
    expect(asked.status).toBe(202);
    expect(after).toMatchObject({ status: 'undone', summary: { rows: 3, undone: 3, created: 0 } });
    expect(after.undoneAt).toEqual(expect.any(String));
    expect((await api.rows(importId)).map((r) => r.status)).toEqual(['undone', 'undone', 'undone']);
    for (const r of report) expect((await getCase(caseIdOf(r)!)).status).toBe(404);
    const client = (id: string) => call('GET', `${api.office}/clients/${id}`, { claims: api.admin });
    expect((await client(clientIdOf(report[0]!)!)).status).toBe(404);
    expect((await client(clientIdOf(report[1]!)!)).status).toBe(404);
    expect((await client(registered.body.id)).status).toBe(200);
    expect(await api.caseCount()).toBe(casesBefore);
    expect(await api.occupancy(world.siteId)).toEqual(occupancyBefore);
  });
});
