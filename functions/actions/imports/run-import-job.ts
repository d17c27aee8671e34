/**
 * An import's job, one slice at a time (issue 22): whatever the import is waiting for, from where its
 * last slice stopped. The upload moves it from awaiting_upload into the dry run; a commit or an undo
 * asked through the API is run here, after the request. Each slice returns `more` when its budget ran
 * out first, and the caller queues the rest; a slice that crashes is simply run again, from the same
 * checkpoint, and finds done what it had done.
 */
import { WriteConflict } from '../../store/optimistic';
import { commitImport } from './commit-import';
import type { ImportFileAddress } from './import-ports';
import { NotAnAdminAnymore } from './job-standing';
import { undoImport } from './undo-import';
import { validateImport, type ValidatePorts } from './validate-import';

export type ImportJobPorts = ValidatePorts;

export async function runImportJob(
  ports: ImportJobPorts,
  address: ImportFileAddress,
  budget: { shouldStop(): boolean },
): Promise<{ more: boolean }> {
  let record = await ports.imports.get(address.officeId, address.importId);
  if (!record) return { more: false };
  try {
    if (record.status === 'awaiting_upload') {
      // The upload arrived: the dry run starts, as a new run (any older run's late writes are refused).
      record = await ports.imports.save(record, {
        ...record,
        status: 'validating',
        run: record.run + 1,
        checkpoint: undefined,
        progress: { phase: 'validating', done: 0, total: 0 },
      });
    }
    switch (record.status) {
      case 'validating':
        return await validateImport(ports, record, budget);
      case 'committing':
        return await commitImport(ports, record, budget);
      case 'committed':
        return record.progress?.phase === 'undoing'
          ? await undoImport(ports, record, budget)
          : { more: false };
      default:
        return { more: false };
    }
  } catch (error) {
    // Another slice of the same import moved it first (a message delivered twice): that one goes on.
    if (error instanceof WriteConflict) return { more: false };
    if (error instanceof NotAnAdminAnymore) {
      const current = await ports.imports.get(address.officeId, address.importId);
      if (current && current.status !== 'committed') {
        await ports.imports.save(current, {
          ...current,
          status: 'failed',
          progress: undefined,
          fileProblems: [
            {
              rule: 'ROLE',
              message: 'Pengguna yang memulai impor ini bukan lagi admin kantor ini.',
              detail: 'Whoever started this import is no longer an admin of this office.',
            },
          ],
        });
      }
      return { more: false };
    }
    throw error;
  }
}
