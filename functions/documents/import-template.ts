/**
 * The spreadsheet an office fills to bring its caseload in (issue 22): one per import kind, generated
 * from the column model (domain/imports/columns*.ts), never written by hand, so the template, the header
 * mapping and the row reader cannot drift apart.
 *
 * - The first sheet is the data: the header row (a required column's header ends in `*`, which the
 *   header mapping ignores), frozen, with every column's cells formatted as the reader expects. Columns
 *   where digits matter (NIK, phone, decision number, any text) are Text, so Excel keeps a NIK's 16th
 *   digit and a phone's leading 0; dates show day first.
 * - The second sheet documents each column: header, required or not, format, allowed values, an
 *   example that passes the dry run, and what it is for.
 *
 * In Bahasa Indonesia, or in English for the English mode. Nothing a person typed goes in, so no text
 * needs making inert here.
 */
import ExcelJS from 'exceljs';
import {
  IMPORT_COLUMNS,
  allowedValuesOf,
  cellFormatOf,
  formatOf,
  type ImportColumn,
  type ImportKind,
} from '../domain/imports';

export type TemplateLocale = 'id' | 'en';

/** Rows formatted ahead of the person's typing: a Bapas's caseload, with room. */
const FORMATTED_ROWS = 2000;

const NUMBER_FORMATS = { text: '@', date: 'dd/mm/yyyy', time: 'hh:mm', number: 'General' } as const;

const SHEETS = {
  id: { data: 'Data', guide: 'Petunjuk' },
  en: { data: 'Data', guide: 'Guide' },
} as const;

const GUIDE_HEADERS = {
  id: ['Kolom', 'Wajib', 'Format', 'Nilai yang diizinkan', 'Contoh', 'Keterangan'],
  en: ['Column', 'Required', 'Format', 'Allowed values', 'Example', 'What it is'],
} as const;

const YES_NO = { id: ['Ya', 'Tidak'], en: ['Yes', 'No'] } as const;

/** The header a person sees: required columns marked with `*`. */
export const templateHeader = (column: ImportColumn, locale: TemplateLocale): string =>
  column.required ? `${column.header[locale]} *` : column.header[locale];

export async function importTemplate(kind: ImportKind, locale: TemplateLocale): Promise<Buffer> {
  const columns = IMPORT_COLUMNS[kind];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Abdi';

  const data = workbook.addWorksheet(SHEETS[locale].data, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = columns.map((column) => ({
    header: templateHeader(column, locale),
    key: column.key,
    width: Math.max(14, Math.min(40, templateHeader(column, locale).length + 4)),
    style: { numFmt: NUMBER_FORMATS[cellFormatOf(column.reader)] },
  }));
  data.getRow(1).font = { bold: true };
  // A column's style reaches only cells that exist: the rows people will type into are made to.
  columns.forEach((column, index) => {
    const numFmt = NUMBER_FORMATS[cellFormatOf(column.reader)];
    for (let row = 2; row <= FORMATTED_ROWS; row++) data.getCell(row, index + 1).numFmt = numFmt;
  });

  const guide = workbook.addWorksheet(SHEETS[locale].guide, { views: [{ state: 'frozen', ySplit: 1 }] });
  guide.columns = GUIDE_HEADERS[locale].map((header, i) => ({
    header,
    width: [28, 10, 28, 40, 24, 60][i],
    // The example is shown exactly as typed: a NIK example must not turn into a number here either.
    style: { numFmt: '@', alignment: { wrapText: true, vertical: 'top' } },
  }));
  guide.getRow(1).font = { bold: true };
  for (const column of columns) {
    guide.addRow([
      templateHeader(column, locale),
      column.required ? YES_NO[locale][0] : YES_NO[locale][1],
      formatOf(column.reader)[locale],
      allowedValuesOf(column.reader)
        .map((value) => value[locale])
        .join('; '),
      column.example,
      column.description[locale],
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
