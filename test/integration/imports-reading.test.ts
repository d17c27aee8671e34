import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { importApi, type ShownRow } from '../support/import-api';
import { caseRow, csvOf, sha256, uploadImport, xlsxOf, type RowCells } from '../support/import-files';
import { fixtureSite } from '../support/placed-case';

/**
 * Reading an office's spreadsheet (issue 22, "Done when"), against DynamoDB Local and s3rver through the
 * API: a NIK Excel stored as a number is refused, dates are read day first in every form Excel and
 * offices use and never month first, a CSV saved with a BOM or in Windows-1252 keeps its letters, files
 * that are not a spreadsheet (a renamed PNG, one over the limit, one without its header row) are refused
 * with what is wrong and nothing written; only the office's admins import; the report pages and filters.
 */
const env = testEnvironment({ now: () => new Date('2026-06-29T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let api: ReturnType<typeof importApi>;
const site = { agreement: 'PKS/01/BAPAS-PLP/I/2026', name: 'Masjid Pengawas' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  await fixtureSite(env.deps, world);
  api = importApi(env, call, world);
});

const row = (serial: number, cells: RowCells = {}): RowCells => ({
  ...caseRow(serial, world.people.officer, site),
  ...cells,
});
const caseIdOf = (r: ShownRow) => r.records?.find((x) => x.type === 'case')?.id;
const clientIdOf = (r: ShownRow) => r.records?.find((x) => x.type === 'client')?.id;
const getCase = (caseId: string) => call('GET', `${api.office}/cases/${caseId}`, { claims: api.admin });

/**
 * Text as Windows-1252 bytes, as Excel's plain "CSV" saves it on an Indonesian Windows: Latin-1 letters
 * as themselves, the typographic marks in 0x80–0x9F.
 */
function windows1252(text: string): Buffer {
  const marks: Record<string, number> = { '’': 0x92, '‘': 0x91, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
  return Buffer.from(
    [...text].map((c) => {
      const code = marks[c] ?? c.charCodeAt(0);
      if (code > 0xff || (code >= 0x80 && code < 0xa0 && !(c in marks))) throw new Error(`not in 1252: ${c}`);
      return code;
    }),
  );
}

/** A file whose rows each have one thing to report, for the NIK rule and the report's filters. */
describe('a file with a numeric NIK, a month-first date and a formula-like cell', () => {
  let importId: string;
  let casesBefore: number;

  beforeAll(async () => {
    casesBefore = await api.caseCount();
    importId = await api.dryRun(
      await xlsxOf('cases', [
        row(31),
        // What Excel keeps of the NIK 7373011501900321 typed into a General cell: 15 digits and a 0.
        row(32, { 'client.nik': 7373011501900320 }),
        row(33, { 'case.decision.date': '02/25/2026' }),
        row(34, { 'client.address': '=HYPERLINK("http://contoh.invalid","Jl. Sudirman")' }),
        row(35),
      ]),
      'kasus-campur.xlsx',
    );
  });

  it('refuses the numeric NIK on its row and column, saying why and how to fix the file', async () => {
    const report = await api.rows(importId);
    const nikRow = report.find((r) => r.row === 3)!;
    expect(nikRow.status).toBe('error');
    expect(nikRow.errors).toEqual([
      expect.objectContaining({ rule: 'IMPORT-CELL', key: 'client.nik', header: { id: 'NIK', en: 'NIK' } }),
    ]);
    const [problem] = nikRow.errors;
    expect(problem!.message).toContain('NIK tersimpan sebagai angka');
    expect(problem!.message).toContain('Ubah format kolom NIK menjadi Teks');
    expect(problem!.detail).toContain('Format the NIK column as Text');
    // The value read is never echoed: the report holds no NIK, guessed or not.
    expect(JSON.stringify(nikRow)).not.toContain('737301150190032');
  });

  it('refuses the month-first date on its row and column', async () => {
    const dateRow = (await api.rows(importId)).find((r) => r.row === 4)!;
    expect(dateRow.status).toBe('error');
    expect(dateRow.errors).toEqual([
      expect.objectContaining({ rule: 'IMPORT-CELL', key: 'case.decision.date' }),
    ]);
    expect(dateRow.errors[0]!.message).toContain('Bulan 25 tidak ada');
  });

  it('pages the report by Excel row, and filters it by errors, by warnings, by column and by status', async () => {
    const page1 = await call('GET', `${api.office}/imports/${importId}/rows?limit=2`, { claims: api.admin });
    const page2 = await call(
      'GET',
      `${api.office}/imports/${importId}/rows?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`,
      { claims: api.admin },
    );
    expect(page1.body.items.map((r: ShownRow) => r.row)).toEqual([2, 3]);
    expect(page2.body.items.map((r: ShownRow) => r.row)).toEqual([4, 5]);
    expect((await api.rows(importId)).map((r) => [r.row, r.status])).toEqual([
      [2, 'ready'],
      [3, 'error'],
      [4, 'error'],
      [5, 'warning'],
      [6, 'ready'],
    ]);
    expect((await api.rows(importId, 'problems=errors')).map((r) => r.row)).toEqual([3, 4]);
    expect((await api.rows(importId, 'problems=warnings')).map((r) => r.row)).toEqual([5]);
    expect((await api.rows(importId, 'problems=any')).map((r) => r.row)).toEqual([3, 4, 5]);
    expect((await api.rows(importId, 'key=client.nik')).map((r) => r.row)).toEqual([3]);
    expect((await api.rows(importId, 'key=client.address')).map((r) => r.row)).toEqual([5]);
    expect((await api.rows(importId, 'status=ready')).map((r) => r.row)).toEqual([2, 6]);
    // A cursor of one filter is not taken by another.
    const other = await call(
      'GET',
      `${api.office}/imports/${importId}/rows?limit=2&problems=errors&cursor=${encodeURIComponent(page1.body.nextCursor)}`,
      { claims: api.admin },
    );
    expect(other.status).toBe(400);
  });

  it('commits the rows that passed and nothing for the refused ones; a formula-like cell is kept as text', async () => {
    const done = await api.commit(importId);
    const report = await api.rows(importId);
    expect(done).toMatchObject({ status: 'committed', summary: { rows: 5, created: 3, error: 2 } });
    expect(report.map((r) => r.status)).toEqual(['created', 'error', 'error', 'created', 'created']);
    expect(report[1]!.records).toBeUndefined();
    expect(report[2]!.records).toBeUndefined();
    expect(await api.caseCount()).toBe(casesBefore + 3);
    // No client under the rounded NIK (the list shows a NIK's last 4 digits).
    const clients = await api.clients();
    expect(clients.filter((c) => c.nik.endsWith('0031'))).toHaveLength(1);
    expect(clients.filter((c) => c.nik.endsWith('0320'))).toEqual([]);
    const client = await call('GET', `${api.office}/clients/${clientIdOf(report[3]!)}`, {
      claims: api.admin,
    });
    expect(client.body.address).toBe('=HYPERLINK("http://contoh.invalid","Jl. Sudirman")');
  });
});

describe('dates', () => {
  it('takes Excel serials, date cells, dd/mm/yyyy, yyyy-mm-dd and "12 Januari 2026"; refuses month first', async () => {
    // Prepare
    const importId = await api.dryRun(
      await xlsxOf('cases', [
        row(41, { 'case.decision.date': 46072, 'case.sentence.startDate': 46082 }),
        row(42, { 'case.decision.date': new Date(Date.UTC(2026, 1, 18)) }),
        row(43, { 'case.decision.date': '17/02/2026' }),
        row(44, { 'case.decision.date': '12 Januari 2026' }),
        row(45, { 'case.decision.date': '2026-02-16' }),
        row(46, { 'case.decision.date': '02/25/2026' }),
      ]),
      'kasus-tanggal.xlsx',
    );
    const dryRun = await api.rows(importId);

    // Act
    await api.commit(importId);
    const report = await api.rows(importId);
    const cases = await Promise.all(report.slice(0, 5).map((r) => getCase(caseIdOf(r)!)));

    // Assess
    expect(dryRun.map((r) => r.status)).toEqual(['ready', 'ready', 'ready', 'ready', 'ready', 'error']);
    expect(dryRun[5]!.errors).toEqual([
      expect.objectContaining({
        rule: 'IMPORT-CELL',
        key: 'case.decision.date',
        header: expect.objectContaining({ id: 'Tanggal putusan' }),
      }),
    ]);
    expect(cases.map((c) => c.body.decision.date)).toEqual([
      '2026-02-19',
      '2026-02-18',
      '2026-02-17',
      '2026-01-12',
      '2026-02-16',
    ]);
    expect(cases[0]!.body.sentence.startDate).toBe('2026-03-01');
    expect(report[5]).toMatchObject({ status: 'error' });
  });
});

describe('CSV encodings', () => {
  const name = 'Klien Andréa Pétrus';
  const address = 'Jl. Ma’ruf – Kelurahan Balandai, Kota Palopo';

  it.each([
    ['UTF-8 with a BOM', 51, (text: string) => Buffer.from(text, 'utf8')],
    ['Windows-1252', 52, windows1252],
  ] as const)(
    'decodes a CSV saved as %s: the client keeps its letters',
    async (_encoding, serial, encode) => {
      // Prepare
      const text = csvOf('cases', [row(serial, { 'client.fullName': name, 'client.address': address })], {
        bom: serial === 51,
      });
      const bytes = encode(text);
      // The file really is what it claims: a BOM first, or é as the single byte E9 and ’ as 92.
      if (serial === 51) expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      else expect(bytes.includes(0xe9) && bytes.includes(0x92) && bytes.includes(0x96)).toBe(true);

      // Act
      const importId = await api.dryRun(bytes, `kasus-${serial}.csv`);
      const committed = await api.commit(importId);
      const [shown] = await api.rows(importId);

      // Assess
      expect(committed).toMatchObject({ status: 'committed', summary: { created: 1 } });
      const client = await call('GET', `${api.office}/clients/${clientIdOf(shown!)}`, { claims: api.admin });
      expect(client.body).toMatchObject({ fullName: name, address });
      expect((await getCase(caseIdOf(shown!)!)).body.client.fullName).toBe(name);
    },
  );
});

describe('files that are not an import', () => {
  const declare = (body: Record<string, unknown>, claims = api.admin) =>
    call('POST', `${api.office}/imports`, {
      claims,
      headers: { 'idempotency-key': `declare-${Math.random()}` },
      body,
    });

  it('a file over 20 MB is refused when declared, naming sizeBytes (400 problem+json)', async () => {
    const refused = await declare({
      kind: 'cases',
      fileName: 'kasus-besar.xlsx',
      contentType: XLSX,
      sizeBytes: 20 * 1024 * 1024 + 1,
      sha256: 'a'.repeat(64),
    });
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'sizeBytes' })]);
    expect(refused.body.upload).toBeUndefined();
  });

  it('a picture declared as one is refused when declared (400)', async () => {
    const refused = await declare({
      kind: 'cases',
      fileName: 'foto.png',
      contentType: 'image/png',
      sizeBytes: 100,
      sha256: 'b'.repeat(64),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ path: 'contentType', rule: 'IMPORT-FILE' }),
    ]);
  });

  /** Uploads `bytes` and runs the dry run: the import as it ended, its report and the case count. */
  async function refusedFile(bytes: Uint8Array, fileName: string) {
    const before = await api.caseCount();
    const importId = await api.dryRun(bytes, fileName);
    const shown = (await api.getImport(importId)).body;
    const report = await api.rows(importId);
    const commit = await call('POST', `${api.office}/imports/${importId}/commit`, {
      claims: api.admin,
      headers: { 'idempotency-key': `commit-refused-${importId}` },
    });
    return { shown, report, commit, casesAdded: (await api.caseCount()) - before };
  }

  it('a PNG renamed kasus.xlsx fails its dry run naming what it is; no rows, nothing written (commit 409)', async () => {
    // A PNG's signature and header chunk: what a photo of a form starts with.
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
      Buffer.alloc(64, 7),
    ]);
    const { shown, report, commit, casesAdded } = await refusedFile(png, 'kasus.xlsx');
    expect(shown).toMatchObject({ status: 'failed', fileName: 'kasus.xlsx', sha256: sha256(png) });
    expect(shown.fileProblems).toEqual([expect.objectContaining({ rule: 'IMPORT-FILE' })]);
    expect(shown.fileProblems[0].message).toContain('gambar PNG');
    expect(report).toEqual([]);
    expect(commit.status).toBe(409);
    expect(casesAdded).toBe(0);
  });

  it('a CSV whose first row is data, not the header, fails with a problem saying so', async () => {
    const lines = csvOf('cases', [row(61), row(62)]).split('\r\n');
    const { shown, report, commit, casesAdded } = await refusedFile(
      Buffer.from(lines.slice(1).join('\r\n'), 'utf8'),
      'kasus-tanpa-judul.csv',
    );
    expect(shown.status).toBe('failed');
    expect(shown.fileProblems).toEqual([
      expect.objectContaining({ message: expect.stringContaining('judul') }),
    ]);
    expect(report).toEqual([]);
    expect(commit.status).toBe(409);
    expect(casesAdded).toBe(0);
  });

  it('a CSV with headers Abdi does not know fails with a problem saying so', async () => {
    const { shown, report } = await refusedFile(
      Buffer.from('Nama;Umur;Kota\r\nBudi;30;Palopo\r\n', 'utf8'),
      'daftar.csv',
    );
    expect(shown.status).toBe('failed');
    expect(shown.fileProblems).toHaveLength(1);
    expect(shown.fileProblems[0].message).toContain('judul kolom');
    expect(shown.columns).toMatchObject({ mapped: [], ignored: ['Nama', 'Umur', 'Kota'] });
    expect(report).toEqual([]);
  });

  it('a CSV without a required column fails naming that column', async () => {
    const { ['client.nik']: _nik, ...withoutNik } = row(63);
    const { shown } = await refusedFile(Buffer.from(csvOf('cases', [withoutNik]), 'utf8'), 'kasus.csv');
    expect(shown.status).toBe('failed');
    expect(shown.fileProblems).toEqual([expect.objectContaining({ key: 'client.nik' })]);
  });
});

describe('who imports', () => {
  let importId: string;

  beforeAll(async () => {
    const bytes = Buffer.from(csvOf('cases', [row(71)]), 'utf8');
    ({ importId } = await uploadImport(call, api.office, api.admin, 'cases', bytes, 'kasus-akses.csv'));
  });

  it('an officer of the office may not start an import (403)', async () => {
    const bytes = Buffer.from('x');
    const refused = await call('POST', `${api.office}/imports`, {
      claims: world.claims.officer,
      headers: { 'idempotency-key': `officer-${Math.random()}` },
      body: {
        kind: 'cases',
        fileName: 'kasus.csv',
        contentType: 'text/csv',
        sizeBytes: 1,
        sha256: sha256(bytes),
      },
    });
    expect(refused.status).toBe(403);
    const read = await call('GET', `${api.office}/imports/${importId}`, { claims: world.claims.officer });
    expect(read.status).toBe(403);
  });

  it("another office's admin does not find this office's import (404), under either office", async () => {
    const other = world.claims.otherAdmin;
    const read = (office: string, suffix = '') =>
      call('GET', `/v1/offices/${office}/imports/${importId}${suffix}`, { claims: other });
    expect((await read(world.home)).status).toBe(404);
    expect((await read(world.home, '/rows')).status).toBe(404);
    expect((await read(world.other)).status).toBe(404);
    expect((await read(world.other, '/rows')).status).toBe(404);
    const commit = await call('POST', `/v1/offices/${world.other}/imports/${importId}/commit`, {
      claims: other,
      headers: { 'idempotency-key': `other-commit-${importId}` },
    });
    expect(commit.status).toBe(404);
    // The office's own admin does.
    expect((await api.getImport(importId)).status).toBe(200);
  });
});
