import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { apiAs, palopoDate } from './api';
import { VIEWPORTS, axeViolations, browserForFile, expectFits, screenshot } from './browser';
import { typedMonth } from './typed';

/**
 * The Kanwil's regional table (each office's summary, side by side) and the exports: the case list
 * and the monthly report as CSV and XLSX, with headers in the user's language.
 */

const baseUrl = inject('baseUrl');

const { signedIn } = browserForFile(baseUrl);

interface Summary {
  openCases: number;
  hoursCreditedThisMonth: number;
  casesOffTrack: number;
  casesDueIn30Days: number;
  openWarnings: number;
  casesByStatus: Record<string, number>;
}

/** The numbers as the Indonesian table writes them (12.5 → "12,5"). */
const id = (n: number) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 }).format(n);

describe('the regional view', () => {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    it(`compares the region's offices from their summaries at ${viewport.width} px`, async () => {
      const api = await apiAs(baseUrl, 'kanwil.sulsel');
      // The Kanwil lands on its region (issue 20: each role lands on its work).
      const { context, page, errors } = await signedIn(
        'kanwil.sulsel',
        (url) => url.pathname === '/region',
        viewport,
      );
      const table = page.getByTestId('region-table');
      await table.waitFor();
      for (const officeId of ['bapas-palopo', 'bapas-makassar']) {
        const summary = await api<Summary>(`/v1/offices/${officeId}/summary`);
        const row = page.locator(`[data-testid="region-row"][data-office="${officeId}"]`);
        await expect.poll(() => row.locator('td').count()).toBe(6);
        const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
        expect(cells[0]).toBe(id(summary.openCases));
        expect(cells[1]).toBe(id(summary.casesByStatus.active ?? 0));
        expect(cells[2]).toBe(id(summary.hoursCreditedThisMonth));
        expect(cells[3]).toMatch(new RegExp(`^${id(summary.casesOffTrack)}\\s`));
        expect(cells[4]).toBe(id(summary.casesDueIn30Days));
        expect(cells[5]).toBe(id(summary.openWarnings));
      }
      expect(await page.getByTestId('region-total').locator('th').textContent()).toBe('Jumlah (2 kantor)');
      await expectFits(page);
      await screenshot(page, `region-${size}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

async function download(
  page: Page,
  button: string,
  within?: string,
): Promise<{ download: Download; path: string }> {
  // The reports page also offers an issued monthly report's XLSX: the export's buttons sit in their group.
  const scope = within ? page.getByRole('group', { name: within }) : page;
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    scope.getByRole('button', { name: button }).click(),
  ]);
  const path = await download.path();
  return { download, path };
}

describe('exports', () => {
  it('downloads the case list and the monthly report as CSV and XLSX', async () => {
    const { context, page, errors } = await signedIn('pk.palopo', '/o/bapas-palopo');
    await page.goto('/o/bapas-palopo/cases');
    await page.getByTestId('case-list').waitFor();

    const csv = await download(page, 'Unduh CSV');
    expect(csv.download.suggestedFilename()).toBe(`abdi-kasus-bapas-palopo-${palopoDate()}.csv`);
    const text = readFileSync(csv.path, 'utf8');
    const [header, ...lines] = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(header).toBe(
      'Nama klien,Nomor putusan,Status,PK,Lokasi kerja,Mulai,Batas waktu,Jam putusan,Jam dihitung (total),Sisa jam,Sisa hari,Sesuai jadwal,Peringatan terbuka',
    );
    expect(lines.some((l) => l.startsWith('Rudi Hartono,'))).toBe(true);

    const xlsx = await download(page, 'Unduh XLSX');
    expect(xlsx.download.suggestedFilename()).toBe(`abdi-kasus-bapas-palopo-${palopoDate()}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx.path);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Kasus');
    expect(sheet.getRow(1).getCell(1).value).toBe('Nama klien');
    expect(sheet.rowCount).toBe(lines.length + 1);

    // The monthly report.
    await page.getByRole('link', { name: 'Laporan' }).click();
    await page.waitForURL((url) => url.pathname === '/o/bapas-palopo/reports');
    expect(await page.getByLabel('Bulan', { exact: true }).inputValue()).toBe(
      typedMonth(palopoDate().slice(0, 7)),
    );
    const month = await download(page, 'Unduh CSV', 'Laporan bulanan kantor');
    expect(month.download.suggestedFilename()).toBe(
      `abdi-laporan-bulanan-bapas-palopo-${palopoDate().slice(0, 7)}.csv`,
    );
    const rows = readFileSync(month.path, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows[0]).toMatch(/^Nama klien,Nomor putusan,Status,PK,Sesi,Hadir,Hadir sebagian,/);
    expect(rows.at(-1)).toMatch(/^Jumlah,/);
    await page.getByTestId('report-totals').waitFor();
    const monthXlsx = await download(page, 'Unduh XLSX', 'Laporan bulanan kantor');
    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(monthXlsx.path);
    expect(report.worksheets.map((s) => s.name)).toEqual(['Ringkasan', 'Per kasus']);
    expect(report.worksheets[0]!.getCell('A1').value).toBe('Keterangan');
    expect(report.worksheets[0]!.getCell('B2').value).toBe('Bapas Kelas II Palopo');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'reports-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });
});
