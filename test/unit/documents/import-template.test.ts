import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importTemplate } from '../../../functions/documents/import-template';
import { IMPORT_COLUMNS, IMPORT_KINDS, mapHeaders, readRow } from '../../../functions/domain/imports';

async function open(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

const texts = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1).map((v) => String(v ?? ''));

describe('the import templates, generated from the column model', () => {
  for (const kind of IMPORT_KINDS) {
    it(`${kind}: headers the import maps back, Text cells where digits matter, and a guide whose examples pass`, async () => {
      const columns = IMPORT_COLUMNS[kind];
      const workbook = await open(await importTemplate(kind, 'id'));
      const [data, guide] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
      expect(data.name).toBe('Data');
      expect(guide.name).toBe('Petunjuk');

      // The header row is what a person sees, and the import's own mapping reads it back whole.
      const headers = texts(data.getRow(1));
      expect(headers).toHaveLength(columns.length);
      const mapped = mapHeaders(kind, headers);
      expect(mapped.problems).toEqual([]);
      expect(mapped.keys).toEqual(columns.map((c) => c.key));

      // Where digits matter the cells are Text, so Excel keeps a NIK's 16th digit and a phone's 0.
      columns.forEach((column, index) => {
        const numFmt = data.getCell(2, index + 1).numFmt;
        if (['nik', 'phone', 'decision-number', 'text'].includes(column.reader.type))
          expect(numFmt).toBe('@');
        if (column.reader.type === 'date') expect(numFmt).toBe('dd/mm/yyyy');
      });
      expect(data.getCell(2000, 1).numFmt).toBe(data.getCell(2, 1).numFmt);

      // One guide row per column, and its examples, typed as a row, read without an error.
      expect(guide.rowCount).toBe(columns.length + 1);
      const examples = columns.map((_, index) => String(guide.getCell(index + 2, 5).value ?? ''));
      expect(examples).toEqual(columns.map((c) => c.example));
      const keys = columns.map((c) => c.key);
      const reading = readRow(kind, keys, examples, 2, { today: '2026-12-07' });
      expect(reading.errors).toEqual([]);
    });
  }

  it('speaks English in the English mode, and marks required columns the same way', async () => {
    const workbook = await open(await importTemplate('cases', 'en'));
    const [data, guide] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(guide.name).toBe('Guide');
    const nik = IMPORT_COLUMNS.cases.find((c) => c.reader.type === 'nik')!;
    expect(texts(data.getRow(1))).toContain(nik.required ? `${nik.header.en} *` : nik.header.en);
    expect(texts(guide.getRow(1))).toEqual([
      'Column',
      'Required',
      'Format',
      'Allowed values',
      'Example',
      'What it is',
    ]);
  });
});
