/**
 * What every labelled form control takes (see `Field.svelte`), and the split of a control's props into
 * those and the attributes that go on its element, so each control declares only what is its own.
 */
import type { HTMLInputAttributes, HTMLTextareaAttributes } from 'svelte/elements';
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

/** What a form binds a field to: text, a number input's number (or null), a checkbox, a choice list. */
export type FieldValue = string | number | boolean | null | readonly (string | number)[];

type SpecBase<K extends string> = Omit<FieldProps, 'form' | 'name'> & {
  /** The member of the bound object, and (after the prefix) the request path errors are reported on. */
  key: K;
  /** The request path, where it is not `prefix` + `key`. */
  name?: string;
  /** Binds a member of this object instead of the form's `values` (a draft kept in parts). */
  in?: Record<string, unknown>;
  /** Spans the form grid's full width. */
  wide?: boolean;
};
type Attributes<A> = Omit<A, 'value' | 'id' | 'name' | 'form'>;
/** An input's own part of its spec: any input attribute. */
export type InputSpec = { control?: 'input' } & Attributes<HTMLInputAttributes>;

/**
 * One field of a form, as data (see `Fields.svelte`): an input (the default, with any input
 * attribute), a textarea, a select, radios or checkboxes (`choice`), or a single checkbox (`check`,
 * whose `text` stands beside the box and whose `label` names the group).
 */
export type FieldSpec<K extends string = string> = SpecBase<K> &
  (
    | InputSpec
    | ({ control: 'textarea' } & Attributes<HTMLTextareaAttributes>)
    | { control: 'select'; options: readonly FieldOption<string | number>[]; placeholder?: string }
    | {
        control: 'choice';
        options: readonly FieldOption<string | number>[];
        multiple?: boolean;
        column?: boolean;
      }
    | { control: 'check'; text: string }
  );
