/**
 * What every labelled form control takes (see `Field.svelte`), and the split of a control's props into
 * those and the attributes that go on its element, so each control declares only what is its own.
 */
import type { FormState } from '../lib/form.svelte';

export interface FieldProps {
  form: FormState;
  /** The request path the API reports errors on, e.g. `sentence.hours`. */
  name: string;
  label: string;
  hint?: string | undefined;
  /** The hint says the value breaks a rule (shown as a warning, not only as help). */
  hintBad?: boolean | undefined;
  optional?: boolean | undefined;
}

/** One choice of a select or of a group of radios or checkboxes. */
export interface FieldOption<V> {
  readonly value: V;
  readonly label: string;
}

/** What `Field` hands its control: its id, what describes it (hint, errors) and whether it is invalid. */
export interface Control {
  readonly id: string;
  readonly describedby: string | undefined;
  readonly invalid: true | undefined;
  /** The three as the element's attributes, to spread onto it. */
  readonly attributes: {
    readonly id: string;
    readonly 'aria-describedby': string | undefined;
    readonly 'aria-invalid': true | undefined;
  };
}

/** Splits a control's props into the `Field`'s and the rest (attributes for the element). */
export function splitField<P extends FieldProps>(props: P): [FieldProps, Omit<P, keyof FieldProps>] {
  const { form, name, label, hint, hintBad, optional, ...rest } = props;
  return [{ form, name, label, hint, hintBad, optional }, rest];
}
