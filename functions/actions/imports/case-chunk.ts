/**
 * What a chunk of cases rows is checked against, read with a fixed number of calls whatever the
 * chunk's size: the NIK guards of its clients (BatchGet), those clients and their cases (BatchGets),
 * and the office's people, partners and sites (read once per run). `planned` carries, from row to row,
 * what earlier rows of this run will create, so a second case of a new client finds them and a site's
 * places are counted across the file.
 */
import type { RowReading } from '../../domain/imports';
import type { CaseRecord } from '../../store/case-store';
import type { ClientRecord } from '../../store/client-store';
import type { ImportCaseStore } from '../../store/import-case-store';
import type { OfficeLookups } from './office-lookups';

export interface PlannedByRun {
  /** NIKs of clients earlier rows register, with the row. */
  readonly clients: Map<string, number>;
  /** Places earlier rows take, per site and ISO weekday. */
  readonly places: Map<string, Record<number, number>>;
}

export interface CaseChunk {
  readonly lookups: OfficeLookups;
  readonly clientIdsByNik: ReadonlyMap<string, string>;
  readonly clients: ReadonlyMap<string, ClientRecord>;
  readonly casesByClient: ReadonlyMap<string, CaseRecord[]>;
  readonly planned: PlannedByRun;
}

export const newPlan = (): PlannedByRun => ({ clients: new Map(), places: new Map() });

export async function prepareCaseChunk(
  store: ImportCaseStore,
  officeId: string,
  lookups: OfficeLookups,
  readings: readonly RowReading[],
  planned: PlannedByRun,
): Promise<CaseChunk> {
  const niks = readings.flatMap((r) =>
    typeof r.values['client.nik'] === 'string' ? [r.values['client.nik']] : [],
  );
  const clientIdsByNik = await store.clientIdsByNik(officeId, niks);
  const { clients, cases } = await store.casesOfClients(officeId, [...clientIdsByNik.values()]);
  return { lookups, clientIdsByNik, clients, casesByClient: cases, planned };
}
