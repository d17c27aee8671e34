import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompletionRecord, type OfficialDocument } from '../../../functions/domain/documents';
import { contentFingerprint, sha256Hex, shortFingerprint } from '../../../functions/documents/fingerprint';
import { renderPdf, type RenderedDocument } from '../../../functions/documents/render-pdf';
import { completionInput } from './completion-fixture';
import { OUT_DIR, poppler } from './poppler';

/**
 * Renders the 40-session completion record for real and reads it back with Debian's poppler-utils, as
 * a person would see it: the text of its pages, their number, and page 1 as a PNG in
 * test-results/documents/ (for the README and for a look by eye). Missing poppler fails, never skips.
 */

function documentOf(input = completionInput()): OfficialDocument {
  const result = buildCompletionRecord(input);
  if (!result.ok) throw new Error(JSON.stringify(result.violations));
  return result.value;
}

let dir: string;
let rendered: RenderedDocument;
let pdfPath: string;
/** The layout text, line by line, with no-break spaces and runs of spaces made one space. */
let text: string;
let renderMs: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'abdi-documents-'));
  const started = performance.now();
  rendered = await renderPdf(documentOf());
  renderMs = performance.now() - started;
  pdfPath = join(dir, 'completion-record.pdf');
  writeFileSync(pdfPath, rendered.bytes);
  text = poppler('pdftotext', ['-layout', pdfPath, '-'])
    .replace(/\u00a0/g, ' ')
    .split('\n')
    // Spaces only: trim() would also take the form feeds that separate the pages.
    .map((line) => line.replace(/ {2,}/g, ' ').replace(/^ | $/g, ''))
    .join('\n');
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the completion record as a PDF (issue 14)', () => {
  it('carries the key fields, written the Indonesian way', () => {
    for (const expected of [
      'BALAI PEMASYARAKATAN KELAS II PALOPO',
      'KANTOR WILAYAH DIREKTORAT JENDERAL PEMASYARAKATAN SULAWESI SELATAN',
      'BERITA ACARA PENYELESAIAN',
      'Nomor: W23.PAS.PAS3-PK.01.05-123',
      'Muhammad Rizal Saputra',
      '231/Pid.B/2026/PN Plp',
      'Jam menurut putusan : 130 jam',
      'Jam yang diakui : 130 jam',
      '1 Juni 2026 s.d. 27 November 2026',
      '3 Juni 2026 s.d. 4 September 2026',
      '1. Masjid Al-Ikhlas Bara, Kel. Balandai, Kec. Bara',
      '2. Kantor Kelurahan Rampoang, Kel. Rampoang',
      'Drs. Abdul Rahman Lateko, M.Si.',
      'NIP. 19850312 201001 2 015',
      'Nurhayati Syam, S.Sos.',
      'Palopo, 7 September 2026',
      'Halaman 1 dari',
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it('lists all 40 sessions with credited hours in decimal commas, the header row on every page', () => {
    const rows = text.split('\n').filter((line) => /^\d+ \d+ [A-Z][a-z]+ 2026 /.test(line));
    expect(rows).toHaveLength(40);
    expect(rows[0]).toMatch(/^1 3 Juni 2026 08\.00-11\.30 Masjid Al-Ikhlas Bara Hadir 3,5$/);
    expect(rows.at(-1)).toMatch(/^40 4 September 2026 /);
    const pagesWithTable = text.split('\f').filter((page) => /^\d+ \d+ [A-Z][a-z]+ 2026 /m.test(page));
    expect(pagesWithTable.length).toBeGreaterThan(1);
    for (const page of pagesWithTable) expect(page).toMatch(/No\. Tanggal Waktu Lokasi Kehadiran Jam diakui/);
  });

  it('runs over several pages, each numbered "Halaman n dari N"', () => {
    const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [pdfPath]))?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(rendered.pages).toBe(pages);
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Halaman ${page} dari ${pages}`);
  });

  it('prints the content fingerprint beside the QR code, and keeps the client out of the file properties', () => {
    expect(rendered.contentSha256).toBe(contentFingerprint(documentOf()));
    expect(text).toContain(`Sidik dokumen (SHA-256): ${shortFingerprint(rendered.contentSha256)}`);
    expect(text).toContain('https://abdi.example.go.id/v/01JFX7Q0Z8K3M4N5P6R7S8T9VW');
    const info = poppler('pdfinfo', ['-isodates', pdfPath]);
    expect(info).toMatch(/Title:\s+Berita Acara Penyelesaian W23\.PAS\.PAS3-PK\.01\.05-123/);
    expect(info).toMatch(/CreationDate:\s+2026-09-07T00:00:00/);
    expect(info).toMatch(/Page size:\s+595\.2\d x 841\.8\d pts \(A4\)/);
    expect(info).not.toContain('Rizal');
  });

  it('renders the same bytes from the same content, and other bytes from other content', async () => {
    const again = await renderPdf(documentOf());
    expect(sha256Hex(again.bytes)).toBe(sha256Hex(rendered.bytes));
    expect(Buffer.compare(again.bytes, rendered.bytes)).toBe(0);
    const other = await renderPdf(documentOf(completionInput({ number: 'W23.PAS.PAS3-PK.01.05-124' })));
    expect(sha256Hex(other.bytes)).not.toBe(sha256Hex(rendered.bytes));
    expect(other.contentSha256).not.toBe(rendered.contentSha256);
  }, 30_000);

  it('renders a 40-session record in well under the time a request may take', () => {
    // The figure for bench/results.json comes from the bench; this only catches a pathological layout.
    expect(renderMs).toBeLessThan(10_000);
  });

  it('writes page 1 as a PNG for the README (A4 at 60 dpi)', () => {
    mkdirSync(OUT_DIR, { recursive: true });
    const prefix = join(OUT_DIR, 'completion-record');
    poppler('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, prefix]);
    const png = readFileSync(`${prefix}.png`);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // A4 is 595.28 × 841.89 pt: 497 × 702 pixels at 60 dpi (poppler rounds the width up).
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([497, 702]);
  });
});
