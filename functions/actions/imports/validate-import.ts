/**
 * The dry run (issue 22): the uploaded file read, every row judged by the same rules and use-case checks
 * as the API, and the report written: one item per row and the workbook the office downloads. Nothing
 * but the report is written, so a dry run that stops half way (a timeout, a crash) simply runs again
 * from the top: it writes the same rows under the same keys, skipping those already written.
 */
import { createHash } from 'node:crypto';
import { Rule } from '../../domain';
import { IMPORT_LIMITS, readSheet, type RowReading } from '../../domain/imports';
import {
  emptyCounts,
  type ImportProblem,
  type ImportRecord,
  type ImportRowRecord,
} from '../../store/import-store';
import type { ImportSheet, ImportSpreadsheets, ReportRowResult } from './import-ports';
import { jobStanding } from './job-standing';
import { runnerOf, type ImportJobPorts } from './kind-runners';

export type ValidatePorts = ImportJobPorts & { readonly importSpreadsheets: ImportSpreadsheets };

/** Rows judged, and their report items written, between two checkpoints. */
const CHUNK = 200;

const fileProblem = (message: string, detail: string): ImportProblem => ({
  rule: Rule.IMPORT_FILE,
  message,
  detail,
});

/** The file, or why it cannot be read: never an exception for what the office uploaded. */
async function loadSheet(
  ports: ValidatePorts,
  record: ImportRecord,
): Promise<{ sheet: ImportSheet } | { problems: ImportProblem[] }> {
  const address = { officeId: record.officeId, importId: record.id };
  const bytes = await ports.importFiles.readUpload(address, IMPORT_LIMITS.maxBytes);
  if (!bytes) return { problems: [fileProblem('Berkas belum diunggah.', 'No file was uploaded.')] };
  if ('tooLarge' in bytes) {
    return {
      problems: [
        fileProblem(
          'Berkas lebih dari 20 MB. Pecah menjadi beberapa berkas.',
          'The file is over 20 MB; split it.',
        ),
      ],
    };
  }
  if (createHash('sha256').update(bytes).digest('hex') !== record.sha256) {
    return {
      problems: [
        fileProblem(
          'Isi berkas tidak sama dengan yang diumumkan (SHA-256). Unggah ulang.',
          'The bytes do not match the declared SHA-256; upload again.',
        ),
      ],
    };
  }
  try {
    return {
      sheet: await ports.importSpreadsheets.read(bytes, {
        fileName: record.fileName,
        contentType: record.contentType,
      }),
    };
  } catch (error) {
    const refused = error as { code?: unknown; message?: string; detail?: unknown };
    if (typeof refused.code !== 'string') throw error;
    return { problems: [fileProblem(String(refused.message), String(refused.detail ?? refused.message))] };
  }
}

const toResult = (row: ImportRowRecord): ReportRowResult => ({
  row: row.row,
  status: row.status,
  errors: row.errors.map((p) => (p.header ? `${p.header.id}: ${p.message}` : p.message)),
  warnings: row.warnings.map((p) => (p.header ? `${p.header.id}: ${p.message}` : p.message)),
});

export async function validateImport(
  ports: ValidatePorts,
  record: ImportRecord,
  budget: { shouldStop(): boolean },
): Promise<{ more: boolean }> {
  const job = await jobStanding(ports, record, record.createdBy);
  const loaded = await loadSheet(ports, record);
  if ('problems' in loaded) {
    await ports.imports.save(record, {
      ...record,
      status: 'failed',
      fileProblems: loaded.problems,
      progress: undefined,
    });
    return { more: false };
  }
  const { sheet } = loaded;
  const saved = await ports.imports.mapping(record.officeId, record.kind);
  const mapping = Object.fromEntries(
    Object.entries({ ...saved, ...record.mapping }).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
  const reading = readSheet(record.kind, sheet, mapping, { today: job.today, date1904: sheet.date1904 });
  const headerText = (i: number) => String(sheet.header[i] ?? '');
  const columns = {
    mapped: reading.mapping.keys.flatMap((key, i) => (key ? [{ header: headerText(i), key }] : [])),
    ignored: reading.mapping.ignored.map((i) => i.header),
  };
  if (reading.mapping.problems.length > 0) {
    await ports.imports.save(record, {
      ...record,
      status: 'failed',
      columns,
      fileProblems: reading.mapping.problems.map((p) => ({ ...p })),
      progress: undefined,
    });
    return { more: false };
  }

  const runner = await runnerOf(ports, record.kind, job);
  const total = reading.readings.length;
  const counts = { ...emptyCounts(), rows: total };
  const results = new Map<number, ReportRowResult>();
  const resumeAfter = record.checkpoint ?? 0;
  for (let i = 0; i < total; i += CHUNK) {
    const chunk = reading.readings.slice(i, i + CHUNK);
    await runner.prepare(chunk);
    const rows = chunk.map((r: RowReading): ImportRowRecord => {
      const { judged } = runner.plan(r);
      counts[judged.status] += 1;
      return {
        row: r.row,
        ...judged,
        ...(judged.status === 'ready' || judged.status === 'warning' ? { values: r.values } : {}),
      };
    });
    for (const row of rows) results.set(row.row, toResult(row));
    // Rows a stopped run already wrote are the same rows: they are judged again (later rows depend on
    // what earlier ones create) but not written again.
    await ports.imports.putRows(
      record.officeId,
      record.id,
      rows.filter((r) => r.row > resumeAfter),
      job.now,
    );
    const done = Math.min(i + CHUNK, total);
    await ports.imports.checkpoint(record.officeId, record.id, record.run, {
      checkpoint: chunk.at(-1)!.row,
      progress: { phase: 'validating', done, total },
      summary: counts,
    });
    // Chunks a stopped run had already done are judged again, not counted as this slice's progress:
    // a slice stops only after a chunk of its own, so every slice moves the checkpoint on.
    if (done < total && chunk.at(-1)!.row > resumeAfter && budget.shouldStop()) return { more: true };
  }

  const report = await ports.importSpreadsheets.report(sheet, results, 'id');
  await ports.importFiles.putReport({ officeId: record.officeId, importId: record.id }, report);
  const current = (await ports.imports.get(record.officeId, record.id))!;
  await ports.imports.save(current, {
    ...current,
    status: 'validated',
    columns,
    fileProblems: [],
    summary: counts,
    progress: undefined,
    checkpoint: undefined,
    hasReport: true,
  });
  return { more: false };
}
