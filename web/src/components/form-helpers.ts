/**
 * The small pieces every form's submit repeats: which required fields are empty, a number input's value,
 * optional members left out rather than sent empty, and saving a record as new (POST) or as a change
 * of the version shown (PATCH with If-Match).
 */
import type { ApiClient, FieldError } from '../lib/api';
import type { FormState } from '../lib/form.svelte';

/** The fields whose entry is `false`, as errors with `message`, for `form.invalid`. */
export function missingFields(filled: Record<string, boolean>, message: string): FieldError[] {
  return Object.entries(filled)
    .filter(([, ok]) => !ok)
    .map(([path]) => ({ path, message }));
}

/** True when a text input holds more than white space. */
export const hasText = (value: string): boolean => value.trim() !== '';

/** Per key of `values` (named `prefix` + key): whether it holds text beyond white space, or a number. */
export function filled(values: Record<string, string | number | null>, prefix = ''): Record<string, boolean> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      prefix + key,
      typeof value === 'string' ? hasText(value) : numberOrNull(value) !== null,
    ]),
  );
}

/** Every member of a record of texts, trimmed. */
export const trimmed = <T extends Record<string, string>>(values: T): T =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.trim()])) as T;

/** A number input's value, or null while it is empty or not a number. */
export const numberOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** `{ [key]: value }` when the value is there, else nothing: optional members are left out, not null. */
export const maybe = <K extends string, V>(key: K, value: V | null | undefined) =>
  (value === null || value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** The trimmed text, or null when only white space is left (for `maybe`). */
export const textOrNull = (value: string): string | null => value.trim() || null;

/**
 * Saves a record of `collection` (an office API path such as `/v1/offices/x/sites`): a change of
 * `existing` at the version shown (so an edit made meanwhile is not overwritten), else a new one.
 */
export function saveRecord<T>(
  form: FormState,
  api: ApiClient,
  collection: string,
  existing: { readonly id: string; readonly version: number } | undefined,
  body: unknown,
): Promise<T | undefined> {
  return existing
    ? form.submit(() =>
        api.patch<T>(`${collection}/${encodeURIComponent(existing.id)}`, body, existing.version),
      )
    : form.submit((key) => api.post<T>(collection, body, { idempotencyKey: key }));
}

/** A number input's attributes: from `min` to `max` (if any), in steps of `step` (whole numbers by default). */
export const range = (min: number, max?: number, step = '1') =>
  ({ type: 'number', min: String(min), ...(max === undefined ? {} : { max: String(max) }), step }) as const;

/** A form's action: focuses its first control when it opens. */
export function focusFirst(form: HTMLFormElement): void {
  form.querySelector<HTMLElement>('input, select, textarea')?.focus();
}
