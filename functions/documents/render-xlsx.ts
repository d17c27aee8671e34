/**
 * An official document (domain/documents) as an XLSX workbook, for the reports whose figures an office
 * or a Kanwil works on further (the office monthly report, the regional roll-up; issue 14). The same
 * model as the PDF, so the two say the same thing:
 *
 * - a first sheet, `Ringkasan`: the title, subtitle (the period), number and date, every `fields` row
 *   (under its heading), and each chart as a PNG with its figures under it;
 * - then a sheet per `table` block, named after the heading above it: typed cells (an Indonesian number
 *   such as `1.234,5` is written as the number 1234.5), the header row bold, frozen and filtered, the
 *   columns as wide as their content.
 *
 * exceljs writes no native Excel charts (it can read and keep them, not make them), so a chart is the
 * picture the PDF draws: the SVG of chart-svg.ts rasterised by resvg (WebAssembly, no native binary),
 * with the document's Roboto loaded from files, never the system's fonts and never the network. Its
 * figures are in cells under it, to chart again in a spreadsheet if wanted.
 *
 * Text that a spreadsheet would run as a formula is made inert (domain/spreadsheet-cells.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import ExcelJS from 'exceljs';
import { longDate } from '../domain/indonesian-format';
import { inertText } from '../domain/spreadsheet-cells';
import type { ChartBlock, DocumentBlock, OfficialDocument } from '../domain/documents';
import { chartSvg } from './chart-svg';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface XlsxOptions {
  /**
   * The folder holding Roboto-Regular.ttf and Roboto-Medium.ttf (the charts' text). Defaults to
   * pdfmake's own `fonts/Roboto`, as renderPdf does; a bundled function passes the folder its build
   * copied them to.
   */
  readonly fontDir?: string;
  /**
   * resvg's `index_bg.wasm`. Defaults to the one in node_modules; a bundled function passes the copy
   * next to its bundle. Read once per process: the module is initialised only once.
   */
  readonly wasmFile?: string;
}

const requireHere = createRequire(import.meta.url);
const defaultFontDir = () => join(dirname(requireHere.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const defaultWasmFile = () => requireHere.resolve('@resvg/resvg-wasm/index_bg.wasm');

/** The charts' width in the drawing's units, and how many pixels a unit becomes in the PNG. */
const CHART_WIDTH = 480;
const CHART_ZOOM = 2;
/** The PNG's size on the sheet, in pixels (exceljs's unit): the drawing at 4/3, as points to pixels. */
const SHOWN_WIDTH = 640;
/** A sheet's default row height in pixels (15 points). */
const ROW_PIXELS = 20;

let wasmReady: Promise<void> | undefined;

/** resvg's WebAssembly, compiled from the bytes on disk (initWasm takes a BufferSource in Node). */
function resvgReady(wasmFile: string): Promise<void> {
  wasmReady ??= initWasm(readFileSync(wasmFile)).catch((error: unknown) => {
    wasmReady = undefined;
    throw error;
  });
  return wasmReady;
}

/** A chart as PNG bytes, its text in the Roboto files given and nothing else. */
export async function chartPng(
  chart: ChartBlock,
  options: XlsxOptions = {},
): Promise<{ png: Buffer; width: number; height: number }> {
  await resvgReady(resolve(options.wasmFile ?? defaultWasmFile()));
  const fontDir = resolve(options.fontDir ?? defaultFontDir());
  const drawing = chartSvg(chart, CHART_WIDTH);
  const resvg = new Resvg(drawing.svg, {
    fitTo: { mode: 'zoom', value: CHART_ZOOM },
    background: '#ffffff',
    font: {
      fontBuffers: ['Roboto-Regular.ttf', 'Roboto-Medium.ttf'].map((file) =>
        readFileSync(join(fontDir, file)),
      ),
      defaultFontFamily: 'Roboto',
      sansSerifFamily: 'Roboto',
    },
  });
  try {
    const image = resvg.render();
    try {
      return { png: Buffer.from(image.asPng()), width: drawing.width, height: drawing.height };
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}

/**
 * An Indonesian number as written by indonesian-format.ts (`1.234,5`, `12`, `0,25`) → 1234.5, 12, 0.25;
 * anything else (a date, a code with leading zeros, `58,1%`) stays text.
 */
export function numberOf(text: string): number | undefined {
  if (!/^-?(0|[1-9]\d{0,2}(\.\d{3})*)(,\d+)?$/.test(text)) return undefined;
  return Number(text.replace(/\./g, '').replace(',', '.'));
}

/** At most 31 characters, cut after a whole word where there is one. */
function shortened(name: string): string {
  if (name.length <= 31) return name;
  const cut = name.slice(0, 31);
  const space = cut.lastIndexOf(' ');
  return space > 10 ? cut.slice(0, space) : cut;
}

/** Excel refuses sheet names over 31 characters or with `[]:*?/\`, and two sheets of one name. */
function sheetNamer(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    const base = shortened(name.replace(/[[\]:*?/\\]/g, ' ').trim()) || 'Tabel';
    let candidate = base;
    for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 26)} (${i})`;
    used.add(candidate.toLowerCase());
    return candidate;
  };
}

/** A text cell's value: inert if a spreadsheet would take it for a formula. */
const textCell = inertText;

/** The first sheet: what the document is, its fields, its charts with their figures. */
async function summarySheet(
  workbook: ExcelJS.Workbook,
  document: OfficialDocument,
  name: string,
  options: XlsxOptions,
): Promise<void> {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = [{ width: 38 }, { width: 60 }, { width: 14 }, { width: 14 }];
  sheet.addRow([textCell(document.title)]).font = { bold: true, size: 14 };
  if (document.subtitle) sheet.addRow([textCell(document.subtitle)]).font = { bold: true };
  sheet.addRow([]);
  if (document.number) sheet.addRow(['Nomor', textCell(document.number)]);
  sheet.addRow(['Tanggal', longDate(document.issuedOn)]);
  sheet.addRow(['Dibuat oleh', textCell(document.metadata.author)]);

  let heading: string | undefined;
  for (const block of document.blocks) {
    if (block.type === 'heading') heading = block.text;
    if (block.type !== 'fields') continue;
    sheet.addRow([]);
    if (heading) {
      sheet.addRow([textCell(heading)]).font = { bold: true };
      heading = undefined;
    }
    for (const row of block.rows) {
      const added = sheet.addRow([textCell(row.label), textCell(row.value)]);
      added.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    }
  }

  for (const chart of document.blocks.filter((b): b is ChartBlock => b.type === 'chart')) {
    sheet.addRow([]);
    sheet.addRow([textCell(chart.title)]).font = { bold: true };
    const { png, width, height } = await chartPng(chart, options);
    const shownHeight = Math.round((SHOWN_WIDTH * height) / width);
    const image = workbook.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
    // exceljs counts anchor rows from 0: the row after the title.
    sheet.addImage(image, {
      tl: { col: 0, row: sheet.rowCount },
      ext: { width: SHOWN_WIDTH, height: shownHeight },
    });
    for (let i = 0; i < Math.ceil(shownHeight / ROW_PIXELS) + 1; i++) sheet.addRow([]);
    const header = sheet.addRow([
      'Kategori',
      ...chart.series.map((s) => textCell(chart.series.length > 1 ? s.name : chart.axisLabel)),
    ]);
    header.font = { bold: true };
    for (const [c, category] of chart.categories.entries()) {
      sheet.addRow([textCell(category), ...chart.series.map((s) => s.values[c] ?? null)]);
    }
  }
}

type TableBlock = Extract<DocumentBlock, { type: 'table' }>;

/** A table as a sheet: typed cells, a bold frozen header with filters, columns as wide as their content. */
function tableSheet(workbook: ExcelJS.Workbook, table: TableBlock, name: string): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const cells = table.rows.map((row) => row.map((text) => numberOf(text) ?? textCell(text)));
  sheet.columns = table.columns.map((column, i) => {
    const values = cells.map((row) => row[i]);
    const numbers = values.filter((v): v is number => typeof v === 'number');
    const longest = Math.max(
      ...column.title.split(' ').map((word) => word.length + 2),
      ...values.map((v) => String(v ?? '').length + 2),
    );
    return {
      header: textCell(column.title),
      width: Math.min(50, Math.max(6, longest)),
      // Hours carry a fraction (`3,5`); counts do not.
      style: numbers.some((v) => !Number.isInteger(v)) ? { numFmt: '#,##0.0#' } : {},
    };
  });
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const row of cells) sheet.addRow(row);
  if (table.columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  }
}

/**
 * The workbook of a document.
 *
 * @example const bytes = await renderXlsx(buildOfficeMonthlyReport(input))
 */
export async function renderXlsx(document: OfficialDocument, options: XlsxOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const issued = new Date(`${document.issuedOn}T00:00:00Z`);
  workbook.creator = 'Abdi';
  workbook.title = document.metadata.title;
  workbook.subject = document.metadata.subject;
  workbook.company = document.metadata.author;
  // The issue date, as the PDF's: nothing in the file reads the clock.
  workbook.created = issued;
  workbook.modified = issued;
  const sheetName = sheetNamer();
  await summarySheet(workbook, document, sheetName('Ringkasan'), options);

  let heading: string | undefined;
  let tables = 0;
  for (const block of document.blocks) {
    if (block.type === 'heading') heading = block.text;
    if (block.type !== 'table') continue;
    tables += 1;
    tableSheet(workbook, block, sheetName(heading ?? `Tabel ${tables}`));
    heading = undefined;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
