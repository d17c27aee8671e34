/**
 * The shape of an import's columns (issue 22, docs/adr/0026 "The column model"): what each column of a
 * kind's spreadsheet is called, whether it must be filled, how its cells are read and what passes. The
 * template (its header row and the sheet that documents each column), the header mapping and the row
 * reader are all derived from these lists, so a column is described once.
 *
 * A column's `key` is the path of the field it fills in the use case's input, prefixed by that input
 * (`client.nik` is createClientBody's `nik`, `case.decision.number` createCaseBody's `decision.number`),
 * or, for what no API body holds, the import's own (`paper.*`: the history done on paper; `*.partner`,
 * `placement.site.*`: names the job resolves to an id of this office). Keys are stable: a saved header
 * mapping stores them.
 */
import { WEEKDAY_NAMES } from '../indonesian-format';
import type { EnumChoice } from './cells';
import type { NumberOptions } from './cell-numbers';

/** The kinds of file an office imports: partners with their agreements, their sites, and cases. */
export const IMPORT_KINDS = ['partners', 'sites', 'cases'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Two languages of one text: Bahasa Indonesia first, English for the English mode. */
export interface Bilingual {
  readonly id: string;
  readonly en: string;
}

/** How a column's cells are read (the cell readers of ./cells.ts, ./cell-dates.ts, ./cell-numbers.ts). */
export type ColumnReader =
  | { readonly type: 'text'; readonly maxLength: number }
  /** Several texts in one cell, separated by `;` or line breaks (offence articles, activities). */
  | { readonly type: 'text-list'; readonly maxLength: number; readonly maxItems: number }
  | { readonly type: 'nik' }
  | { readonly type: 'phone' }
  | { readonly type: 'decision-number' }
  | { readonly type: 'date' }
  | { readonly type: 'date-list'; readonly maxItems: number }
  | { readonly type: 'time' }
  | { readonly type: 'number'; readonly options: NumberOptions }
  | { readonly type: 'choice'; readonly choices: readonly EnumChoice<string>[] }
  | { readonly type: 'choice-list'; readonly choices: readonly EnumChoice<string>[] }
  | { readonly type: 'yes-no' };

/** One column of a kind's file. */
export interface ImportColumn {
  readonly key: string;
  readonly header: Bilingual;
  readonly required: boolean;
  /** Required once any of these columns has a value on the row (a guardian's relation with their name). */
  readonly requiredWith?: readonly string[];
  readonly reader: ColumnReader;
  readonly description: Bilingual;
  /** A value, as typed into the cell, that the reader takes; the template's example row. */
  readonly example: string;
  /** The job looks the value up among the office's records (a partner, a site) instead of storing it. */
  readonly lookup?: true;
}

/** A value read from a row: text, a number, yes/no, a list (dates are `yyyy-mm-dd` text). */
export type ImportValue = string | number | boolean | readonly string[];

/**
 * A domain enum's values as choices, in the enum's order, with their labels. The values come from the
 * enum itself; `labels` is a Record over it, so a value added to the enum fails to compile until it is
 * labelled.
 */
export function choicesOf<T extends string>(
  values: readonly T[],
  labels: Readonly<Record<T, Bilingual & { readonly aliases?: readonly string[] }>>,
): readonly EnumChoice<T>[] {
  return values.map((value) => ({ value, ...labels[value] }));
}

/** Yes or no, as people type it: `Ya`/`Tidak`, `Yes`/`No`, `Y`/`T`, `1`/`0`, `TRUE`/`FALSE`. */
export const YES_NO: readonly EnumChoice<'yes' | 'no'>[] = [
  { value: 'yes', id: 'Ya', en: 'Yes', aliases: ['y', '1', 'true', 'benar'] },
  { value: 'no', id: 'Tidak', en: 'No', aliases: ['t', 'n', '0', 'false', 'salah'] },
];

const WEEKDAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** ISO weekdays `1` (Monday) … `7` (Sunday), by name (whole or three letters) or number. */
export const WEEKDAY_CHOICES: readonly EnumChoice<string>[] = WEEKDAY_NAMES.map((id, i) => ({
  value: String(i + 1),
  id,
  en: WEEKDAYS_EN[i]!,
  aliases: [id.slice(0, 3), WEEKDAYS_EN[i]!.slice(0, 3), ...(id === 'Jumat' ? ["Jum'at"] : [])],
}));

/** How the template formats a column's cells: as text wherever digits or leading zeros matter. */
export function cellFormatOf(reader: ColumnReader): 'text' | 'date' | 'number' | 'time' {
  switch (reader.type) {
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'number':
      return 'number';
    default:
      return 'text';
  }
}

const limit = (o: NumberOptions): Bilingual => {
  const id = [o.min === undefined ? '' : `min. ${o.min}`, o.max === undefined ? '' : `maks. ${o.max}`];
  const en = [o.min === undefined ? '' : `min. ${o.min}`, o.max === undefined ? '' : `max. ${o.max}`];
  const join = (parts: string[]) => parts.filter(Boolean).join(', ');
  return { id: join(id) && ` (${join(id)})`, en: join(en) && ` (${join(en)})` };
};

/** The format a column takes, for the template's documentation sheet. */
export function formatOf(reader: ColumnReader): Bilingual {
  switch (reader.type) {
    case 'text':
      return {
        id: `Teks, maks. ${reader.maxLength} karakter`,
        en: `Text, max. ${reader.maxLength} characters`,
      };
    case 'text-list':
      return {
        id: `Satu atau lebih teks dipisah titik koma (;), maks. ${reader.maxItems}`,
        en: `One or more texts separated by semicolons (;), max. ${reader.maxItems}`,
      };
    case 'nik':
      return { id: '16 angka, kolom berformat Teks', en: '16 digits, in a column formatted as Text' };
    case 'phone':
      return { id: 'Nomor telepon, kolom berformat Teks', en: 'Phone number, in a column formatted as Text' };
    case 'decision-number':
      return {
        id: 'Nomor putusan, mis. 231/Pid.B/2026/PN Mks',
        en: 'Decision number, e.g. 231/Pid.B/2026/PN Mks',
      };
    case 'date':
      return {
        id: 'Tanggal: dd/mm/yyyy, yyyy-mm-dd atau 12 Januari 2026',
        en: 'Date: dd/mm/yyyy, yyyy-mm-dd or 12 Januari 2026',
      };
    case 'date-list':
      return {
        id: `Satu atau lebih tanggal (dd/mm/yyyy) dipisah titik koma (;), maks. ${reader.maxItems}`,
        en: `One or more dates (dd/mm/yyyy) separated by semicolons (;), max. ${reader.maxItems}`,
      };
    case 'time':
      return { id: 'Jam, 24 jam: 14.30', en: 'Time, 24-hour clock: 14.30' };
    case 'number': {
      const { id, en } = limit(reader.options);
      return reader.options.whole
        ? { id: `Bilangan bulat${id}`, en: `Whole number${en}` }
        : { id: `Angka, desimal dengan koma${id}`, en: `Number, decimal comma allowed${en}` };
    }
    case 'choice':
      return { id: 'Salah satu nilai yang diizinkan', en: 'One of the allowed values' };
    case 'choice-list':
      return {
        id: 'Satu atau lebih nilai yang diizinkan dipisah titik koma (;)',
        en: 'One or more allowed values separated by semicolons (;)',
      };
    case 'yes-no':
      return { id: 'Ya atau Tidak', en: 'Yes or No' };
  }
}

/** The allowed values of a choice column, labelled in each language; empty for other columns. */
export function allowedValuesOf(reader: ColumnReader): readonly Bilingual[] {
  if (reader.type === 'choice' || reader.type === 'choice-list') {
    return reader.choices.map(({ id, en }) => ({ id, en }));
  }
  return reader.type === 'yes-no' ? YES_NO.map(({ id, en }) => ({ id, en })) : [];
}

/** A column in one call: `[id, en]` pairs for the header and the description. */
export const column = (
  key: string,
  header: readonly [string, string],
  reader: ColumnReader,
  description: readonly [string, string],
  example: string,
  more: { readonly required?: true; readonly requiredWith?: readonly string[]; readonly lookup?: true } = {},
): ImportColumn => ({
  key,
  header: { id: header[0], en: header[1] },
  required: more.required ?? false,
  ...(more.requiredWith ? { requiredWith: more.requiredWith } : {}),
  reader,
  description: { id: description[0], en: description[1] },
  example,
  ...(more.lookup ? { lookup: true as const } : {}),
});
