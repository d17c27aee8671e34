/** What judging and writing an import's rows share: the job's standing and a row's verdict. */
import type { LocalDate } from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { ImportProblem, ImportedRecordRef } from '../../store/import-store';
import type { ImportInputs } from './import-ports';

/** One run of an import's job: who it acts for, in which office, on which day. */
export interface RowJob {
  readonly grant: OfficeGrant;
  /** The admin the audit entries name: who created (dry run) or committed the import. */
  readonly actor: string;
  readonly importId: string;
  readonly now: Date;
  /** The office's date now. */
  readonly today: LocalDate;
  readonly inputs: ImportInputs;
  /** New ids, as the stores make them. */
  readonly ids: {
    newId(): string;
    /** A record of the case's partition (placement, assessment): `<caseId>-<ULID>`. */
    recordId(caseId: string): string;
    warningId(at: Date): string;
  };
}

/** A row's verdict: the dry run's status, its problems, and what it found or will create. */
export interface Judged {
  readonly status: 'ready' | 'warning' | 'error' | 'existing';
  readonly label?: string;
  readonly errors: readonly ImportProblem[];
  readonly warnings: readonly ImportProblem[];
  readonly records?: readonly ImportedRecordRef[];
}

/**
 * A row's verdict from what was found: an error refuses it; a record already in Abdi makes it
 * `existing`; a warning alone lets it through as `warning`.
 */
export function verdict(
  label: string | undefined,
  errors: readonly ImportProblem[],
  warnings: readonly ImportProblem[],
  records?: readonly ImportedRecordRef[],
  existing = false,
): Judged {
  const status =
    errors.length > 0 ? 'error' : existing ? 'existing' : warnings.length > 0 ? 'warning' : 'ready';
  return { status, ...(label ? { label } : {}), errors, warnings, ...(records ? { records } : {}) };
}
