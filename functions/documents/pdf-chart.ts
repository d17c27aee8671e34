/**
 * A document's bar chart in the PDF: the SVG of chart-svg.ts as pdfmake's `svg` node, as wide as the
 * text (at most MAX_CHART_WIDTH). pdfmake draws SVG text with the document's fonts (its font callback
 * maps `Roboto` to the files render-pdf.ts registers), so the chart's words are real, searchable text.
 */
import type { Content } from 'pdfmake/interfaces';
import type { ChartBlock } from '../domain/documents';
import { chartSvg } from './chart-svg';

/** On a landscape page a chart keeps to about a portrait page's width: longer bars say no more. */
const MAX_CHART_WIDTH = 560;

export function chartOf(block: ChartBlock, contentWidth: number): Content {
  const width = Math.min(contentWidth, MAX_CHART_WIDTH);
  const { svg, height } = chartSvg(block, width);
  return { svg, width, height, font: 'Roboto', margin: [0, 4, 0, 14] } as Content;
}
