/**
 * The document renderer port (actions/ports.ts DocumentRenderer) over pdfmake (PDF) and exceljs with
 * resvg (XLSX): what the documents function gives its use cases. Each loads on its first use, not at
 * cold start.
 */
import type { DocumentRenderer } from '../actions/ports';
import { contentFingerprint } from './fingerprint';

/**
 * pdfmake's version and the fonts': a stored document's record keeps it, because only the same
 * renderer turns a model into the same bytes (ADR 0015). Raise it with either.
 */
export const RENDERER_VERSION = 'pdfmake-0.3.11+roboto-3';

export function pdfRenderer(options: { fontDir?: string; wasmFile?: string } = {}): DocumentRenderer {
  return {
    version: RENDERER_VERSION,
    fingerprint: contentFingerprint,
    async render(model, renderOptions = {}) {
      const { renderPdf } = await import('./render-pdf');
      const rendered = await renderPdf(model, { ...options, ...renderOptions });
      return { bytes: rendered.bytes, pages: rendered.pages };
    },
    async spreadsheet(model) {
      const { renderXlsx } = await import('./render-xlsx');
      return renderXlsx(model, options);
    },
    async importTemplate(kind, locale) {
      const { importTemplate } = await import('./import-template');
      return importTemplate(kind, locale);
    },
  };
}
