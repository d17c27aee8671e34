/**
 * Each import kind's rows through one interface, so the dry run and the commit are written once: a chunk
 * of rows is prepared (its lookups read with a fixed number of calls), each row planned (judged, and its
 * writes made ready), and a planned row written in one transaction.
 */
import type { ImportKind, RowReading } from '../../domain/imports';
import type { ImportCaseStore } from '../../store/import-case-store';
import type { ImportUndoStore } from '../../store/import-undo-store';
import type { ImportRowRecord } from '../../store/import-store';
import type { Ports } from '../ports';
import { newPlan, prepareCaseChunk, type CaseChunk } from './case-chunk';
import { planCaseRow } from './case-rows';
import type { ImportInputs } from './import-ports';
import { loadOfficeLookups, type OfficeLookups } from './office-lookups';
import { partnerRunner, siteRunner } from './partner-site-rows';
import type { Judged, RowJob } from './row-kind';

export type ImportJobPorts = Ports & {
  readonly importCases: ImportCaseStore;
  readonly importUndo: ImportUndoStore;
  readonly importInputs: ImportInputs;
};

export interface RowPlan {
  readonly judged: Judged;
  /** Writes the row with its outcome; absent when there is nothing to write. */
  readonly write?: (outcome: ImportRowRecord) => Promise<void>;
}

export interface KindRunner {
  prepare(readings: readonly RowReading[]): Promise<void>;
  plan(reading: RowReading): RowPlan;
}

function caseRunner(ports: ImportJobPorts, job: RowJob, lookups: OfficeLookups): KindRunner {
  const planned = newPlan();
  let chunk: CaseChunk | undefined;
  return {
    async prepare(readings) {
      chunk = await prepareCaseChunk(ports.importCases, job.grant.office.id, lookups, readings, planned);
    },
    plan(reading) {
      const { judged, write } = planCaseRow(job, chunk!, reading);
      return {
        judged,
        ...(write
          ? {
              write: (outcome: ImportRowRecord) =>
                ports.importCases.commit(job.grant.office.id, job.importId, write, outcome, {
                  actor: job.actor,
                  at: job.now,
                  importId: job.importId,
                }),
            }
          : {}),
      };
    },
  };
}

export async function runnerOf(ports: ImportJobPorts, kind: ImportKind, job: RowJob): Promise<KindRunner> {
  const lookups = await loadOfficeLookups(ports, job.grant.office.id);
  switch (kind) {
    case 'cases':
      return caseRunner(ports, job, lookups);
    case 'partners':
      return partnerRunner(ports, job, lookups);
    case 'sites':
      return siteRunner(ports, job, lookups);
  }
}
