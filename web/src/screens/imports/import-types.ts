/**
 * The import resources as the dashboard reads and sends them (issue 22), taken from the server's zod
 * schemas with type-only imports (erased by the build), like `lib/api-types.ts`.
 */
import type * as z from 'zod';
import type {
  createImportBody,
  importProblemSchema,
  importRowSchema,
  importSchema,
  mappingBody,
} from '../../../../functions/api/schemas/imports';

/**
 * `undoRefusal` is what the import job records when an undo is refused (IMPORT-UNDO: a record changed
 * since the import); the route already serves it, the schema does not name it yet.
 */
export type Import = z.output<typeof importSchema> & {
  readonly undoRefusal?: readonly z.output<typeof importProblemSchema>[];
};
export type ImportKind = Import['kind'];
export type ImportStatus = Import['status'];
export type ImportSummary = Import['summary'];
export type ImportProgress = NonNullable<Import['progress']>;
export type ImportColumns = NonNullable<Import['columns']>;
export type ImportRow = z.output<typeof importRowSchema>;
export type ImportRowStatus = ImportRow['status'];
export type ImportRecord = NonNullable<ImportRow['records']>[number];
export type ImportProblem = z.output<typeof importProblemSchema>;
export type CreateImportBody = z.input<typeof createImportBody>;
export type MappingBody = z.input<typeof mappingBody>;

/** `GET …/imports/{importId}/report`: a presigned link to the report workbook. */
export interface ReportLink {
  readonly url: string;
  readonly expiresAt: string;
}
