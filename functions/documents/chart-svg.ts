/**
 * A document's bar chart (domain/documents `ChartBlock`) as an SVG string: the one drawing both the PDF
 * (pdfmake's `svg` node, vector) and the spreadsheet (a PNG of it, render-xlsx.ts) use, so the two show
 * the same chart. It looks like the dashboard's (web/src/screens/home/StatusChart.svelte and
 * WeeksChart.svelte): a light track behind each bar, the bar in the dashboard's blue, the value beside
 * it; horizontal bars with their labels on the left, or columns with the value above and the label below.
 *
 * Pure string building: the same chart gives the same text (numbers are rounded to 0.01, nothing reads
 * the clock), which the PDF's byte-for-byte determinism rests on. Text is set in Roboto, the documents'
 * font; its widths are estimated from the font's average advance (there is no font file here), with
 * room to spare, so labels neither collide nor run off the drawing.
 */
import type { ChartBlock } from '../domain/documents';

export interface ChartDrawing {
  readonly svg: string;
  /** In points (PDF) or pixels (PNG at zoom 1). */
  readonly width: number;
  readonly height: number;
}

/** The dashboard's bar blue (#0f5c8c) first; further series in tones a grey photocopy still tells apart. */
export const SERIES_COLOURS = ['#0f5c8c', '#7fb0d0', '#c7792b', '#5a8f3c'] as const;
/** The dashboard's track behind each bar. */
const TRACK = '#eef1f4';
const INK = '#1f2933';
const MUTED_INK = '#4a5560';

const TITLE_SIZE = 9.5;
const LABEL_SIZE = 8;
const VALUE_SIZE = 8;
const NOTE_SIZE = 7.5;
/** Points between the title and the plot, and around the legend and the axis label. */
const GAP = 6;
/** Points between a bar's label and the bar. */
const LABEL_GAP = 6;

/** A number as SVG writes it: at most two decimals, no trailing zeros (`12.5`, `3`). */
const n = (value: number): string => String(Math.round(value * 100) / 100);

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Roboto's advance widths in ems, roughly: narrow letters and punctuation, wide ones, capitals, digits
 * (all 0.56), the rest. Rounded up, so an estimate is a little wider than the text drawn.
 */
function textWidth(text: string, size: number): number {
  let ems = 0;
  for (const char of text) {
    if (/[ ijlI.,:;'!|]/.test(char)) ems += 0.26;
    else if (/[frt()[\]\-/]/.test(char)) ems += 0.36;
    else if (/[mwMW]/.test(char)) ems += 0.9;
    else if (/[A-Z]/.test(char)) ems += 0.68;
    else if (/[0-9]/.test(char)) ems += 0.57;
    else ems += 0.56;
  }
  return ems * size;
}

/** The text cut to `width` with an ellipsis, for a label that would not fit (the tables carry it whole). */
function fitted(text: string, size: number, width: number): string {
  if (textWidth(text, size) <= width) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(`${cut}…`, size) > width) cut = cut.slice(0, -1).trimEnd();
  return `${cut}…`;
}

/** A label in one or two lines of at most `width` (split at the space nearest the middle). */
function lines(text: string, size: number, width: number): string[] {
  if (textWidth(text, size) <= width || !text.includes(' ')) return [fitted(text, size, width)];
  const spaces = [...text.matchAll(/ /g)].map((m) => m.index);
  const middle = text.length / 2;
  const at = spaces.reduce((best, i) => (Math.abs(i - middle) < Math.abs(best - middle) ? i : best));
  return [fitted(text.slice(0, at), size, width), fitted(text.slice(at + 1), size, width)];
}

interface TextOptions {
  readonly size: number;
  readonly anchor?: 'start' | 'middle' | 'end';
  readonly bold?: boolean;
  readonly colour?: string;
}

function text(x: number, y: number, content: string, options: TextOptions): string {
  const attributes = [
    `x="${n(x)}"`,
    `y="${n(y)}"`,
    `font-family="Roboto"`,
    `font-size="${n(options.size)}"`,
    ...(options.bold ? ['font-weight="bold"'] : []),
    ...(options.anchor && options.anchor !== 'start' ? [`text-anchor="${options.anchor}"`] : []),
    `fill="${options.colour ?? INK}"`,
  ];
  return `<text ${attributes.join(' ')}>${escapeXml(content)}</text>`;
}

const rect = (x: number, y: number, width: number, height: number, fill: string): string =>
  `<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(0, width))}" height="${n(Math.max(0, height))}" fill="${fill}"/>`;

const colourOf = (index: number): string => SERIES_COLOURS[index % SERIES_COLOURS.length] as string;

/** The largest value drawn, at least 1: an empty month draws empty tracks, never a division by zero. */
const scaleOf = (chart: ChartBlock): number =>
  Math.max(1, ...chart.series.flatMap((s) => s.values.filter((v) => Number.isFinite(v))));

/** How much of a bar's length a value fills (0 … 1; negative or missing values draw nothing). */
const share = (value: number | undefined, max: number): number =>
  value === undefined || !Number.isFinite(value) ? 0 : Math.min(1, Math.max(0, value / max));

/** The legend (only with more than one series) and the axis label, from `top`; returns their parts and height. */
function footer(chart: ChartBlock, left: number, top: number, width: number): [string[], number] {
  const parts: string[] = [];
  let y = top;
  if (chart.series.length > 1) {
    let x = left;
    y += GAP;
    for (const [i, series] of chart.series.entries()) {
      parts.push(rect(x, y, 8, 8, colourOf(i)), text(x + 11, y + 7, series.name, { size: NOTE_SIZE }));
      x += 11 + textWidth(series.name, NOTE_SIZE) + 14;
    }
    y += 8;
  }
  y += GAP + NOTE_SIZE;
  parts.push(
    text(left, y, fitted(chart.axisLabel, NOTE_SIZE, width - left), { size: NOTE_SIZE, colour: MUTED_INK }),
  );
  return [parts, y + 3 - top];
}

/** Bars from the left, a row per category: the dashboard's cases-by-status chart. */
function horizontal(chart: ChartBlock, width: number): ChartDrawing {
  const max = scaleOf(chart);
  const bar = chart.series.length > 1 ? 8 : 10;
  const row = bar * chart.series.length + 4;
  // Labels end LABEL_GAP before the bars, right-aligned; the column is as wide as the longest needs.
  const labelWidth = Math.min(
    width * 0.42,
    Math.max(40, ...chart.categories.map((c) => textWidth(c, LABEL_SIZE))) + LABEL_GAP + 2,
  );
  const valueWidth =
    Math.max(24, ...chart.series.flatMap((s) => s.labels.map((l) => textWidth(l, VALUE_SIZE)))) + 8;
  const plotLeft = labelWidth;
  const plotWidth = width - labelWidth - valueWidth;
  const top = TITLE_SIZE + GAP;
  const parts = [text(0, TITLE_SIZE, chart.title, { size: TITLE_SIZE, bold: true })];
  for (const [c, category] of chart.categories.entries()) {
    const y = top + c * row + 2;
    const middle = y + (bar * chart.series.length) / 2;
    parts.push(
      text(
        labelWidth - LABEL_GAP,
        middle + LABEL_SIZE * 0.35,
        fitted(category, LABEL_SIZE, labelWidth - LABEL_GAP),
        {
          size: LABEL_SIZE,
          anchor: 'end',
        },
      ),
    );
    for (const [s, series] of chart.series.entries()) {
      const barTop = y + s * bar;
      parts.push(
        rect(plotLeft, barTop + 1, plotWidth, bar - 2, TRACK),
        rect(plotLeft, barTop + 1, plotWidth * share(series.values[c], max), bar - 2, colourOf(s)),
        text(width, barTop + bar / 2 + VALUE_SIZE * 0.35, series.labels[c] ?? '', {
          size: VALUE_SIZE,
          anchor: 'end',
          bold: true,
        }),
      );
    }
  }
  const [notes, notesHeight] = footer(chart, plotLeft, top + chart.categories.length * row, width);
  return drawing(width, top + chart.categories.length * row + notesHeight, [...parts, ...notes]);
}

/** A column per category, the value above and the label below: the dashboard's hours-per-week chart. */
function vertical(chart: ChartBlock, width: number): ChartDrawing {
  const max = scaleOf(chart);
  const slot = width / Math.max(1, chart.categories.length);
  const columnWidth = Math.min(48, slot * 0.7) / chart.series.length;
  // The dashboard's column height (WeeksChart.svelte: 80).
  const plotHeight = 80;
  const top = TITLE_SIZE + GAP + VALUE_SIZE + 4;
  const labelLines = chart.categories.map((c) => lines(c, LABEL_SIZE, slot - 4));
  const labelHeight = Math.max(1, ...labelLines.map((l) => l.length)) * (LABEL_SIZE + 2);
  const parts = [text(0, TITLE_SIZE, chart.title, { size: TITLE_SIZE, bold: true })];
  for (const [c, label] of labelLines.entries()) {
    const centre = slot * c + slot / 2;
    const left = centre - (columnWidth * chart.series.length) / 2;
    for (const [s, series] of chart.series.entries()) {
      const x = left + s * columnWidth;
      const height = plotHeight * share(series.values[c], max);
      parts.push(
        rect(x + 0.5, top, columnWidth - 1, plotHeight, TRACK),
        rect(x + 0.5, top + plotHeight - height, columnWidth - 1, height, colourOf(s)),
        text(x + columnWidth / 2, top - 4, series.labels[c] ?? '', {
          size: chart.series.length > 1 ? NOTE_SIZE : VALUE_SIZE,
          anchor: 'middle',
          bold: true,
        }),
      );
    }
    for (const [i, line] of label.entries()) {
      parts.push(
        text(centre, top + plotHeight + 4 + (i + 1) * (LABEL_SIZE + 1), line, {
          size: LABEL_SIZE,
          anchor: 'middle',
          colour: MUTED_INK,
        }),
      );
    }
  }
  const below = top + plotHeight + 4 + labelHeight;
  const [notes, notesHeight] = footer(chart, 0, below, width);
  return drawing(width, below + notesHeight, [...parts, ...notes]);
}

function drawing(width: number, height: number, parts: readonly string[]): ChartDrawing {
  const [w, h] = [Math.round(width * 100) / 100, Math.ceil(height)];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${n(w)}" height="${h}" viewBox="0 0 ${n(w)} ${h}">${parts.join('')}</svg>`;
  return { svg, width: w, height: h };
}

/**
 * The chart drawn `width` wide; its height follows from the number of categories and series.
 *
 * @example const { svg, height } = chartSvg(block, 481)
 */
export function chartSvg(chart: ChartBlock, width: number): ChartDrawing {
  for (const series of chart.series) {
    if (
      series.values.length !== chart.categories.length ||
      series.labels.length !== chart.categories.length
    ) {
      throw new RangeError(`chart "${chart.title}": series "${series.name}" has not one value per category`);
    }
  }
  return chart.orientation === 'horizontal' ? horizontal(chart, width) : vertical(chart, width);
}
