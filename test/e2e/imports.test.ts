import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { IMPORT_COLUMNS } from '../../functions/domain/imports/columns';
import { palopoDate } from './api';
import { VIEWPORTS, axeViolations, browserForFile, expectFits, screenshot } from './browser';
import { typedDate } from './typed';

/**
 * Impor data (issue 22, "Done when"): the Palopo admin downloads the cases template from the screen,
 * fills two cases with exceljs (one NIK typed as a number in the first copy), uploads it and sees the
 * error on Excel row 3; uploads the fixed copy, commits, watches the progress reach 100 %, and opens an
 * imported case showing its opening credit (hours served on paper). The report is photographed for the
 * README (docs/imports/report.png); both pages are checked with axe at 1280 and 360 px.
 */

const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
const { signedIn } = browserForFile(baseUrl);

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Long enough for a dry run and a commit on a 2-core machine, with the browser's own waits. */
const JOB_TIMEOUT = 60_000;

const serial = () => String(Math.floor(1000 + Math.random() * 9000));

type Row = Record<string, string | number>;

/**
 * One case as an office would type it, for Palopo's seeded people and places: pk.palopo, the City's
 * PKS and its Kantor Camat Wara site (placed on a Litmas), PN Palopo; 8 hours already served on paper.
 */
function caseRow(nik: string, birth: string, name: string, decisionNumber: string): Row {
  const start = palopoDate(-20);
  const deadline = palopoDate(100);
  return {
    'client.nik': nik,
    'client.fullName': name,
    'client.birthDate': birth,
    'client.sex': 'Laki-laki',
    'client.address': 'Jl. Andi Djemma No. 5, Kota Palopo',
    'client.phone': '081234567890',
    'case.officerUsername': 'pk.palopo',
    'case.prosecutor.name': 'Rahmawati Said',
    'case.prosecutor.office': 'Kejaksaan Negeri Palopo',
    'case.origin': 'Putusan',
    'case.decision.number': decisionNumber,
    'case.decision.court': 'PN Palopo',
    'case.decision.date': typedDate(palopoDate(-30)),
    'case.decision.offenceArticles': 'Pasal 476 KUHP',
    'case.decision.threatenedMaxMonths': 48,
    'case.decision.imposed.prisonMonths': 3,
    'case.decision.nonComplianceSanction': 'Menjalani pidana penjara yang diganti',
    'case.sentence.kind': 'Pidana kerja sosial',
    'case.sentence.hours': 40,
    'case.sentence.maxHoursPerDay': 4,
    'case.sentence.startDate': typedDate(start),
    'case.sentence.deadline': typedDate(deadline),
    'case.consent.given': 'Ya',
    'case.consent.recordedOn': typedDate(palopoDate(-30)),
    'assessment.litmas.number': `LITMAS-${decisionNumber.split('/')[0]}/BAPAS-PLP/2026`,
    'assessment.litmas.date': typedDate(palopoDate(-25)),
    'placement.site.partner': 'PKS/01/BAPAS-PLP/I/2026',
    'placement.site.name': 'Kantor Camat Wara',
    'placement.weekdays': 'Senin; Rabu; Jumat',
    'placement.startTime': '08.00',
    'placement.endTime': '12.00',
    'placement.from': typedDate(start),
    'placement.until': typedDate(deadline),
    'paper.credit.hours': 8,
    'paper.credit.documentNumber': `BA/${decisionNumber.split('/')[0]}/BAPAS-PLP/2026`,
    'paper.credit.date': typedDate(palopoDate(-10)),
    'paper.credit.signedBy': 'Muhammad Ridwan, PK Ahli Pertama',
  };
}

/** A header as the template writes it, without the `*` that marks a required column. */
const headerText = (value: unknown) => String(value).replace(/\s*\*$/, '');

/** The template with `rows` written from row 2 on, each value under its column's Indonesian header. */
async function filledCopy(template: Buffer, rows: readonly Row[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const columnOf = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => columnOf.set(headerText(cell.value), col));
  rows.forEach((row, i) => {
    for (const [key, value] of Object.entries(row)) {
      const header = IMPORT_COLUMNS.cases.find((c) => c.key === key)!.header.id;
      const col = columnOf.get(header);
      expect(col, `the template has a column "${header}"`).toBeDefined();
      sheet.getCell(i + 2, col!).value = value;
    }
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Uploads `buffer` from the imports page and waits for the import's page and its dry run. */
async function uploadAndCheck(page: Page, fileName: string, buffer: Buffer): Promise<string> {
  await page.getByLabel('Kasus', { exact: true }).check();
  await page
    .getByLabel('Berkas (XLSX atau CSV)')
    .setInputFiles({ name: fileName, mimeType: XLSX_TYPE, buffer });
  await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
  await page.waitForURL((url) => /^\/o\/bapas-palopo\/imports\/[^/]+$/.test(url.pathname));
  await page
    .locator('[data-testid="import-state"][data-status="validated"]')
    .waitFor({ timeout: JOB_TIMEOUT });
  return new URL(page.url()).pathname;
}

const count = (page: Page, status: string) =>
  page.locator(`[data-testid="import-summary"] [data-count="${status}"]`).textContent();

describe('impor data', () => {
  it('takes a cases file through the dry run, a fix and the commit to a case with its opening credit', async () => {
    const { page, errors } = await signedIn('admin.palopo', PALOPO);
    await page
      .getByRole('navigation', { name: 'Menu kantor' })
      .getByRole('link', { name: 'Impor data' })
      .click();
    await page.getByRole('heading', { name: 'Impor data', level: 1 }).waitFor();
    await page.getByTestId('import-history').or(page.getByText('Belum ada impor.')).waitFor();
    expect(await axeViolations(page), 'imports page').toEqual([]);

    // The template, from the screen, in Indonesian: headers from the schemas, a guide sheet, NIK as text.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh templat Kasus' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const template = await readFile(await download.path());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBeGreaterThanOrEqual(2);
    const headers: string[] = [];
    book.worksheets[0]!.getRow(1).eachCell((cell) => headers.push(String(cell.value)));
    // A required column's header carries a `*`.
    expect(headers).toEqual(IMPORT_COLUMNS.cases.map((c) => (c.required ? `${c.header.id} *` : c.header.id)));
    const nikColumn = headers.indexOf('NIK *') + 1;
    expect(book.worksheets[0]!.getCell(2, nikColumn).numFmt).toBe('@');

    // Two cases; in the first copy the second one's NIK was typed into a number cell.
    const [a, b] = [serial(), serial()];
    const first = caseRow(`737301150490${a}`, '15/04/1990', `Impor Uji ${a}`, `${a}/Pid.B/2026/PN Plp`);
    const second = caseRow(`737301200385${b}`, '20/03/1985', `Impor Uji ${b}`, `${b}/Pid.B/2026/PN Plp`);
    const bad = await filledCopy(template, [
      first,
      { ...second, 'client.nik': Number(second['client.nik']) },
    ]);
    const fixed = await filledCopy(template, [first, second]);

    // The bad copy: the dry run stops the second case on its Excel row, 3, at its NIK.
    const badPath = await uploadAndCheck(page, 'kasus-palopo.xlsx', bad);
    expect(await count(page, 'error')).toBe('1');
    const nikError = page.locator('[data-testid="import-row"][data-row="3"][data-key="client.nik"]');
    await nikError.waitFor();
    expect(await nikError.textContent()).toContain('NIK tersimpan sebagai angka');
    expect(
      await page.locator('[data-testid="import-row"][data-row="3"]').first().getAttribute('data-status'),
    ).toBe('error');
    await nikError.getByRole('cell', { name: 'NIK', exact: true }).waitFor();
    expect(await axeViolations(page), 'import page').toEqual([]);
    // The same report as the office's own file, with a result column that says what to fix on row 3.
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh laporan (XLSX)' }).click(),
    ]);
    const reportBook = new ExcelJS.Workbook();
    await reportBook.xlsx.load((await readFile(await report.path())) as unknown as ArrayBuffer);
    const reportRow = (n: number) => JSON.stringify(reportBook.worksheets[0]!.getRow(n).values);
    expect(reportRow(3)).toContain('NIK tersimpan sebagai angka');
    expect(reportRow(2)).not.toContain('NIK tersimpan sebagai angka');
    const shot = await screenshot(page, 'import-report');
    await mkdir(resolve(import.meta.dirname, '../../docs/imports'), { recursive: true });
    await copyFile(shot, resolve(import.meta.dirname, '../../docs/imports/report.png'));

    // The fixed copy: both rows pass; the commit writes them while the page follows its progress.
    await page.getByRole('link', { name: 'Impor data' }).first().click();
    await page.getByRole('heading', { name: 'Impor data', level: 1 }).waitFor();
    await uploadAndCheck(page, 'kasus-palopo-perbaikan.xlsx', fixed);
    expect(await count(page, 'error')).toBe('0');
    await page.getByRole('button', { name: 'Impor 2 baris' }).click();
    await page.getByRole('button', { name: 'Ya, impor' }).click();
    await page.getByTestId('import-progress').waitFor();
    await page
      .locator('[data-testid="import-state"][data-status="committed"]')
      .waitFor({ timeout: JOB_TIMEOUT });
    expect(await page.getByTestId('import-percent').textContent()).toBe('100 %');
    const bar = page.locator('#import-progress-bar');
    expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
    expect(await count(page, 'created')).toBe('2');
    expect(await page.getByTestId('import-done').textContent()).toContain('2 dibuat');

    // The rows link to what they created: the first case shows its opening credit.
    await page.getByLabel('Tampilkan').selectOption('');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    const createdRow = page.locator('[data-testid="import-row"][data-row="2"]');
    await createdRow.waitFor();
    expect(await createdRow.getAttribute('data-status')).toBe('created');
    await createdRow.getByRole('link', { name: 'Buka kasus' }).click();
    await page.waitForURL((url) => /^\/o\/bapas-palopo\/cases\/[^/]+$/.test(url.pathname));
    await page.getByText(`Impor Uji ${a}`).first().waitFor();
    const credit = page.getByTestId('opening-credit');
    await credit.waitFor();
    expect(await credit.textContent()).toContain('Kredit awal: 8 jam');
    await screenshot(page, 'import-case-opening-credit');

    // The history lists the committed import, which can be undone.
    await page.goto(`${PALOPO}/imports`);
    const item = page.getByTestId('import-item').filter({ hasText: 'kasus-palopo-perbaikan.xlsx' }).first();
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('committed');
    await item.getByRole('button', { name: 'Batalkan impor' }).waitFor();
    expect(errors).toEqual([]);

    // Both pages on the narrowest phone.
    const phone = await signedIn('admin.palopo', PALOPO, VIEWPORTS.phone);
    await phone.page.goto(`${PALOPO}/imports`);
    await phone.page.getByTestId('import-history').waitFor();
    await expectFits(phone.page, 'imports, phone');
    await phone.page.goto(badPath);
    await phone.page.locator('[data-testid="import-row"][data-row="3"]').first().waitFor();
    await expectFits(phone.page, 'import report, phone');
    await screenshot(phone.page, 'import-report-phone');
    expect(phone.errors).toEqual([]);
  }, 300_000);
});
