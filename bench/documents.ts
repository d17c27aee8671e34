import { buildCompletionRecord, type OfficialDocument } from '../functions/domain/documents';
import { renderPdf } from '../functions/documents/render-pdf';
import { completionInput } from '../test/unit/documents/completion-fixture';
import { median, ratio, round } from './lib/stats';

export interface DocumentsOptions {
  /** Timed renders of each document, after one warm-up render. */
  readonly runs: number;
}

/**
 * (i) Official documents (issue 14): the time to build and render a 40-session completion record (three
 * A4 pages, the sessions table, signatures, the QR code), against a reference in the same run: the same
 * letterhead, title, number and QR code with one paragraph, so the ratio shows what the record's own
 * content costs on top of what every document pays.
 */
export async function benchDocuments(options: DocumentsOptions) {
  const input = completionInput();
  const record = buildCompletionRecord(input);
  if (!record.ok) throw new Error('the bench record does not build');
  const letter: OfficialDocument = {
    ...record.value,
    blocks: [{ type: 'paragraph', text: 'Demikian untuk diketahui.' }],
  };
  const time = async (run: () => Promise<unknown>) => {
    await run();
    const samples: number[] = [];
    for (let i = 0; i < options.runs; i += 1) {
      const start = performance.now();
      await run();
      samples.push(performance.now() - start);
    }
    return median(samples);
  };
  const recordMs = await time(async () => {
    const built = buildCompletionRecord(input);
    if (built.ok) await renderPdf(built.value);
  });
  const letterMs = await time(() => renderPdf(letter));
  const rendered = await renderPdf(record.value);
  return {
    sessions: input.sessions.length,
    bytes: rendered.bytes.length,
    completionRecordMs: round(recordMs),
    oneParagraphLetterMs: round(letterMs),
    ratio: ratio(recordMs, letterMs),
  };
}
