import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { apiAs, palopoDate, type CaseItem } from './api';
import { SCREENSHOT_DIR, VIEWPORTS, browserForFile, expectFits, screenshot } from './browser';
import { typedDate } from './typed';

/**
 * Issue 14 on the dashboard: the office admin sets the letterhead, signatory and number register
 * (Makassar, so the Palopo documents other files issue keep their settings); the Kanwil downloads the
 * region's roll-up as PDF and XLSX; an attendance sheet's QR link opens the case's session form on
 * the sheet's date.
 */

const baseUrl = inject('baseUrl');
const MAKASSAR = '/o/bapas-makassar';
const { signedIn } = browserForFile(baseUrl);

interface OfficeWithSettings {
  documentSettings?: {
    letterhead: Record<string, unknown>;
    head: Record<string, unknown>;
    register: Record<string, unknown>;
  };
}

/** The section alone: the settings page is long (policy, holidays) and the section is what changed. */
async function shoot(section: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await section.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

const examples = (page: Page) => page.getByTestId('docset-example-number').allTextContents();

describe('document settings', () => {
  it('the admin sets the letterhead and register, sees the example follow the pattern, and saves', async () => {
    const { page, errors } = await signedIn('admin.makassar', MAKASSAR);
    await page.goto(`${MAKASSAR}/settings#dokumen`);
    const section = page.getByTestId('document-settings');
    const pattern = section.getByLabel('Pola nomor');
    await pattern.waitFor();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);

    await section.getByLabel('Baris induk 2').fill('DIREKTORAT JENDERAL PEMASYARAKATAN');
    await section
      .getByLabel('Baris Kanwil')
      .fill('KANTOR WILAYAH DIREKTORAT JENDERAL PEMASYARAKATAN SULAWESI SELATAN');
    await section.getByLabel('Nama kantor').fill('Balai Pemasyarakatan Kelas I Makassar');
    await section.getByLabel('Kota tempat penandatanganan').fill('Makassar');
    await section.getByLabel('Alamat', { exact: true }).fill('Jl. Sultan Alauddin No. 1, Makassar');
    await section.getByLabel('Kontak').fill('Telp. (0411) 000000');
    await section.getByLabel('Nama Kepala Bapas').fill('Daeng Sikki');
    await section.getByLabel('NIP Kepala Bapas').fill('197801012005011001');
    await section.getByLabel('Sebutan penanda tangan').fill('Plh. Kepala');

    // The example is the domain's formatDocumentNumber on the draft, today and early next year.
    const year = Number(palopoDate().slice(0, 4));
    await pattern.fill('W23.PAS.PAS1-PK.01.05-{seq:3}/{yyyy}');
    await expect
      .poll(() => examples(page))
      .toEqual([
        `W23.PAS.PAS1-PK.01.05-001/${year}`,
        `W23.PAS.PAS1-PK.01.05-002/${year}`,
        `W23.PAS.PAS1-PK.01.05-003/${year}`,
        `W23.PAS.PAS1-PK.01.05-001/${year + 1}`,
      ]);
    await pattern.fill('W23.PAS.PAS1-PK.01.05-{seq:3}/{kind}/{yyyy}');
    await section.getByLabel('Satu urutan untuk tiap jenis dokumen').check();
    await section.getByLabel('Berita acara penyelesaian').fill('BA');
    await expect
      .poll(() => examples(page))
      .toEqual([
        `W23.PAS.PAS1-PK.01.05-001/BA/${year}`,
        `W23.PAS.PAS1-PK.01.05-001/SRT.PNP/${year}`,
        `W23.PAS.PAS1-PK.01.05-002/BA/${year}`,
        `W23.PAS.PAS1-PK.01.05-001/BA/${year + 1}`,
      ]);

    // A pattern that could number two documents alike: said while typing, and beside the field on saving.
    await pattern.fill('W23-{seq}{kind}/{yyyy}');
    await section.getByText('Contoh belum dapat ditampilkan').waitFor();
    expect(await pattern.getAttribute('aria-invalid')).toBe('true');
    await expectFits(page, 'document settings, a bad pattern');
    await shoot(section, 'document-settings-bad-pattern');
    await section.getByRole('button', { name: 'Simpan kop dan penomoran' }).click();
    const patternError = section.locator('#docset-register-pattern-error');
    await patternError.waitFor();
    expect(await patternError.textContent()).toContain('DOC-NUMBER-PATTERN');
    expect(await patternError.textContent()).toContain('agar bagian nomor tidak menyatu');

    await pattern.fill('W23.PAS.PAS1-PK.01.05-{seq:3}/{kind}/{yyyy}');
    await section.getByRole('button', { name: 'Simpan kop dan penomoran' }).click();
    await section.getByText('Kop surat dan penomoran disimpan.').waitFor();
    await expectFits(page, 'document settings');
    await shoot(section, 'document-settings-desktop');

    const api = await apiAs(baseUrl, 'admin.makassar');
    const office = await api<OfficeWithSettings>('/v1/offices/bapas-makassar');
    expect(office.documentSettings).toEqual({
      letterhead: {
        parentLines: [
          'KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA',
          'DIREKTORAT JENDERAL PEMASYARAKATAN',
        ],
        kanwil: 'KANTOR WILAYAH DIREKTORAT JENDERAL PEMASYARAKATAN SULAWESI SELATAN',
        officeName: 'Balai Pemasyarakatan Kelas I Makassar',
        address: 'Jl. Sultan Alauddin No. 1, Makassar',
        contact: 'Telp. (0411) 000000',
        city: 'Makassar',
      },
      head: { name: 'Daeng Sikki', nip: '197801012005011001', role: 'Plh. Kepala' },
      register: {
        pattern: 'W23.PAS.PAS1-PK.01.05-{seq:3}/{kind}/{yyyy}',
        restart: 'yearly',
        sequencePer: 'kind',
        kindCodes: { completion_record: 'BA' },
      },
    });

    await page.reload();
    await pattern.waitFor();
    expect(await pattern.inputValue()).toBe('W23.PAS.PAS1-PK.01.05-{seq:3}/{kind}/{yyyy}');
    expect(await section.getByLabel('NIP Kepala Bapas').inputValue()).toBe('197801012005011001');
    expect(await section.getByLabel('Satu urutan untuk tiap jenis dokumen').isChecked()).toBe(true);
    expect(await section.getByLabel('Berita acara penyelesaian').inputValue()).toBe('BA');
    await page.setViewportSize(VIEWPORTS.phone);
    await section.getByRole('heading', { name: 'Kop surat dan penomoran dokumen' }).scrollIntoViewIfNeeded();
    await expectFits(page, 'document settings on a phone');
    await shoot(section, 'document-settings-phone');
    expect(errors).toEqual([]);
  });
});

describe("the Kanwil's roll-up", () => {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    it(`downloads the month's roll-up as PDF and XLSX at ${viewport.width} px`, async () => {
      const { context, page, errors } = await signedIn(
        'kanwil.sulsel',
        (url) => url.pathname === '/region',
        viewport,
      );
      await page.getByTestId('region-table').waitFor();
      // Shown as mm/yyyy; the file is named by the ISO month.
      const shown = await page.getByLabel('Bulan').inputValue();
      expect(shown).toMatch(/^\d{2}\/\d{4}$/);
      const month = `${shown.slice(3)}-${shown.slice(0, 2)}`;
      await expectFits(page, `region at ${size}`);
      await screenshot(page, `region-downloads-${size}`);

      for (const [format, magic] of [
        ['PDF', '%PDF'],
        ['XLSX', 'PK'],
      ] as const) {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: `Unduh rekap (${format})` }).click(),
        ]);
        expect(download.suggestedFilename()).toBe(`rekap-sulsel-${month}.${format.toLowerCase()}`);
        const bytes = readFileSync(await download.path());
        expect(bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
        expect(bytes.length).toBeGreaterThan(1000);
      }
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

describe("the attendance sheet's QR link", () => {
  it('opens the case with the session form on the sheet’s date, and forgets the date when closed', async () => {
    const api = await apiAs(baseUrl, 'pk.palopo');
    const { items } = await api<{ items: (CaseItem & { status: string })[] }>(
      '/v1/offices/bapas-palopo/cases?status=active&limit=1',
    );
    const caseId = items[0]?.id;
    expect(caseId).toBeDefined();
    const date = palopoDate(-1);
    const path = `/o/bapas-palopo/cases/${caseId}`;
    const { context, page, errors } = await signedIn('pk.palopo', '/o/bapas-palopo');
    await page.goto(`${path}?sesi=${date}`);
    const form = page.getByRole('form', { name: 'Catat sesi' });
    await form.waitFor();
    expect(await form.locator('#session-new-date').inputValue()).toBe(typedDate(date));
    await form.getByText('Dibuka dari kode QR daftar hadir').waitFor();
    await expectFits(page, 'session form from the sheet');

    await form.getByRole('button', { name: 'Batal' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    expect(new URL(page.url()).pathname).toBe(path);
    await page.getByRole('button', { name: 'Catat sesi' }).click();
    expect(await page.locator('#session-new-date').inputValue()).toBe(typedDate(palopoDate()));
    expect(errors).toEqual([]);
    await context.close();
  });
});
