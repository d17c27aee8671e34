/**
 * The undo of a committed import (issue 22, IMPORT-UNDO), as the job runs it: first every record the
 * import created is read back, and the undo is refused whole when one has changed since (a session, a
 * correction, a new record in its case); only then are the rows taken back, each in one transaction
 * conditioned on its records being still as the import left them, and each leaving a `case.withdraw`
 * audit entry (the withdrawal event). A record that changes between the check and its row's transaction
 * stops the undo there: that row and the rows after it stay imported, and the refusal says which.
 */
import { Rule } from '../../domain';
import { emptyCounts, RowAlreadyDone } from '../../store/import-store';
import type { ImportProblem, ImportRecord, ImportRowRecord } from '../../store/import-store';
import { ImportedRecordChanged } from '../../store/import-undo-store';
import type { ImportJobPorts } from './kind-runners';

const PAGE = 100;

async function* createdRows(ports: ImportJobPorts, record: ImportRecord) {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ports.imports.listRows(
      record.officeId,
      record.id,
      { status: 'created' },
      { limit: PAGE, startKey },
    );
    startKey = page.lastKey;
    yield* page.items;
  } while (startKey);
}

const changed = (row: ImportRowRecord): ImportProblem => ({
  rule: Rule.IMPORT_UNDO,
  message: `Baris ${row.row}${row.label ? ` (${row.label})` : ''}: datanya sudah berubah sejak impor, jadi impor tidak dapat dibatalkan.`,
  detail: `Row ${row.row}${row.label ? ` (${row.label})` : ''}: its records changed since the import, so the import cannot be undone.`,
});

const idOf = (row: ImportRowRecord, type: string) => row.records?.find((r) => r.type === type);

/** Reads each created case back: the rows whose records changed since the import. */
async function changedRows(ports: ImportJobPorts, record: ImportRecord): Promise<ImportProblem[]> {
  const problems: ImportProblem[] = [];
  for await (const row of createdRows(ports, record)) {
    const caseRef = idOf(row, 'case');
    if (record.kind === 'cases' && caseRef) {
      const created = await ports.importUndo.createdOf(
        record.officeId,
        caseRef.id,
        idOf(row, 'client')?.createdVersion !== undefined,
      );
      if (created && !created.unchanged) problems.push(changed(row));
    }
    if (problems.length >= 20) break;
  }
  return problems;
}

/** The undo is refused as a whole: the import stays committed, with the rows that changed. */
async function refuseUndo(ports: ImportJobPorts, record: ImportRecord, problems: readonly ImportProblem[]) {
  const current = (await ports.imports.get(record.officeId, record.id))!;
  await ports.imports.save(current, {
    ...current,
    progress: undefined,
    undoneBy: undefined,
    undoRefusal: problems,
  });
  return { more: false };
}

export async function undoImport(
  ports: ImportJobPorts,
  record: ImportRecord,
  budget: { shouldStop(): boolean },
): Promise<{ more: boolean }> {
  const username = record.undoneBy ?? record.createdBy;
  const actor = { actor: username, at: ports.now() };
  if (!record.checkpoint) {
    const problems = record.kind === 'cases' ? await changedRows(ports, record) : [];
    if (problems.length > 0) return refuseUndo(ports, record, problems);
  }
  let done = record.progress?.done ?? 0;
  for await (const row of createdRows(ports, record)) {
    const outcome: ImportRowRecord = { ...row, status: 'undone' };
    try {
      if (record.kind === 'cases') {
        const caseRef = idOf(row, 'case')!;
        // Read again although the check read it: it narrows the window in which a change made after
        // the check (evidence, say, which the transaction's conditions cannot see) could be undone.
        const created = await ports.importUndo.createdOf(
          record.officeId,
          caseRef.id,
          idOf(row, 'client')?.createdVersion !== undefined,
        );
        if (!created?.unchanged) throw new ImportedRecordChanged();
        await ports.importUndo.undo(record.officeId, record.id, created, outcome, actor);
      } else {
        const ref = row.records?.[0];
        await ports.importUndo.undoOfficeRecord(record.officeId, record.id, ref!, outcome, actor);
      }
    } catch (error) {
      if (error instanceof RowAlreadyDone) continue;
      if (!(error instanceof ImportedRecordChanged)) throw error;
      return refuseUndo(ports, record, [changed(row)]);
    }
    done += 1;
    if (done % PAGE === 0) {
      await ports.imports.checkpoint(record.officeId, record.id, record.run, {
        checkpoint: row.row,
        progress: { phase: 'undoing', done, total: record.summary.created },
        summary: record.summary,
      });
      if (budget.shouldStop()) return { more: true };
    }
  }
  const current = (await ports.imports.get(record.officeId, record.id))!;
  const summary = await ports.imports.countRows(record.officeId, record.id, emptyCounts());
  await ports.imports.save(current, {
    ...current,
    status: 'undone',
    summary,
    progress: undefined,
    checkpoint: undefined,
    undoneAt: actor.at.toISOString(),
  });
  return { more: false };
}
