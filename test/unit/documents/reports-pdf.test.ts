import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficialDocument } from '../../../functions/domain/documents';
import { buildProgressReport } from '../../../functions/domain/documents/progress-report';
import { buildReferralReport } from '../../../functions/domain/documents/referral-report';
import { sha256Hex, shortFingerprint } from '../../../functions/documents/fingerprint';
import { renderPdf, type RenderedDocument } from '../../../functions/documents/render-pdf';
import { childCase, EVIDENCE, progressInput, referralInput } from './report-fixture';
import { OUT_DIR, poppler } from './poppler';

/**
 * Renders the referral and progress reports for real and reads them back with poppler-utils, as the
 * completion record's test does (render-pdf.test.ts): key fields, the full evidence hashes on one line
 * each, byte-identical re-renders, and page 1 of each as a PNG in test-results/documents/.
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

async function render(name: string, document: OfficialDocument): Promise<Rendered> {
  const rendered = await renderPdf(document);
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, rendered.bytes);
  const text = poppler('pdftotext', ['-layout', path, '-'])
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').replace(/^ | $/g, ''))
    .join('\n');
  const result = { document, rendered, path, text };
  renders.set(name, result);
  return result;
}

const get = (name: string): Rendered => {
  const result = renders.get(name);
  if (!result) throw new Error(`not rendered: ${name}`);
  return result;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'abdi-reports-'));
  await render('referral-report', buildReferralReport(referralInput()));
  await render(
    'referral-report-child',
    buildReferralReport(referralInput({ case: childCase(), supervisingJudge: 'Hj. Rahmawati, S.H., M.H.' })),
  );
  await render('progress-report', buildProgressReport(progressInput()));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the referral report as a PDF (issue 14)', () => {
  it('carries the recipient, the hours, the warnings, the missed sessions and the sanction', () => {
    const { text } = get('referral-report');
    for (const expected of [
      'BALAI PEMASYARAKATAN KELAS II PALOPO',
      'LAPORAN PELANGGARAN',
      'DAN RUJUKAN KEPADA JAKSA PENGAWAS',
      'Nomor: W23.PAS.PAS3-PK.01.05-131',
      'Kepada Yth. Jaksa Pengawas pada Kejaksaan Negeri Palopo.',
      'Muhammad Rizal Saputra',
      '231/Pid.B/2026/PN Plp',
      'Jam yang diakui : 75,5 jam',
      'Sisa jam : 54,5 jam',
      '1 25 Juli 2026 Peringatan tingkat 1',
      '2 31 Juli 2026 Peringatan tingkat 2',
      'B.5 31 Juli 2026 Masjid Al-Ikhlas Bara Tidak hadir tanpa',
      'yaitu 4 bulan (Pasal 85 ayat (7) huruf b',
      'Drs. Abdul Rahman Lateko, M.Si.',
      'Palopo, 3 Agustus 2026',
      'Halaman 1 dari',
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it('prints each verified evidence file with its short hash, and its full SHA-256 on one line', () => {
    const { text } = get('referral-report');
    const [letter, sheet, rejected] = EVIDENCE;
    for (const item of [sheet!, letter!]) {
      expect(text).toContain(item.fileName);
      expect(text).toMatch(new RegExp(`C\\.\\d ${item.sha256}$`, 'm'));
      expect(text).toContain((item.sha256.slice(0, 16).match(/.{4}/g) ?? []).join(' '));
    }
    expect(text).not.toContain(rejected!.fileName);
  });

  it("addresses a child's case to the hakim pengawas and names no prison or fine", () => {
    const { text } = get('referral-report-child');
    expect(text).toContain('DAN RUJUKAN KEPADA HAKIM PENGAWAS');
    expect(text).toContain('Kepada Yth. Hakim Pengawas pada Pengadilan Negeri Palopo');
    expect(text).toContain('12/Pid.Sus-Anak/2026/PN Plp');
    expect(text).toContain('Nama Anak : Andi Baso Pallawa');
    expect(text).not.toMatch(/Jaksa pengawas|penjara|denda/);
  });
});

describe('the progress report as a PDF (issue 14)', () => {
  it('carries the period, the hours, the sessions, the plan and the next slots', () => {
    const { text } = get('progress-report');
    for (const expected of [
      'LAPORAN PERKEMBANGAN',
      'PELAKSANAAN PIDANA KERJA SOSIAL',
      'Nomor: W23.PAS.PAS3-PK.01.05-132',
      'Periode laporan : 1 Juli 2026 s.d. 31 Juli 2026',
      'Jam diakui dalam periode : 38,5 jam',
      'Jam diakui seluruhnya : 75,5 jam (58,1%)',
      '1 1 Juli 2026 08.00-11.30 Masjid Al-Ikhlas Bara Hadir 3,5',
      'Jumlah sesi : 14 sesi',
      'Penilaian : Berisiko: sisa waktu cadangan sedikit',
      'Paling lambat mulai : 12 Agustus 2026',
      'Cadangan waktu : 9 hari',
      '1 Rabu, 5 Agustus 2026 08.00-11.30 Masjid Al-Ikhlas Bara 3,5',
      'Nurhayati Syam, S.Sos.',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain('Mengetahui,');
  });
});

describe('both reports', () => {
  it.each(['referral-report', 'progress-report'])(
    '%s: prints its fingerprint, keeps the client out of the file properties, and re-renders byte-identical',
    async (name) => {
      const { document, rendered, path, text } = get(name);
      expect(text).toContain(`Sidik dokumen (SHA-256): ${shortFingerprint(rendered.contentSha256)}`);
      const info = poppler('pdfinfo', ['-isodates', path]);
      expect(info).toMatch(/CreationDate:\s+2026-08-03T00:00:00/);
      expect(info).toMatch(/Page size:\s+595\.2\d x 841\.8\d pts \(A4\)/);
      expect(info).not.toContain('Rizal');
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(rendered.pages).toBe(pages);
      for (let page = 1; page <= pages; page++) expect(text).toContain(`Halaman ${page} dari ${pages}`);
      const again = await renderPdf(document);
      expect(Buffer.compare(again.bytes, rendered.bytes)).toBe(0);
      expect(sha256Hex(again.bytes)).toBe(sha256Hex(rendered.bytes));
    },
    30_000,
  );

  it.each(['referral-report', 'referral-report-child', 'progress-report'])(
    '%s: writes page 1 as a PNG (A4 at 60 dpi)',
    (name) => {
      mkdirSync(OUT_DIR, { recursive: true });
      const prefix = join(OUT_DIR, name);
      poppler('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', get(name).path, prefix]);
      const png = readFileSync(`${prefix}.png`);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([497, 702]);
    },
  );
});
