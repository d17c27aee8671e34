/**
 * A row's problems in the report's one shape, whatever found them: the cell readers (already in it),
 * the API's schemas (issues by path) or the domain's rules (violations by path). A path is put back
 * under its input's prefix (`decision.number` of the case is `case.decision.number`), which is the
 * column key, so the report names the column the office must fix.
 */
import type { RuleViolation } from '../../domain';
import { IMPORT_COLUMNS, type ImportKind, type RowProblem } from '../../domain/imports';
import type { ImportProblem } from '../../store/import-store';
import type { ImportInputs } from './import-ports';

export function problemOf(
  kind: ImportKind,
  key: string,
  rule: string,
  english: string,
  inputs: Pick<ImportInputs, 'ruleText'>,
): ImportProblem {
  // A path deeper than a column (`case.decision.offenceArticles.0`) belongs to the column above it.
  const columns = IMPORT_COLUMNS[kind];
  let column = columns.find((c) => c.key === key);
  for (let k = key; !column && k.includes('.'); k = k.slice(0, k.lastIndexOf('.'))) {
    column = columns.find((c) => c.key === k);
  }
  return {
    rule,
    ...(column ? { key: column.key, header: column.header } : {}),
    message: inputs.ruleText(rule) ?? english,
    detail: english,
  };
}

export const fromViolations = (
  kind: ImportKind,
  prefix: string,
  violations: readonly RuleViolation[],
  inputs: Pick<ImportInputs, 'ruleText'>,
): ImportProblem[] =>
  violations.map((v) =>
    problemOf(
      kind,
      v.path.startsWith(prefix) || prefix === '' ? v.path : `${prefix}${v.path}`,
      v.rule,
      v.message,
      inputs,
    ),
  );

export const fromIssues = (
  kind: ImportKind,
  prefix: string,
  issues: readonly { readonly path: string; readonly message: string }[],
  inputs: Pick<ImportInputs, 'ruleText'>,
): ImportProblem[] =>
  issues.map((i) => problemOf(kind, `${prefix}${i.path}`, 'INPUT-FORMAT', i.message, inputs));

/** The cell readers' problems as stored (they carry their own Indonesian message). */
export const fromReading = (problems: readonly RowProblem[]): ImportProblem[] =>
  problems.map((p) => ({ rule: p.rule, key: p.key, header: p.header, message: p.message, detail: p.detail }));

/** The values under `prefix` as the nested object an API body is: `case.decision.number` → decision.number. */
export function nested(values: Readonly<Record<string, unknown>>, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!key.startsWith(prefix)) continue;
    const path = key.slice(prefix.length).split('.');
    let at = out;
    for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[path.at(-1)!] = value;
  }
  return out;
}
