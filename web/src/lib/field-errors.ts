/**
 * Puts a problem+json's `errors[{path, message, rule}]` next to the form field they are about.
 *
 * The API names fields by their dotted request path (`sentence.hours`, `weekdays.2`, `decision.imposed`,
 * `query.siteId`). A form declares the paths of its inputs; each error goes to the input whose path is
 * the error's path or its closest ancestor (`weekdays.2` → `weekdays`), else to the first input below
 * it (`decision.imposed` → `decision.imposed.prisonMonths`). Whatever matches no input is shown at the
 * top of the form, so nothing the server said is ever dropped.
 */
import type { FieldError } from './api';

export interface MappedErrors {
  readonly byField: Readonly<Record<string, readonly FieldError[]>>;
  readonly unmatched: readonly FieldError[];
}

function fieldFor(path: string, fields: readonly string[]): string | undefined {
  const clean = path.replace(/^(body|query|path)\./, '');
  let best: string | undefined;
  for (const field of fields) {
    if (clean === field || clean.startsWith(`${field}.`)) {
      if (!best || field.length > best.length) best = field;
    }
  }
  return best ?? fields.find((field) => field.startsWith(`${clean}.`));
}

export function mapFieldErrors(errors: readonly FieldError[], fields: readonly string[]): MappedErrors {
  const byField: Record<string, FieldError[]> = {};
  const unmatched: FieldError[] = [];
  for (const error of errors) {
    const field = fieldFor(error.path, fields);
    if (field === undefined) unmatched.push(error);
    else (byField[field] ??= []).push(error);
  }
  return { byField, unmatched };
}

/** The DOM id of a field's error message, for `aria-describedby`. */
export function errorId(formId: string, field: string): string {
  return `${formId}-${field.replace(/[^A-Za-z0-9_-]/g, '-')}-error`;
}
