/**
 * Text bound for a spreadsheet cell. A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or
 * a tab or carriage return) as a formula: CSV or formula injection, when the text came from a person
 * (a site's name, a reason typed in the field). Such text gets a leading apostrophe, as OWASP recommends,
 * and a spreadsheet shows it as the text it is. Numbers are written as numbers, never through this.
 *
 * The dashboard's CSV export (web/src/lib/export.ts), the XLSX renderer and the import use it; its pure home,
 * importable from the server and the dashboard alike.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** `=HYPERLINK(…)` → `'=HYPERLINK(…)`; any other text as it is. */
export const inertText = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);
