import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../../../web/src/lib/api';
import {
  columnChoices,
  columnLabel,
  currentMapping,
  missingRequired,
  needsMapping,
} from '../../../web/src/screens/imports/import-columns';
import {
  AWAITING_UPLOAD_CHECKS,
  keepPolling,
  pollDelay,
  shownProgress,
} from '../../../web/src/screens/imports/import-poll';
import { reasonsOf } from '../../../web/src/screens/imports/import-problem';
import type { Import, ImportRow } from '../../../web/src/screens/imports/import-types';
import {
  contentTypeOf,
  FileTooLarge,
  uploadImport,
  type UploadStage,
} from '../../../web/src/screens/imports/import-upload';
import {
  DEFAULT_FILTERS,
  recordPath,
  reportLines,
  rowsQuery,
} from '../../../web/src/screens/imports/report-rows';

/** The import screens' pure parts (issue 22): polling, the upload's steps, the report's table, the columns. */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const summary = { rows: 0, ready: 0, warning: 0, error: 0, existing: 0, created: 0, failed: 0, undone: 0 };

const anImport = (over: Partial<Import> = {}): Import => ({
  id: 'imp-1',
  kind: 'cases',
  status: 'validated',
  fileName: 'kasus.xlsx',
  contentType: XLSX,
  sizeBytes: 10,
  sha256: 'a'.repeat(64),
  createdAt: '2026-03-02T01:00:00Z',
  createdBy: 'admin.palopo',
  fileProblems: [],
  summary,
  ...over,
});

const problem = (key: string, message = `salah ${key}`) => ({
  rule: 'IMPORT-CELL',
  key,
  message,
  detail: 'bad',
});

describe('polling an import', () => {
  it('asks every 2 s at first and backs off to every 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map(pollDelay)).toEqual([2000, 2500, 3125, 3906, 4883, 5000, 5000]);
  });

  it('polls while the job runs and stops when it is done', () => {
    expect(keepPolling({ status: 'validating' }, 100)).toBe(true);
    expect(keepPolling({ status: 'committing' }, 100)).toBe(true);
    expect(keepPolling({ status: 'validated' }, 0)).toBe(false);
    expect(keepPolling({ status: 'failed' }, 0)).toBe(false);
    expect(keepPolling({ status: 'committed' }, 0)).toBe(false);
    expect(keepPolling({ status: 'committed', progress: { phase: 'undoing', done: 1, total: 4 } }, 3)).toBe(
      true,
    );
  });

  it('waits a while for an upload to land, then gives up', () => {
    expect(keepPolling({ status: 'awaiting_upload' }, AWAITING_UPLOAD_CHECKS - 1)).toBe(true);
    expect(keepPolling({ status: 'awaiting_upload' }, AWAITING_UPLOAD_CHECKS)).toBe(false);
  });

  it('shows the job’s count while it runs and a full bar once committed', () => {
    const running = anImport({ status: 'committing', progress: { phase: 'committing', done: 3, total: 8 } });
    expect(shownProgress(running)).toEqual({ done: 3, total: 8 });
    const committed = anImport({
      status: 'committed',
      summary: { ...summary, rows: 10, error: 2, created: 5, existing: 2, failed: 1 },
    });
    expect(shownProgress(committed)).toEqual({ done: 8, total: 8 });
    expect(shownProgress(anImport({ status: 'validated' }))).toBeNull();
  });
});

describe('uploading a file', () => {
  const bytes = new TextEncoder().encode('NIK;Nama lengkap\n');
  const sha256 = createHash('sha256').update(bytes).digest('hex');

  it('names the type by the extension, whatever the browser says', () => {
    expect(contentTypeOf({ name: 'Kasus 2025.XLSX', type: '' })).toBe(XLSX);
    expect(contentTypeOf({ name: 'kasus.csv', type: 'application/vnd.ms-excel' })).toBe('text/csv');
    expect(contentTypeOf({ name: 'foto.png', type: 'image/png' })).toBe('image/png');
  });

  it('hashes, registers and PUTs the bytes with exactly the signed headers', async () => {
    const file = new File([bytes], 'kasus.csv', { type: 'application/vnd.ms-excel' });
    const upload = {
      url: 'https://s3.test/up',
      method: 'PUT' as const,
      headers: { 'x-a': '1' },
      expiresAt: 'x',
    };
    const post = vi.fn().mockResolvedValue(anImport({ status: 'awaiting_upload', upload }));
    const put = vi
      .fn()
      .mockImplementation(async (_u, _h, body: Blob, progress: (l: number, t: number) => void) => {
        progress(body.size / 2, body.size);
        progress(body.size, body.size);
      });
    const stages: UploadStage[] = [];
    const created = await uploadImport({ post }, 'bapas-palopo', 'cases', file, (s) => stages.push(s), {
      hash: async (blob) =>
        createHash('sha256')
          .update(new Uint8Array(await blob.arrayBuffer()))
          .digest('hex'),
      put,
    });

    expect(created.id).toBe('imp-1');
    expect(post).toHaveBeenCalledWith(
      '/v1/offices/bapas-palopo/imports',
      { kind: 'cases', fileName: 'kasus.csv', contentType: 'text/csv', sizeBytes: bytes.length, sha256 },
      { idempotencyKey: true },
    );
    expect(put).toHaveBeenCalledWith('https://s3.test/up', { 'x-a': '1' }, file, expect.any(Function));
    expect(stages.map((s) => (s.step === 'sending' ? `sending ${s.percent}` : s.step))).toEqual([
      'hashing',
      'creating',
      'sending 0',
      'sending 50',
      'sending 100',
    ]);
  });

  it('refuses a file over 20 MB before anything is sent', async () => {
    const post = vi.fn();
    const big = { name: 'besar.xlsx', type: XLSX, size: 20 * 1024 * 1024 + 1 } as File;
    await expect(uploadImport({ post }, 'o', 'cases', big, () => {})).rejects.toBeInstanceOf(FileTooLarge);
    expect(post).not.toHaveBeenCalled();
  });

  it('passes the API’s refusal on, and puts nothing', async () => {
    const refusal = new ApiProblem({
      type: 'https://abdi.id/problems/validation',
      title: 'Bad request',
      status: 400,
      errors: [{ path: 'sizeBytes', message: 'A file is at most 20 MB.' }],
    });
    const put = vi.fn();
    const file = new File([bytes], 'kasus.xlsx');
    await expect(
      uploadImport({ post: vi.fn().mockRejectedValue(refusal) }, 'o', 'cases', file, () => {}, {
        hash: async () => sha256,
        put,
      }),
    ).rejects.toBe(refusal);
    expect(put).not.toHaveBeenCalled();
    expect(reasonsOf(refusal)).toEqual([{ path: 'sizeBytes', message: 'A file is at most 20 MB.' }]);
  });

  it('shows a refusal’s detail as its reason when it names no field', () => {
    const conflict = new ApiProblem({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'Changed.',
    });
    expect(reasonsOf(conflict)).toEqual([{ path: '', message: 'Changed.' }]);
  });
});

describe('the row report', () => {
  it('asks for rows with problems first, and for what the filters name', () => {
    expect(rowsQuery(DEFAULT_FILTERS)).toBe('problems=any&');
    expect(rowsQuery({ problems: '', status: '', key: '' })).toBe('');
    expect(rowsQuery({ problems: 'errors', status: 'error', key: 'client.nik' })).toBe(
      'problems=errors&status=error&key=client.nik&',
    );
  });

  it('puts each problem on its own line, errors before warnings, the row once', () => {
    const rows: ImportRow[] = [
      { row: 2, status: 'ready', errors: [], warnings: [] },
      {
        row: 3,
        status: 'error',
        errors: [problem('client.nik'), problem('case.decision.date')],
        warnings: [problem('placement.site.name')],
      },
    ];
    const lines = reportLines(rows);
    expect(lines.map((l) => [l.row.row, l.first, l.span, l.severity, l.problem?.key ?? null])).toEqual([
      [2, true, 1, null, null],
      [3, true, 3, 'error', 'client.nik'],
      [3, false, 3, 'error', 'case.decision.date'],
      [3, false, 3, 'warning', 'placement.site.name'],
    ]);
  });

  it('links a row’s records to their pages', () => {
    expect(recordPath('bapas-palopo', { type: 'case', id: 'C1' })).toBe('/o/bapas-palopo/cases/C1');
    expect(recordPath('bapas-palopo', { type: 'client', id: 'K1' })).toBe('/o/bapas-palopo/clients/K1');
    expect(recordPath('bapas-palopo', { type: 'partner', id: 'P1' })).toBe('/o/bapas-palopo/partners/P1');
    expect(recordPath('bapas-palopo', { type: 'site', id: 'S 1' })).toBe('/o/bapas-palopo/sites/S%201');
  });
});

describe('the columns of a kind', () => {
  it('labels the domain’s columns in the UI language', () => {
    const id = columnChoices('cases', 'id');
    const en = columnChoices('cases', 'en');
    expect(id.map((c) => c.key)).toEqual(en.map((c) => c.key));
    expect(id.find((c) => c.key === 'client.fullName')).toEqual({
      key: 'client.fullName',
      label: 'Nama lengkap',
      required: true,
    });
    expect(columnLabel('cases', 'client.fullName', 'en')).toBe('Full name');
    expect(columnLabel('cases', 'no.such.column', 'en')).toBe('no.such.column');
  });

  it('asks for a mapping when a header was ignored or a required column is missing', () => {
    const all = columnChoices('partners', 'id').map((c) => ({ header: c.label, key: c.key }));
    expect(needsMapping('partners', { mapped: all, ignored: [] })).toBe(false);
    expect(needsMapping('partners', { mapped: all, ignored: ['Keterangan'] })).toBe(true);
    const withoutFirstRequired = all.filter(
      (c) => c.key !== columnChoices('partners', 'id').find((x) => x.required)!.key,
    );
    expect(needsMapping('partners', { mapped: withoutFirstRequired, ignored: [] })).toBe(true);
    expect(missingRequired('partners', { mapped: withoutFirstRequired, ignored: [] }, 'en')).toHaveLength(1);
    expect(needsMapping('partners', undefined)).toBe(false);
  });

  it('starts the mapping form from how the file was read', () => {
    expect(
      currentMapping({ mapped: [{ header: 'No. KTP', key: 'client.nik' }], ignored: ['Catatan lama'] }),
    ).toEqual([
      { header: 'No. KTP', key: 'client.nik' },
      { header: 'Catatan lama', key: null },
    ]);
  });
});
