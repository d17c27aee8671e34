/**
 * Spreadsheet imports as the store keeps them (issue 22): the import, its rows' outcomes and what they
 * created. The items and their keys are ./import-store.ts.
 */
import type { ImportKind, ImportRowStatus, ImportStatus, ImportValue } from '../domain/imports';

export interface ImportProblem {
  readonly rule: string;
  readonly key?: string;
  readonly header?: { readonly id: string; readonly en: string };
  readonly message: string;
  readonly detail: string;
}

export type ImportCounts = Record<'rows' | ImportRowStatus, number>;

export const emptyCounts = (): ImportCounts => ({
  rows: 0,
  ready: 0,
  warning: 0,
  error: 0,
  existing: 0,
  created: 0,
  failed: 0,
  undone: 0,
});

export interface ImportProgress {
  readonly phase: 'validating' | 'committing' | 'undoing';
  readonly done: number;
  readonly total: number;
}

export interface ImportRecord {
  readonly id: string;
  readonly officeId: string;
  readonly kind: ImportKind;
  readonly status: ImportStatus;
  readonly fileName: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly createdAt: string;
  readonly createdBy: string;
  /** The header mapping asked for this import (file header → key, null: ignored), beside the office's. */
  readonly mapping?: Readonly<Record<string, string | null>>;
  readonly columns?: {
    readonly mapped: readonly { header: string; key: string }[];
    readonly ignored: readonly string[];
  };
  readonly fileProblems: readonly ImportProblem[];
  readonly summary: ImportCounts;
  readonly progress?: ImportProgress;
  /** The last row (Excel number) the job finished; the job resumes after it. */
  readonly checkpoint?: number;
  /** Bumped by each new run of the dry run, so a superseded run's late writes are refused. */
  readonly run: number;
  readonly hasReport?: boolean;
  readonly committedAt?: string;
  readonly committedBy?: string;
  readonly undoneAt?: string;
  /** Who asked for the undo (set when asked, while the job runs). */
  readonly undoneBy?: string;
  /** Why the last undo was refused: the rows whose records changed since (IMPORT-UNDO). */
  readonly undoRefusal?: readonly ImportProblem[];
  readonly version: number;
}

/** A record a row created or found, with the version it was created at (undo checks it). */
export interface ImportedRecordRef {
  readonly type: 'client' | 'case' | 'partner' | 'site';
  readonly id: string;
  /** Set when this import created it: undo deletes only what it created, and only unchanged. */
  readonly createdVersion?: number;
}

export interface ImportRowRecord {
  readonly row: number;
  readonly status: ImportRowStatus;
  readonly label?: string;
  readonly errors: readonly ImportProblem[];
  readonly warnings: readonly ImportProblem[];
  /** The values read, kept only while the row waits for the commit. */
  readonly values?: Readonly<Record<string, ImportValue>>;
  readonly records?: readonly ImportedRecordRef[];
}

export interface RowFilter {
  readonly status?: ImportRowStatus;
  readonly problems?: 'errors' | 'warnings' | 'any';
  readonly key?: string;
}
