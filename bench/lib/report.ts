/** One line of the summary table: a measure of the subject, its reference and their ratio. */
export interface Row {
  readonly benchmark: string;
  readonly measure: string;
  readonly subject: string | number;
  readonly reference: string | number;
  readonly ratio: number | string;
}

/** A plain-text table with aligned columns (numbers right-aligned). */
export function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [headers, ...rows].map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: readonly string[], raw: readonly (string | number)[] | undefined) =>
    row
      .map((cell, i) => (typeof raw?.[i] === 'number' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const [head, ...body] = cells;
  return [
    line(head!, undefined),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map((r, i) => line(r, rows[i])),
  ].join('\n');
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
