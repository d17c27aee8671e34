/**
 * Spreadsheet imports (issue 22): an office admin's way to bring the caseload kept on paper and in
 * spreadsheets into Abdi. Only office admins: an import writes many records at once. The file's bytes
 * go straight to the imports bucket through a presigned PUT; the dry run, the commit and the undo run in
 * the import job after the request. No route logs a body or a row: they hold NIKs and names.
 */
import type * as z from 'zod';
import {
  commitImportRequest,
  getImport,
  importReportLink,
  importTemplateFile,
  listImportRows,
  listImports,
  remapImport,
  startImport,
  undoImportRequest,
} from '../../actions/imports/imports';
import type { ImportRecord, ImportRowRecord } from '../../actions/imports/imports';
import type { InOffice } from '../../identity/grant';
import { access } from '../access';
import { defineRoute } from '../route';
import { pagedRoute } from '../route-kit';
import { officeParams } from '../schemas/common';
import {
  createImportBody,
  importListQuery,
  importParams,
  importRowSchema,
  importRowsQuery,
  importSchema,
  mappingBody,
  templateParams,
  templateQuery,
} from '../schemas/imports';
import * as zod from 'zod';

const ADMINS = ['admin'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The import as the contract shows it: the job's bookkeeping and the values read stay inside. */
export function presentImport(record: ImportRecord) {
  const { officeId: _o, run: _r, checkpoint: _c, version: _v, mapping: _m, hasReport: _h, ...shown } = record;
  return shown;
}

/** A report row: what it created is flagged, not versioned (the version is the undo's business). */
const presentRow = (row: ImportRowRecord) => ({
  ...row,
  ...(row.records
    ? {
        records: row.records.map(({ createdVersion, ...ref }) => ({
          ...ref,
          ...(createdVersion ? { created: true } : {}),
        })),
      }
    : {}),
});

type Params = z.infer<typeof importParams>;

export const getImportTemplate = defineRoute<
  z.infer<typeof templateParams>,
  z.infer<typeof templateQuery>,
  unknown,
  InOffice
>({
  operationId: 'getImportTemplate',
  method: 'GET',
  path: '/v1/offices/{officeId}/import-templates/{kind}',
  summary: 'The XLSX template of an import kind: its headers, cells formatted as read, and a guide sheet',
  description:
    'Generated from the column model, so every example on the guide sheet passes the dry run. Headers of required columns end in " *". NIK, phone and decision-number columns are formatted as Text. (Beside `/imports`, not under it: `/imports/templates/…` would be ambiguous with `/imports/{importId}/…`.)',
  tags: ['imports'],
  access: access.office(ADMINS),
  runsIn: 'documents',
  params: templateParams,
  query: templateQuery,
  responses: { 200: { description: 'The template', file: { contentTypes: [XLSX] } } },
  async handle({ params, query, deps }) {
    const bytes = await importTemplateFile(deps, params.kind, query.lang);
    const name = query.lang === 'en' ? `abdi-import-${params.kind}.xlsx` : `abdi-impor-${params.kind}.xlsx`;
    return {
      status: 200,
      body: bytes,
      headers: { 'content-type': XLSX, 'content-disposition': `attachment; filename="${name}"` },
    };
  },
});

export const createImport = defineRoute<unknown, unknown, z.infer<typeof createImportBody>, InOffice>({
  operationId: 'createImport',
  method: 'POST',
  path: '/v1/offices/{officeId}/imports',
  summary: 'Start an import: the import, awaiting its file, and a presigned PUT for exactly those bytes',
  description:
    'PUT the file to `upload.url` with exactly `upload.headers` within 15 minutes; the dry run then starts by itself (status validating → validated, or failed with fileProblems). An XLSX or a CSV of at most 20 MB (IMPORT-FILE). Send an `Idempotency-Key`.',
  tags: ['imports'],
  access: access.office(ADMINS),
  params: officeParams,
  body: createImportBody,
  responses: { 201: { description: 'Awaiting its upload', schema: importSchema } },
  async handle({ access: grant, body, deps }) {
    const { record, upload } = await startImport(deps, grant, body);
    return {
      status: 201,
      body: { ...presentImport(record), upload },
      headers: { location: `/v1/offices/${grant.office.id}/imports/${record.id}` },
    };
  },
});

export const listImportsRoute = pagedRoute({
  operationId: 'listImports',
  path: '/v1/offices/{officeId}/imports',
  summary: "The office's imports, newest first: who, when, which file (name and SHA-256), counts",
  tags: ['imports'],
  access: access.office(ADMINS),
  params: officeParams,
  query: importListQuery,
  items: 'imports',
  item: importSchema,
  list: ({ query }) => `imports?kind=${query.kind ?? ''}`,
  read: ({ query, access: grant, deps }, page) => listImports(deps, grant, query.kind, page),
  present: presentImport,
});

const oneImport = (spec: {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT';
  suffix: string;
  summary: string;
  description: string;
  status: 200 | 202;
  run: (context: {
    access: InOffice;
    params: Params;
    body: unknown;
    deps: Parameters<typeof getImport>[0] & Parameters<typeof commitImportRequest>[0];
  }) => Promise<ImportRecord>;
  body?: z.ZodType;
}) =>
  defineRoute<Params, unknown, unknown, InOffice>({
    operationId: spec.operationId,
    method: spec.method,
    path: `/v1/offices/{officeId}/imports/{importId}${spec.suffix}`,
    summary: spec.summary,
    description: spec.description,
    tags: ['imports'],
    access: access.office(ADMINS),
    params: importParams,
    ...(spec.body ? { body: spec.body } : {}),
    responses: { [spec.status]: { description: 'The import', schema: importSchema } },
    async handle(context) {
      return { status: spec.status, body: presentImport(await spec.run(context)) };
    },
  });

export const getImportRoute = oneImport({
  operationId: 'getImport',
  method: 'GET',
  suffix: '',
  summary: 'An import: its status, summary and, while its job runs, the progress (rows done of rows total)',
  description: 'Poll it while validating, committing or undoing. Another office’s import is 404.',
  status: 200,
  run: ({ access: grant, params, deps }) => getImport(deps, grant, params.importId),
});

export const mapImportColumns = oneImport({
  operationId: 'mapImportColumns',
  method: 'PUT',
  suffix: '/mapping',
  summary: "Map the file's headers to the kind's columns and run the dry run again",
  description:
    'For a file whose headers differ from the template. The mapping is kept for the office’s next import of this kind once this one is committed. Only a validated or failed import (else 409).',
  status: 202,
  body: mappingBody,
  run: ({ access: grant, params, body, deps }) =>
    remapImport(deps, grant, params.importId, (body as z.infer<typeof mappingBody>).columns),
});

export const commitImportRoute = oneImport({
  operationId: 'commitImport',
  method: 'POST',
  suffix: '/commit',
  summary: 'Commit what the dry run passed: each row in one transaction, in the job',
  description:
    'Answers at once with status committing; poll the import for its progress. Rows with errors are skipped. Asked again while committing, the job is resumed from its checkpoint. 409 before the dry run ends, after the commit, or when no row passed.',
  status: 202,
  run: ({ access: grant, params, deps }) => commitImportRequest(deps, grant, params.importId),
});

export const undoImportRoute = oneImport({
  operationId: 'undoImport',
  method: 'POST',
  suffix: '/undo',
  summary: 'Undo a committed import as a whole, while none of its records has changed since',
  description:
    'Answers at once (progress.phase undoing); the job first reads every created record back. If one has changed since the import (a session recorded, a correction), nothing is undone and the import shows `undoRefusal` naming the rows (IMPORT-UNDO). Each undone case leaves a withdrawal entry in its audit trail. 409 unless committed.',
  status: 202,
  run: ({ access: grant, params, deps }) => undoImportRequest(deps, grant, params.importId),
});

export const listImportRowsRoute = pagedRoute({
  operationId: 'listImportRows',
  path: '/v1/offices/{officeId}/imports/{importId}/rows',
  summary: "An import's report, row by row, by the row number Excel shows (the header is row 1)",
  description:
    'Filters apply to each page as read, so a page may be shorter than `limit` and still have a `nextCursor`. Messages are in Bahasa Indonesia, details in English.',
  tags: ['imports'],
  access: access.office(ADMINS),
  params: importParams,
  query: importRowsQuery,
  items: 'rows',
  item: importRowSchema,
  list: ({ params, query }) =>
    `imports/${params.importId}/rows?${query.status ?? ''}&${query.problems ?? ''}&${query.key ?? ''}`,
  read: ({ params, query, access: grant, deps }, page) =>
    listImportRows(
      deps,
      grant,
      params.importId,
      { status: query.status, problems: query.problems, key: query.key },
      page,
    ),
  present: presentRow,
});

export const getImportReport = defineRoute<Params, unknown, unknown, InOffice>({
  operationId: 'getImportReport',
  method: 'GET',
  path: '/v1/offices/{officeId}/imports/{importId}/report',
  summary: 'A link to the report workbook: the office’s own file with a result column on every row',
  description: 'Good for 15 minutes. 409 until the dry run has ended.',
  tags: ['imports'],
  access: access.office(ADMINS),
  params: importParams,
  responses: {
    200: {
      description: 'The link',
      schema: zod.object({ url: zod.string(), expiresAt: zod.string() }).meta({ id: 'ImportReportLink' }),
    },
  },
  async handle({ access: grant, params, deps }) {
    return { status: 200, body: await importReportLink(deps, grant, params.importId) };
  },
});
