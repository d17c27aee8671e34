/**
 * What an office admin does with imports through the API (issue 22): start one (and get its upload),
 * read it and its report, map its columns, commit it, undo it. The work itself is the job's
 * (./run-import-job.ts): these use cases move the import's status, one conditional write each, and hand
 * it to the job queue after the write, so a request never waits on a file of 50,000 rows.
 */
import { Rule } from '../../domain';
import {
  canCommitImport,
  canRemapImport,
  canUndoImport,
  declaredImportFile,
  type ImportKind,
} from '../../domain/imports';
import type { OfficeGrant } from '../../identity/grant';
import { actorOf } from '../../identity/grant';
import {
  emptyCounts,
  type ImportRecord,
  type ImportRowRecord,
  type RowFilter,
} from '../../store/import-store';
import type { Page, PageRequest } from '../../store/paging';
import { rendererOf } from '../documents/issue-document';
import type { Ports } from '../ports';
import { found, refuse } from '../refusal';
import type { ImportUploadTarget } from './import-ports';

export type { ImportRecord, ImportRowRecord } from '../../store/import-store';

type ImportPorts = Pick<Ports, 'imports' | 'importFiles' | 'importJobs' | 'now'>;

/** How long a presigned upload or report link stays good. */
const LINK_SECONDS = 15 * 60;

export interface NewImport {
  readonly kind: ImportKind;
  readonly fileName: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

/**
 * An import kind's template in the office's language: rendered by the documents function, which alone
 * carries exceljs (the API's bundle stays without it).
 */
export const importTemplateFile = (
  ports: Pick<Ports, 'documentRenderer'>,
  kind: ImportKind,
  locale: 'id' | 'en',
): Promise<Uint8Array> => rendererOf(ports).importTemplate(kind, locale);

/**
 * Starts an import: the record (awaiting its upload) and a presigned PUT for exactly the declared bytes.
 * Refuses invalid (IMPORT-FILE) for a type that is no spreadsheet or a file over 20 MB, before any URL.
 */
export async function startImport(
  ports: ImportPorts,
  grant: OfficeGrant,
  input: NewImport,
): Promise<{ record: ImportRecord; upload: ImportUploadTarget & { expiresAt: string } }> {
  const declared = declaredImportFile(input);
  if (!declared.ok) throw refuse.invalid(declared.violations, 'This file cannot be imported.');
  const contentType = declared.value;
  const now = ports.now();
  const record: ImportRecord = {
    id: ports.imports.newId(now),
    officeId: grant.office.id,
    kind: input.kind,
    status: 'awaiting_upload',
    fileName: input.fileName,
    contentType,
    sizeBytes: input.sizeBytes,
    sha256: input.sha256.toLowerCase(),
    createdAt: now.toISOString(),
    createdBy: actorOf(grant, now).actor,
    fileProblems: [],
    summary: emptyCounts(),
    run: 0,
    version: 1,
  };
  await ports.imports.create(record, actorOf(grant, now));
  const upload = await ports.importFiles.presignUpload(
    { officeId: record.officeId, importId: record.id },
    {
      contentType,
      sizeBytes: record.sizeBytes,
      sha256Base64: Buffer.from(record.sha256, 'hex').toString('base64'),
    },
    LINK_SECONDS,
  );
  return {
    record,
    upload: { ...upload, expiresAt: new Date(now.getTime() + LINK_SECONDS * 1000).toISOString() },
  };
}

export const getImport = async (ports: Pick<Ports, 'imports'>, grant: OfficeGrant, importId: string) =>
  found(await ports.imports.get(grant.office.id, importId), 'No such import in this office.');

export const listImports = (
  ports: Pick<Ports, 'imports'>,
  grant: OfficeGrant,
  kind: ImportKind | undefined,
  page: PageRequest,
): Promise<Page<ImportRecord>> => ports.imports.list(grant.office.id, kind, page);

/** A page of the report; an import of another office is not found. */
export async function listImportRows(
  ports: Pick<Ports, 'imports'>,
  grant: OfficeGrant,
  importId: string,
  filter: RowFilter,
  page: PageRequest,
): Promise<Page<ImportRowRecord>> {
  await getImport(ports, grant, importId);
  return ports.imports.listRows(grant.office.id, importId, filter, page);
}

/** A link to the report workbook: the office's own file with its result columns. */
export async function importReportLink(ports: ImportPorts, grant: OfficeGrant, importId: string) {
  const record = await getImport(ports, grant, importId);
  const name = `laporan-impor-${record.fileName.replace(/\.(xlsx|csv)$/i, '')}.xlsx`;
  const url = record.hasReport
    ? await ports.importFiles.reportLink({ officeId: record.officeId, importId }, name, LINK_SECONDS)
    : undefined;
  if (!url) throw refuse.conflict('The report is written when the dry run ends.');
  return { url, expiresAt: new Date(ports.now().getTime() + LINK_SECONDS * 1000).toISOString() };
}

/** Moves the import and hands it to the job: the write first, so the job finds what it must do. */
async function moveAndRun(
  ports: ImportPorts,
  current: ImportRecord,
  next: ImportRecord,
  asked?: { readonly action: string; readonly grant: OfficeGrant },
): Promise<ImportRecord> {
  const saved =
    current === next || !asked
      ? current
      : await ports.imports.save(current, next, [], {
          action: asked.action,
          actor: actorOf(asked.grant, ports.now()),
        });
  await ports.importJobs.start({ officeId: saved.officeId, importId: saved.id });
  return saved;
}

/** A new header mapping: the dry run runs again with it (IMPORT-FILE when the file cannot be mapped now). */
export async function remapImport(
  ports: ImportPorts,
  grant: OfficeGrant,
  importId: string,
  columns: Readonly<Record<string, string | null>>,
): Promise<ImportRecord> {
  const current = await getImport(ports, grant, importId);
  if (!canRemapImport(current.status)) {
    throw refuse.conflict(`A ${current.status} import is not mapped again.`, [
      {
        rule: Rule.IMPORT_FILE,
        path: 'columns',
        message: 'Only a validated or failed import is mapped again.',
      },
    ]);
  }
  return moveAndRun(
    ports,
    current,
    {
      ...current,
      status: 'validating',
      mapping: columns,
      run: current.run + 1,
      checkpoint: undefined,
      fileProblems: [],
      summary: emptyCounts(),
      progress: { phase: 'validating', done: 0, total: 0 },
    },
    { action: 'import.map', grant },
  );
}

/**
 * Commits what the dry run passed. Asked again while committing, it hands the import to the job again
 * (a stalled job resumes from its checkpoint); refuses conflict before the dry run ended, after the
 * commit, or when no row passed.
 */
export async function commitImportRequest(
  ports: ImportPorts,
  grant: OfficeGrant,
  importId: string,
): Promise<ImportRecord> {
  const current = await getImport(ports, grant, importId);
  if (current.status === 'committing') return moveAndRun(ports, current, current);
  if (!canCommitImport(current.status)) {
    throw refuse.conflict(
      `A ${current.status} import cannot be committed; it is committed once, after its dry run.`,
    );
  }
  const total = current.summary.ready + current.summary.warning;
  if (total === 0)
    throw refuse.conflict('No row of this import passed the dry run: there is nothing to commit.');
  const now = ports.now();
  return moveAndRun(
    ports,
    current,
    {
      ...current,
      status: 'committing',
      committedBy: actorOf(grant, now).actor,
      checkpoint: undefined,
      progress: { phase: 'committing', done: 0, total },
    },
    { action: 'import.commit', grant },
  );
}

/** Undoes a committed import as a whole, in the job; the job refuses it if a record changed since (IMPORT-UNDO). */
export async function undoImportRequest(
  ports: ImportPorts,
  grant: OfficeGrant,
  importId: string,
): Promise<ImportRecord> {
  const current = await getImport(ports, grant, importId);
  const undoing = current.progress?.phase === 'undoing';
  // Asked again while it runs: the job is handed the import again (a stalled undo resumes).
  if (current.status === 'committed' && undoing) return moveAndRun(ports, current, current);
  const allowed = canUndoImport(current.status, undoing);
  if (!allowed.ok) throw refuse.conflict('Only a committed import is undone.', allowed.violations);
  const now = ports.now();
  return moveAndRun(
    ports,
    current,
    {
      ...current,
      undoneBy: actorOf(grant, now).actor,
      undoRefusal: undefined,
      checkpoint: undefined,
      progress: { phase: 'undoing', done: 0, total: current.summary.created },
    },
    { action: 'import.undo', grant },
  );
}
