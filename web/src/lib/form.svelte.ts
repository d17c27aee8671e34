/**
 * One form's submission state: pending (so the button is disabled and a double click cannot send
 * twice), the `Idempotency-Key` of this form instance (kept across retries of the same submission,
 * renewed after a success), and the API's errors mapped to the form's fields.
 *
 * @example
 *   const form = new FormState('session', ['date', 'startTime', 'endTime', 'outcome']);
 *   const saved = await form.submit((key) => api.post(path, body, { idempotencyKey: key }));
 */
import { ApiProblem, type FieldError } from './api';
import { mapFieldErrors, errorId, type MappedErrors } from './field-errors';
import { problemText } from './problem-text';

const NO_ERRORS: MappedErrors = { byField: {}, unmatched: [] };

export class FormState {
  pending = $state(false);
  /** One sentence about what went wrong, for the top of the form. */
  error = $state<string | null>(null);
  errors = $state<MappedErrors>(NO_ERRORS);

  readonly id: string;
  readonly fields: readonly string[];
  #key: string = newKey();

  constructor(id: string, fields: readonly string[]) {
    this.id = id;
    this.fields = fields;
  }

  get idempotencyKey(): string {
    return this.#key;
  }

  /** Runs the request unless one is pending; returns its result, or undefined when it failed. */
  async submit<T>(run: (idempotencyKey: string) => Promise<T>): Promise<T | undefined> {
    if (this.pending) return undefined;
    this.pending = true;
    this.error = null;
    this.errors = NO_ERRORS;
    try {
      const result = await run(this.#key);
      this.#key = newKey();
      return result;
    } catch (e) {
      this.fail(e);
      return undefined;
    } finally {
      this.pending = false;
    }
  }

  /** Shows an error raised outside `submit` (or a check made in the browser). */
  fail(e: unknown): void {
    // A 401 has already ended the session and is taking the user to the login page.
    if (e instanceof ApiProblem && e.status === 401) return;
    this.error = problemText(e);
    this.errors = e instanceof ApiProblem ? mapFieldErrors(e.errors, this.fields) : NO_ERRORS;
  }

  /** Marks fields as wrong from the browser's own checks, before any request. */
  invalid(errors: readonly FieldError[], message: string): void {
    this.error = message;
    this.errors = mapFieldErrors(errors, this.fields);
  }

  reset(): void {
    this.error = null;
    this.errors = NO_ERRORS;
  }

  fieldErrors(field: string): readonly FieldError[] {
    return this.errors.byField[field] ?? [];
  }

  errorId(field: string): string {
    return errorId(this.id, field);
  }

  inputId(field: string): string {
    return `${this.id}-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  }
}

function newKey(): string {
  return crypto.randomUUID();
}
