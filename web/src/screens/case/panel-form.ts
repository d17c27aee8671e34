/** What the case screen's forms share besides their markup (`PanelForm.svelte`). */
import type { ApiClient } from '../../lib/api';
import type { FormState } from '../../lib/form.svelte';
import { m } from '../../paraglide/messages.js';
import { missingFields, saveRecord } from '../../components/form-helpers';

/** A check made before sending: the field's path, whether it fails, and what to say (else "required"). */
export type Required = readonly [path: string, missing: boolean, message?: string];

/** Marks the failing fields and returns false, or returns true when every check passes. */
export function checkRequired(form: FormState, checks: readonly Required[]): boolean {
  const missing = checks.flatMap(([path, failing, message = m.form_required()]) =>
    missingFields({ [path]: !failing }, message),
  );
  if (missing.length) form.invalid(missing, m.form_fix_fields());
  return missing.length === 0;
}

/** POSTs `body` under the form's idempotency key; true once saved. */
export async function postForm(
  form: FormState,
  api: ApiClient,
  url: string,
  body: unknown,
): Promise<boolean> {
  return Boolean(await saveRecord(form, api, url, undefined, body));
}
