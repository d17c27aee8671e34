/**
 * Text bound for a spreadsheet cell. A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or
 * a tab or carriage return) as a formula: CSV or formula injection, when the text came from a person
 * (a site's name, a reason typed in the field). Such text gets a leading apostrophe, as OWASP recommends,
 * and a spreadsheet shows it as the text it is. Numbers are written as numbers, never through this.
 *
 * The dashboard's CSV export (web/src/lib/export.ts) applies the same rule; this is its pure home on the
 * server side, importable from both.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** `=HYPERLINK(…)` → `'=HYPERLINK(…)`; any other text as it is. */
export const inertText = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);
