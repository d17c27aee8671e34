/**
 * The spreadsheet import's contract (issue 22): an import is created with the file's description and
 * answered with a presigned upload; the upload starts the dry run; the report is read row by row; the
 * commit and the undo act on the whole import.
 */
import * as z from 'zod';
import { IMPORT_KINDS, IMPORT_LIMITS, IMPORT_ROW_STATUSES, IMPORT_STATUSES } from '../../domain/imports';
import { officeParams, recordId } from './common';
import { pageQuery } from './paging';

export const importKind = z
  .enum(IMPORT_KINDS)
  .describe('partners (with their agreements) | sites (of those partners) | cases (client, order, history)');

export const importParams = officeParams.extend({ importId: recordId('import') });
export const templateParams = officeParams.extend({ kind: importKind });
export const templateQuery = z.object({
  lang: z
    .enum(['id', 'en'])
    .default('id')
    .describe('The headers and the guide sheet: Indonesian or English.'),
});

/** A header of the file mapped to a column key, or to null (ignored). */
const columnMapping = z
  .record(z.string().min(1).max(200), z.string().max(100).nullable())
  .refine((mapping) => Object.keys(mapping).length <= 200, 'At most 200 headers.');

export const createImportBody = z
  .object({
    kind: importKind,
    fileName: z.string().trim().min(1).max(255).describe('As on the computer; shown in the history only.'),
    contentType: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe('An XLSX workbook or a CSV (UTF-8 with or without BOM, or Windows-1252).'),
    sizeBytes: z
      .number()
      .int()
      .min(1)
      .max(IMPORT_LIMITS.maxBytes, `A file is at most ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB.`)
      .describe(`Exact size in bytes, at most ${IMPORT_LIMITS.maxBytes} (20 MB).`),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'The SHA-256 of the file as 64 hexadecimal digits.')
      .describe('SHA-256 of the file, hex. The upload URL carries it, so other bytes are refused.'),
  })
  .strict();

export const mappingBody = z
  .object({
    columns: columnMapping.describe(
      "The file's header → a column key of the kind (see the template's guide sheet), or null to ignore it. Kept for the office's next import of this kind.",
    ),
  })
  .strict();

const bilingual = z.object({ id: z.string(), en: z.string() });

export const importProblemSchema = z
  .object({
    rule: z.string().describe('The rule id (IMPORT-CELL, IMPORT-DUPLICATE, the use cases’ rules, …).'),
    key: z.string().optional().describe('The column key, when the problem is one column’s.'),
    header: bilingual.optional().describe('That column’s header in each language.'),
    message: z.string().describe('In Bahasa Indonesia.'),
    detail: z.string().describe('In English.'),
  })
  .meta({ id: 'ImportProblem' });

const counts = z
  .object({
    rows: z.number().int().describe('Data rows read (blank rows are skipped).'),
    ready: z.number().int(),
    warning: z.number().int(),
    error: z.number().int(),
    existing: z.number().int(),
    created: z.number().int(),
    failed: z.number().int(),
    undone: z.number().int(),
  })
  .describe('Rows by their status.');

export const importSchema = z
  .object({
    id: z.string(),
    kind: importKind,
    status: z
      .enum(IMPORT_STATUSES)
      .describe(
        'awaiting_upload → validating (the dry run, started by the upload) → validated → committing → committed → undone; failed: the file could not be read (see fileProblems).',
      ),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    columns: z
      .object({
        mapped: z.array(z.object({ header: z.string(), key: z.string() })),
        ignored: z.array(z.string()),
      })
      .optional()
      .describe("How the file's headers were read, once the dry run has started."),
    fileProblems: z.array(importProblemSchema).describe('Problems of the file as a whole.'),
    summary: counts,
    progress: z
      .object({
        phase: z.enum(['validating', 'committing', 'undoing']),
        done: z.number().int(),
        total: z.number().int(),
      })
      .optional()
      .describe('While the job runs: rows done of rows total.'),
    committedAt: z.string().optional(),
    committedBy: z.string().optional(),
    undoneAt: z.string().optional(),
    undoneBy: z.string().optional(),
    undoRefusal: z
      .array(importProblemSchema)
      .optional()
      .describe(
        'Why the last undo was refused: the rows whose records changed since the import (IMPORT-UNDO).',
      ),
    upload: z
      .object({
        url: z.string(),
        method: z.literal('PUT'),
        headers: z.record(z.string(), z.string()),
        expiresAt: z.string(),
      })
      .optional()
      .describe('Only in the answer to the creation: PUT the file here with exactly these headers.'),
  })
  .meta({ id: 'Import' });

export const importRowSchema = z
  .object({
    row: z.number().int().describe('The row as Excel numbers it: the header is row 1.'),
    status: z.enum(IMPORT_ROW_STATUSES),
    label: z.string().optional().describe('What the row is about (a decision number, a partner, a site).'),
    errors: z.array(importProblemSchema),
    warnings: z.array(importProblemSchema),
    records: z
      .array(
        z.object({
          type: z.enum(['client', 'case', 'partner', 'site']),
          id: z.string(),
          created: z.boolean().optional().describe('This import created it (an undo takes it back).'),
        }),
      )
      .optional()
      .describe('What the row created, or found already there.'),
  })
  .meta({ id: 'ImportRow' });

export const importRowsQuery = pageQuery.extend({
  status: z.enum(IMPORT_ROW_STATUSES).optional(),
  problems: z
    .enum(['errors', 'warnings', 'any'])
    .optional()
    .describe('Only rows with errors, with warnings, or with either.'),
  key: z.string().max(100).optional().describe('Only rows with a problem in this column (its key).'),
});

export const importListQuery = pageQuery.extend({ kind: importKind.optional() });
