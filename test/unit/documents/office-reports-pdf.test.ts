import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildOfficeMonthlyReport,
  buildRegionalRollup,
  type OfficialDocument,
} from '../../../functions/domain/documents';
import { sha256Hex, shortFingerprint } from '../../../functions/documents/fingerprint';
import { renderPdf, type RenderedDocument } from '../../../functions/documents/render-pdf';
import { monthlyInput, rollupInput } from './office-report-fixture';
import { OUT_DIR, poppler } from './poppler';

/**
 * Renders the office monthly report and the Kanwil's regional roll-up for real and reads them back with
 * poppler-utils, as the other documents' tests do: the key figures and labels (the charts' words are
 * text in the PDF too), the roll-up's missing number and QR code, byte-identical re-renders of a report
 * with charts, and page 1 of each as a PNG in test-results/documents/.
 */

interface Rendered {
  readonly document: OfficialDocument;
  readonly rendered: RenderedDocument;
  readonly path: string;
  /** Layout text, no-break spaces and runs of spaces made one space (form feeds kept). */
  readonly text: string;
}

let dir: string;
const renders = new Map<string, Rendered>();

async function render(name: string, document: OfficialDocument): Promise<void> {
  const rendered = await renderPdf(document);
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, rendered.bytes);
  const text = poppler('pdftotext', ['-layout', path, '-'])
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').replace(/^ | $/g, ''))
    .join('\n');
  renders.set(name, { document, rendered, path, text });
}

const get = (name: string): Rendered => {
  const result = renders.get(name);
  if (!result) throw new Error(`not rendered: ${name}`);
  return result;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'abdi-office-reports-'));
  await render('monthly-report', buildOfficeMonthlyReport(monthlyInput()));
  await render('regional-rollup', buildRegionalRollup(rollupInput()));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the office monthly report as a PDF (issue 14)', () => {
  it('carries the period, the figures, the statuses and both charts', () => {
    const { text } = get('monthly-report');
    for (const expected of [
      'BALAI PEMASYARAKATAN KELAS II PALOPO',
      'LAPORAN BULANAN',
      'BULAN DESEMBER 2026',
      'Nomor: W23.PAS.PAS3-PK.01.05-140',
      'Periode laporan : 1 Desember 2026 s.d. 31 Desember 2026',
      'Jam diakui dalam bulan : 1.234,5 jam',
      'Sesi dalam bulan : 312 sesi',
      'Kasus berjalan : 59 kasus',
      'Tenggat ≤ 30 hari : 5 kasus (termasuk yang lewat tenggat)',
      '6 Dirujuk ke jaksa 2',
      '11 Ditutup 14',
      'Jumlah seluruh kasus : 103 kasus',
      // The charts: their titles, a bar's label and value, a column's value and label, the axis notes.
      'Kasus menurut status',
      'Jumlah kasus per 4 Januari 2027',
      'Jam diakui per minggu',
      '317,5',
      '28 Des 2026',
      '5 28 Desember 2026 s.d. 3 Januari 2027 150,5 38',
      'Drs. Abdul Rahman Lateko, M.Si.',
      'Palopo, 4 Januari 2027',
      `Sidik dokumen (SHA-256): ${shortFingerprint(get('monthly-report').rendered.contentSha256)}`,
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The status chart: a label and its count on one line, as the bar between them is no text.
    expect(text).toMatch(/^Dirujuk ke jaksa 2$/m);
    expect(text).toMatch(/^Aktif 38$/m);
  });

  it('is A4 upright, dated on its issue date, with the office as author', () => {
    const info = poppler('pdfinfo', ['-isodates', get('monthly-report').path]);
    expect(info).toMatch(/Page size:\s+595\.2\d x 841\.8\d pts \(A4\)/);
    expect(info).toMatch(/CreationDate:\s+2027-01-04T00:00:00/);
    expect(info).toMatch(/Author:\s+Balai Pemasyarakatan Kelas II Palopo/);
  });
});

describe('the regional roll-up as a PDF (issue 14)', () => {
  it("carries the Kanwil's kop, the totals, a row per office and the charts", () => {
    const { text } = get('regional-rollup');
    for (const expected of [
      'KANTOR WILAYAH DIREKTORAT JENDERAL PEMASYARAKATAN SULAWESI SELATAN',
      'REKAPITULASI WILAYAH',
      'BULAN DESEMBER 2026',
      'Jam diakui dalam bulan : 4.092,5 jam',
      'Sesi dalam bulan : 1.047 sesi',
      '1 Balai Pemasyarakatan Kelas I Makassar 2.355,5 604 111 13 9 6',
      '4 Balai Pemasyarakatan Kelas II Parepare 0 0 0 0 0 0',
      'Jam diakui per Balai Pemasyarakatan, Desember 2026',
      'Kasus menurut status, wilayah Sulawesi Selatan',
      '2 Balai Pemasyarakatan Kelas II Palopo 27 1 2 14 44 103',
      'Januari 2027 dan tidak bernomor',
      'Halaman 1 dari',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).toMatch(/^Bapas Kelas I Makassar 2\.355,5$/m);
  });

  it('prints no number, no QR code and no fingerprint; its footer names the roll-up', () => {
    const { text, path } = get('regional-rollup');
    expect(text).not.toMatch(/Nomor:|Sidik dokumen|Pindai kode/);
    expect(text).toContain('Rekapitulasi Wilayah Sulawesi Selatan Desember 2026 Halaman 1 dari');
    // The letterhead has no office line: nothing but the ministry and the Kanwil above the address.
    expect(text).not.toContain('BALAI PEMASYARAKATAN KELAS');
    const info = poppler('pdfinfo', ['-isodates', path]);
    expect(info).toMatch(/Page size:\s+841\.8\d x 595\.2\d pts \(A4\)/);
  });
});

describe('both office reports', () => {
  it.each(['monthly-report', 'regional-rollup'])(
    '%s: re-renders byte-identical, charts and all, and numbers its pages',
    async (name) => {
      const { document, rendered, path, text } = get(name);
      const again = await renderPdf(document);
      expect(Buffer.compare(again.bytes, rendered.bytes)).toBe(0);
      expect(sha256Hex(again.bytes)).toBe(sha256Hex(rendered.bytes));
      const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [path]))?.[1]);
      expect(rendered.pages).toBe(pages);
      for (let page = 1; page <= pages; page++) expect(text).toContain(`Halaman ${page} dari ${pages}`);
    },
    30_000,
  );

  it.each([
    ['monthly-report', [497, 702]],
    ['regional-rollup', [702, 497]],
  ] as const)('%s: writes pages 1 and 2 (the charts) as PNGs (A4 at 60 dpi)', (name, size) => {
    mkdirSync(OUT_DIR, { recursive: true });
    for (const page of [1, 2]) {
      const prefix = join(OUT_DIR, page === 1 ? name : `${name}-${page}`);
      const range = ['-f', String(page), '-l', String(page)];
      poppler('pdftoppm', ['-png', '-r', '60', ...range, '-singlefile', get(name).path, prefix]);
      const png = readFileSync(`${prefix}.png`);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(size);
    }
  });
});
