import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttendanceSheet, buildPlacementLetter } from '../../../functions/domain/documents';
import { sha256Hex } from '../../../functions/documents/fingerprint';
import { renderPdf, type RenderedDocument } from '../../../functions/documents/render-pdf';
import { attendanceInput, placementInput } from './placement-fixture';
import { OUT_DIR, poppler } from './poppler';

/**
 * The placement letter and the attendance sheet rendered for real and read back with poppler: the key
 * fields in the text, the sheet's 36 rows over several landscape pages with the header on each, the
 * same bytes twice, and page 1 of each as a PNG in test-results/documents/. Missing poppler fails.
 */

/** The layout text with no-break spaces and runs of spaces made one space (form feeds kept). */
const textOf = (pdfPath: string): string =>
  poppler('pdftotext', ['-layout', pdfPath, '-'])
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').replace(/^ | $/g, ''))
    .join('\n');

function pngOf(pdfPath: string, name: string): Buffer {
  mkdirSync(OUT_DIR, { recursive: true });
  const prefix = join(OUT_DIR, name);
  poppler('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, prefix]);
  return readFileSync(`${prefix}.png`);
}

let dir: string;
const rendered: Record<'letter' | 'sheet', { doc: RenderedDocument; path: string; text: string }> =
  {} as never;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'abdi-placement-docs-'));
  const documents = {
    letter: buildPlacementLetter(placementInput()),
    sheet: buildAttendanceSheet(attendanceInput()),
  };
  for (const [name, document] of Object.entries(documents) as [keyof typeof documents, never][]) {
    const doc = await renderPdf(document);
    const path = join(dir, `${name}.pdf`);
    writeFileSync(path, doc.bytes);
    rendered[name] = { doc, path, text: textOf(path) };
  }
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the placement letter as a PDF (issue 14)', () => {
  it('carries the addressee, client, decision, schedule, site, contact and the signature of Kepala Bapas', () => {
    const { text } = rendered.letter;
    for (const expected of [
      'BALAI PEMASYARAKATAN KELAS II PALOPO',
      'SURAT PENEMPATAN',
      'Nomor: W23.PAS.PAS3-PK.01.05-98',
      'Yth. Ketua Pengurus Masjid Al-Ikhlas Bara',
      'Nama klien : Muhammad Rizal Saputra',
      '231/Pid.B/2026/PN Plp',
      'Jam menurut putusan : 130 jam',
      'Batas per hari : paling lama 4 jam sehari',
      'Hari kerja : Senin, Rabu, dan Jumat',
      'Jam kerja : 08.00\u201312.00 (4 jam)',
      'Masa penempatan : 1 Juni 2026 s.d. 31 Agustus 2026',
      'telepon/WhatsApp 0812 4455 6677',
      'Palopo, 29 Mei 2026',
      'Kepala Balai Pemasyarakatan Kelas II Palopo,',
      'Drs. Abdul Rahman Lateko, M.Si.',
      'Halaman 1 dari 1',
      'Sidik dokumen (SHA-256):',
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it('is one upright A4 page whose properties name no client', () => {
    const info = poppler('pdfinfo', [rendered.letter.path]);
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+595\.2\d x 841\.8\d pts \(A4\)/);
    expect(info).toMatch(/Title:\s+Surat Penempatan W23\.PAS\.PAS3-PK\.01\.05-98/);
    expect(info).not.toContain('Rizal');
  });

  it('writes page 1 as a PNG (A4 upright at 60 dpi)', () => {
    const png = pngOf(rendered.letter.path, 'placement-letter');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([497, 702]);
  });
});

describe('the attendance sheet as a PDF (issue 14)', () => {
  /** A row of the table as pdftotext lays it out: number, weekday, date, hours. */
  const ROW =
    /^(\d+) (Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d+ Juni 2026 \d\d\.\d\d\u2013\d\d\.\d\d /;

  it('carries the site, partner, period and the fields to fill in', () => {
    const { text } = rendered.sheet;
    for (const expected of [
      'DAFTAR HADIR',
      'PELAKSANAAN PIDANA KERJA SOSIAL',
      'Nomor: W23.PAS.PAS3-PK.01.05-101',
      'Lokasi : Masjid Al-Ikhlas Bara, Jalan Dr. Ratulangi No. 17',
      'Mitra : Pengurus Masjid Al-Ikhlas Bara',
      'Periode : 1 Juni 2026 s.d. 30 Juni 2026',
      'Jumlah jadwal : 36 jadwal, 3 klien',
      'H. Baharuddin Tahir',
      'Palopo, 4 Juni 2026',
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it('prints all 36 rows in order over several pages, the header row on each, the recorded days marked', () => {
    const { text } = rendered.sheet;
    const rows = text.split('\n').filter((line) => ROW.test(line));
    expect(rows.map((row) => Number(ROW.exec(row)?.[1]))).toEqual(
      Array.from({ length: 36 }, (_, i) => i + 1),
    );
    expect(rows[0]).toBe('1 Rabu, 3 Juni 2026 08.00\u201312.00 Muhammad Rizal Saputra Sudah dicatat');
    expect(rows[6]).toBe('7 Senin, 8 Juni 2026 08.00\u201312.00 Muhammad Rizal Saputra');
    expect(rows.filter((row) => row.endsWith('Sudah dicatat'))).toHaveLength(6);
    const pagesWithRows = text.split('\f').filter((page) => page.split('\n').some((line) => ROW.test(line)));
    expect(pagesWithRows.length).toBeGreaterThan(2);
    for (const page of pagesWithRows) {
      expect(page).toMatch(
        /No\. Hari, tanggal Jadwal Nama klien Jam datang Jam pulang Paraf pengawas Paraf klien Keterangan Kode sesi/,
      );
    }
  });

  it('is landscape A4, numbered "Halaman n dari N" on every page', () => {
    const info = poppler('pdfinfo', [rendered.sheet.path]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(info).toMatch(/Page size:\s+841\.8\d x 595\.2\d pts \(A4\)/);
    expect(rendered.sheet.doc.pages).toBe(pages);
    for (let page = 1; page <= pages; page++) {
      expect(rendered.sheet.text).toContain(`Halaman ${page} dari ${pages}`);
    }
  });

  it('draws a QR code per row (one SVG path group each) besides the verification code', async () => {
    // Each QR code is drawn as one filled path; count them through the definition rather than the bytes.
    const { definitionOf } = await import('../../../functions/documents/render-pdf');
    const definition = JSON.stringify(await definitionOf(buildAttendanceSheet(attendanceInput())));
    expect(definition.match(/<svg /g)).toHaveLength(36 + 1);
  });

  it('renders the same bytes again, and other bytes when a slot changes', async () => {
    const again = await renderPdf(buildAttendanceSheet(attendanceInput()));
    expect(Buffer.compare(again.bytes, rendered.sheet.doc.bytes)).toBe(0);
    const letterAgain = await renderPdf(buildPlacementLetter(placementInput()));
    expect(sha256Hex(letterAgain.bytes)).toBe(sha256Hex(rendered.letter.doc.bytes));
    const input = attendanceInput();
    const moved = await renderPdf(
      buildAttendanceSheet({
        ...input,
        slots: input.slots.map((s) => (s.date === '2026-06-29' ? { ...s, startTime: '09:00' } : s)),
      }),
    );
    expect(sha256Hex(moved.bytes)).not.toBe(sha256Hex(rendered.sheet.doc.bytes));
  }, 30_000);

  it('writes page 1 as a PNG (A4 landscape at 60 dpi)', () => {
    const png = pngOf(rendered.sheet.path, 'attendance-sheet');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([702, 497]);
  });
});
