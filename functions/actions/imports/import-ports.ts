/**
 * What the spreadsheet import (issue 22) reaches outside itself besides the stores every use case has:
 * the imports bucket and the job queue. The adapters sit at the edge (store/import-files.ts,
 * platform/import-job-queue.ts); local mode runs the same job in-process.
 */
import type { AssessmentInput, PlacementRequest } from '../../domain';
import type { CellValue } from '../../domain/imports';
import type { CaseInput } from '../../store/case-store';
import type { NewClient } from '../../store/client-store';
import type { PartnerInput } from '../../store/partner-store';
import type { SiteInput } from '../../store/site-store';

/** Where an import's file and its report live: `imports/<officeId>/<importId>/…`. */
export interface ImportFileAddress {
  readonly officeId: string;
  readonly importId: string;
}

/** A presigned PUT for exactly the declared bytes (as evidence uploads, ADR 0009). */
export interface ImportUploadTarget {
  readonly url: string;
  readonly method: 'PUT';
  /** Headers the PUT must carry exactly (content type, length, SHA-256 checksum). */
  readonly headers: Readonly<Record<string, string>>;
}

/** The imports bucket: encrypted, its own, objects deleted by lifecycle after 30 days. */
export interface ImportFiles {
  /** A presigned PUT of the uploaded file, good for `expiresInSeconds`. */
  presignUpload(
    address: ImportFileAddress,
    file: { readonly contentType: string; readonly sizeBytes: number; readonly sha256Base64: string },
    expiresInSeconds: number,
  ): Promise<ImportUploadTarget>;
  /**
   * The uploaded file's bytes, or undefined when nothing was uploaded. Never reads more than `maxBytes`
   * (a larger object is answered `{ tooLarge: true }` without its bytes).
   */
  readUpload(
    address: ImportFileAddress,
    maxBytes: number,
  ): Promise<Uint8Array | { readonly tooLarge: true } | undefined>;
  /** Stores the report workbook (the file with its result column), replacing an earlier one. */
  putReport(address: ImportFileAddress, bytes: Uint8Array): Promise<void>;
  /** A presigned GET of the report that downloads as `fileName`, or undefined when there is none. */
  reportLink(
    address: ImportFileAddress,
    fileName: string,
    expiresInSeconds: number,
  ): Promise<string | undefined>;
}

/** Runs (or resumes) an import's job after the request: the dry run or the commit, from its checkpoint. */
export interface ImportJobs {
  start(address: ImportFileAddress): Promise<void>;
}

/** A file's cells as the reader gives them (documents/import-file.ts): Excel's row numbers kept. */
export interface ImportSheet {
  readonly format: 'xlsx' | 'csv';
  readonly header: readonly CellValue[];
  readonly rows: readonly { readonly row: number; readonly cells: readonly CellValue[] }[];
  readonly date1904: boolean;
  readonly encoding?: string;
}

/** A row's result as the report workbook prints it. */
export interface ReportRowResult {
  readonly row: number;
  readonly status: string;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/** Reading an uploaded spreadsheet and writing its report (documents/import-file.ts, import-report.ts). */
export interface ImportSpreadsheets {
  /** Throws an error with `code`, `message` (Indonesian) and `detail` (English) for a file it refuses. */
  read(bytes: Uint8Array, declared: { fileName: string; contentType: string }): Promise<ImportSheet>;
  report(
    sheet: ImportSheet,
    results: ReadonlyMap<number, ReportRowResult>,
    locale: 'id' | 'en',
    fileProblems?: readonly string[],
  ): Promise<Uint8Array>;
}

/** A body checked by the API's own schema: its value, or its issues by path. */
export type InputCheck<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly { readonly path: string; readonly message: string }[] };

/**
 * The API's input schemas, handed to the job so a row is held to exactly what a request is
 * (api/import-inputs.ts), and the rules' Indonesian wording (the dashboard's `rule_*` messages).
 */
export interface ImportInputs {
  client(input: unknown): InputCheck<NewClient>;
  case(input: unknown): InputCheck<CaseInput>;
  assessment(input: unknown): InputCheck<AssessmentInput>;
  placement(input: unknown): InputCheck<PlacementRequest>;
  partner(input: unknown): InputCheck<PartnerInput>;
  site(input: unknown): InputCheck<SiteInput>;
  /** The rule's sentence in Bahasa Indonesia, where the dashboard has one. */
  ruleText(rule: string): string | undefined;
}
