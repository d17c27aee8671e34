/**
 * A whole file read into rows (issue 22): its header mapped to the kind's columns, every data row read
 * by ./read-row.ts, then the checks that need the whole file: a NIK column rounded by Excel, a date
 * column written month first, and a natural key repeated on a later row. Pure; the job runs it on every
 * pass over the file, so the same file always reads the same.
 */
import type { CellValue, RowError } from './cells';
import { dateColumnDoubts, nikColumnDoubts } from './column-checks';
import type { ImportKind } from './column-model';
import { IMPORT_COLUMNS } from './columns';
import { caseKey, duplicatesWithin, keyString, partnerKey, siteKey, type NaturalKey } from './natural-keys';
import {
  mapHeaders,
  readRow,
  type HeaderMapping,
  type ReadContext,
  type RowProblem,
  type RowReading,
} from './read-row';

export interface SheetRows {
  readonly header: readonly CellValue[];
  readonly rows: readonly { readonly row: number; readonly cells: readonly CellValue[] }[];
}

export interface SheetReading {
  readonly mapping: HeaderMapping;
  /** The data rows that are not blank, in file order. */
  readonly readings: readonly RowReading[];
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * A row's natural key. A case is its client's (NIK) court order (court + decision or penetapan
 * number): co-defendants share a decision number, so the number alone names several cases.
 */
export function rowNaturalKey(
  kind: ImportKind,
  values: Readonly<Record<string, unknown>>,
): NaturalKey | undefined {
  if (kind === 'partners') {
    const number = text(values['partner.agreement.number']);
    return number ? partnerKey(number) : undefined;
  }
  if (kind === 'sites') {
    const partner = text(values['site.partner']);
    const name = text(values['site.name']);
    return partner && name ? siteKey(partner, name) : undefined;
  }
  const nik = text(values['client.nik']);
  const court = text(values['case.decision.court']);
  const number = text(values['case.decision.number']) ?? text(values['case.diversion.penetapanNumber']);
  if (!nik || !court || !number) return undefined;
  return { kind: 'case', value: `${keyString(caseKey(court, number))}\u001f${nik}` };
}

const KEY_COLUMN: Readonly<Record<ImportKind, string>> = {
  partners: 'partner.agreement.number',
  sites: 'site.name',
  cases: 'case.decision.number',
};

export function readSheet(
  kind: ImportKind,
  sheet: SheetRows,
  savedMapping: Readonly<Record<string, string>>,
  context: ReadContext,
): SheetReading {
  const mapping = mapHeaders(kind, sheet.header, savedMapping);
  if (mapping.problems.length > 0) return { mapping, readings: [] };
  const readings = sheet.rows
    .map(({ row, cells }) => readRow(kind, mapping.keys, cells, row, context))
    .filter((reading) => !reading.blank);

  const extra = new Map<number, RowError[]>();
  const add = (errors: readonly RowError[]) => {
    for (const e of errors) extra.set(e.row, [...(extra.get(e.row) ?? []), e]);
  };
  const columns = IMPORT_COLUMNS[kind];
  const cellsOf = (key: string) => {
    const index = mapping.keys.indexOf(key);
    return index < 0 ? [] : sheet.rows.map(({ row, cells }) => ({ row, value: cells[index] }));
  };
  for (const column of columns.filter((c) => c.reader.type === 'date' || c.reader.type === 'date-list')) {
    add(dateColumnDoubts(cellsOf(column.key), column.header.id));
  }
  const nik = columns.find((c) => c.reader.type === 'nik');
  if (nik) {
    const niks = readings.flatMap((r) =>
      typeof r.values[nik.key] === 'string' ? [{ row: r.row, nik: r.values[nik.key] as string }] : [],
    );
    add(nikColumnDoubts(niks, nik.header.id));
  }
  const keyColumn = columns.find((c) => c.key === KEY_COLUMN[kind])!;
  add(
    duplicatesWithin(
      readings.map((r) => ({ row: r.row, key: rowNaturalKey(kind, r.values) })),
      keyColumn.header.id,
    ),
  );

  return {
    mapping,
    readings: readings.map((reading) => {
      const more = extra.get(reading.row);
      if (!more) return reading;
      const errors: RowProblem[] = more.map((e) => {
        const column = columns.find((c) => c.header.id === e.column) ?? keyColumn;
        return { ...e, key: column.key, header: column.header };
      });
      return { ...reading, errors: [...reading.errors, ...errors] };
    }),
  };
}
