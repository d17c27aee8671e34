/** A refusal as the import screens show it: the user's sentence and the API's reasons. */
import type { ApiProblem, FieldError } from '../../lib/api';
import type { AppLocale } from '../../lib/format';
import type { ImportProblem } from './import-types';

export interface ShownRefusal {
  readonly message: string;
  readonly errors: readonly FieldError[];
}

/** The API's reasons, or its `detail` as the one reason when it names none. */
export const reasonsOf = (problem: ApiProblem): readonly FieldError[] =>
  problem.errors.length ? problem.errors : problem.detail ? [{ path: '', message: problem.detail }] : [];

/** An import's own problems (an undo's refusal) as reasons: the message in the UI language, the rule. */
export const refusalReasons = (problems: readonly ImportProblem[], lang: AppLocale): FieldError[] =>
  problems.map((p) => ({
    path: '',
    message: lang === 'en' ? p.detail || p.message : p.message,
    rule: p.rule,
  }));
