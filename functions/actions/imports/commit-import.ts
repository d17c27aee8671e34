/**
 * The commit (issue 22): the rows the dry run passed, in file order, each judged again on the office's
 * records as they are now and written in one transaction with its outcome. The outcome's condition (the
 * row still `ready` or `warning`) is what makes the job safe to stop anywhere: a row written before a
 * crash is found done, never written twice, and the checkpoint only saves re-reading. A row whose
 * client changed under it (another row, another person) is judged and written again.
 */
import type { RowReading } from '../../domain/imports';
import { RowAlreadyDone } from '../../store/import-case-store';
import {
  emptyCounts,
  type ImportCounts,
  type ImportRecord,
  type ImportRowRecord,
} from '../../store/import-store';
import { WriteConflict } from '../../store/optimistic';
import { jobStanding } from './job-standing';
import { runnerOf, type ImportJobPorts, type KindRunner } from './kind-runners';

/** Rows read (one Query) and written between two checkpoints. */
const PAGE = 100;
/** A row whose client or site moved under it is decided again this many times, then failed. */
const ATTEMPTS = 3;

type Outcome = 'created' | 'existing' | 'failed' | 'done';

async function commitRow(
  ports: ImportJobPorts,
  runner: KindRunner,
  record: ImportRecord,
  row: ImportRowRecord,
): Promise<Outcome> {
  const reading: RowReading = {
    row: row.row,
    blank: false,
    values: row.values ?? {},
    errors: [],
    warnings: [],
  };
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) await runner.prepare([reading]);
    const plan = runner.plan(reading);
    const { judged } = plan;
    const settle = async (status: 'existing' | 'failed') => {
      const outcome: ImportRowRecord = {
        ...row,
        status,
        errors: judged.errors,
        warnings: judged.warnings,
        ...(judged.records ? { records: judged.records } : {}),
      };
      try {
        await ports.imports.settleRow(record.officeId, record.id, outcome, ['ready', 'warning']);
      } catch (error) {
        if (error instanceof RowAlreadyDone) return 'done' as const;
        throw error;
      }
      return status;
    };
    if (!plan.write) return settle(judged.status === 'existing' ? 'existing' : 'failed');
    const outcome: ImportRowRecord = {
      row: row.row,
      status: 'created',
      ...(judged.label ? { label: judged.label } : {}),
      errors: [],
      warnings: judged.warnings,
      records: judged.records ?? [],
    };
    try {
      await plan.write(outcome);
      return 'created';
    } catch (error) {
      if (error instanceof RowAlreadyDone) return 'done';
      if (!(error instanceof WriteConflict) || attempt >= ATTEMPTS) throw error;
    }
  }
}

export async function commitImport(
  ports: ImportJobPorts,
  record: ImportRecord,
  budget: { shouldStop(): boolean },
): Promise<{ more: boolean }> {
  const job = await jobStanding(ports, record, record.committedBy ?? record.createdBy);
  const runner = await runnerOf(ports, record.kind, job);
  // The rows to commit, as counted when the commit was asked: later slices' summaries have fewer.
  const total =
    record.progress?.phase === 'committing' && record.progress.total > 0
      ? record.progress.total
      : record.summary.ready + record.summary.warning;
  // Where this slice starts: pages within the slice follow DynamoDB's own key from there (a key
  // condition that moved with the checkpoint would no longer match the page's start key).
  const resumeAfter = record.checkpoint ?? 0;
  let checkpoint = resumeAfter;
  // A resumed slice counts from the rows themselves: rows a crashed slice wrote after its last
  // checkpoint are done, and the checkpoint's counts do not know them.
  const counts: ImportCounts = record.checkpoint
    ? await ports.imports.countRows(record.officeId, record.id, emptyCounts())
    : { ...record.summary };
  let done = total - (counts.ready + counts.warning);
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ports.imports.listRows(
      record.officeId,
      record.id,
      {},
      { limit: PAGE, startKey },
      { afterRow: resumeAfter, withValues: true },
    );
    startKey = page.lastKey;
    const rows = page.items.filter((r) => r.status === 'ready' || r.status === 'warning');
    if (rows.length > 0) {
      await runner.prepare(
        rows.map((r) => ({ row: r.row, blank: false, values: r.values ?? {}, errors: [], warnings: [] })),
      );
    }
    for (const row of rows) {
      const outcome = await commitRow(ports, runner, record, row);
      if (outcome !== 'done') {
        counts[row.status] -= 1;
        counts[outcome] += 1;
      }
      done += 1;
    }
    checkpoint = page.items.at(-1)?.row ?? checkpoint;
    await ports.imports.checkpoint(record.officeId, record.id, record.run, {
      checkpoint,
      progress: { phase: 'committing', done: Math.min(done, total), total },
      summary: counts,
    });
    if (startKey && budget.shouldStop()) return { more: true };
  } while (startKey);

  const current = (await ports.imports.get(record.officeId, record.id))!;
  const summary = await ports.imports.countRows(record.officeId, record.id, emptyCounts());
  await ports.imports.save(
    current,
    {
      ...current,
      status: 'committed',
      summary,
      progress: undefined,
      checkpoint: undefined,
      committedAt: job.now.toISOString(),
    },
    // The office's header mapping, as this import read it, for its next import of the kind.
    current.columns
      ? [
          ports.imports.mappingItem(
            record.officeId,
            record.kind,
            Object.fromEntries(current.columns.mapped.map((c) => [c.header, c.key])),
          ),
        ]
      : [],
  );
  return { more: false };
}
