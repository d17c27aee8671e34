import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { photoJpeg, photoPng, sha256Hex, windowsExecutable } from '../support/evidence-files';
import type { CaseItem, SessionItem } from './api';
import { OFFICE, apiAs } from './api';
import { SCREENSHOT_DIR, VIEWPORTS, axeViolations, browserForFile, expectFits, screenshot } from './browser';

/**
 * Evidence in the browser against the real local stack (s3rver and the verifier): the PK uploads a
 * photo for a session of Rudi Hartono's (SHA-256 in the browser, a PUT straight to storage with a
 * progress bar, a retry after a dropped connection) and watches it turn verified; an executable named
 * .jpg is rejected with the reason in plain Indonesian; the browser refuses a wrong type before any
 * request; a scanned attendance sheet is dragged in. (The site supervisor's camera photo, with its
 * place, is in supervisor.test.ts and field-offline.test.ts: the field app.)
 */

const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
interface EvidenceItem {
  id: string;
  kind: string;
  status: string;
  sha256: string;
  sessionId?: string;
  rejectionReason?: string;
  capturedAt?: string;
  checks: {
    detectedType?: string | null;
    location?: { source: string; insideRadius: boolean; accuracyMeters?: number };
  };
  warnings: { rule: string }[];
}

const { signedIn } = browserForFile(baseUrl);

async function rudi() {
  const api = await apiAs(baseUrl, 'pk.palopo');
  const found = (await api<{ items: CaseItem[] }>(`${OFFICE}/cases?limit=100`)).items.find(
    (c) => c.client.fullName === 'Rudi Hartono',
  )!;
  const sessions = (await api<{ items: SessionItem[] }>(`${OFFICE}/cases/${found.id}/sessions?limit=100`))
    .items;
  return { api, case: found, sessions };
}

/** Signs the PK in and opens the case's page once its evidence panel has loaded. */
async function openCase(caseId: string, viewport?: { width: number; height: number }) {
  const session = await signedIn('pk.palopo', PALOPO, viewport);
  const { page } = session;
  await page.goto(`${PALOPO}/cases/${caseId}`);
  await page.getByTestId('evidence-panel').waitFor();
  await page.locator('[data-testid="evidence-gallery"], [data-testid="evidence-empty"]').first().waitFor();
  return session;
}

const tile = (page: Page, id: string) =>
  page.locator(`[data-testid="evidence-tile"][data-evidence-id="${id}"]`);

describe('evidence on the case page', () => {
  it('uploads a photo that becomes verified, and an executable posing as a JPEG that is rejected', async () => {
    const { api, case: c, sessions } = await rudi();
    const session = sessions[0]!;
    const { context, page, errors } = await openCase(c.id);
    const panel = page.getByTestId('evidence-panel');

    await panel.getByRole('button', { name: 'Unggah bukti' }).click();
    const form = panel.getByRole('form', { name: 'Unggah bukti' });
    await form.waitFor();

    // The browser's own check, before any request: a text file is not evidence.
    await page.getByTestId('evidence-file-input').setInputFiles({
      name: 'catatan.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('bukan foto'),
    });
    await form.locator('#evidence-upload-file-error').waitFor();
    expect(await form.locator('#evidence-upload-file-error').textContent()).toContain(
      'Jenis berkas ini tidak diterima',
    );
    expect(await form.getByRole('button', { name: 'Unggah', exact: true }).isDisabled()).toBe(true);

    // A real photo (about 70 KB, so that sending takes seconds on a throttled line), for the latest session.
    const photo = await photoJpeg(1200, 900, { padding: `e2e ${Date.now()} ${'x'.repeat(60_000)}` });
    await page.getByTestId('evidence-file-input').setInputFiles({
      name: 'kegiatan-masjid.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    await expect.poll(() => form.locator('#evidence-upload-file-error').count()).toBe(0);
    expect(await page.getByTestId('evidence-chosen').textContent()).toContain('kegiatan-masjid.jpg');
    expect(await form.getByLabel('Jenis bukti').inputValue()).toBe('photo');
    await form.getByLabel(/^Sesi/).selectOption(session.id);

    // The first PUT is dropped on the way; the PK tries again with the same URL.
    let dropped = 0;
    await page.route(
      (url) => url.hostname === '127.0.0.1',
      async (route) => {
        if (route.request().method() === 'PUT' && dropped === 0) {
          dropped++;
          return route.abort('connectionreset');
        }
        return route.fallback();
      },
    );
    await form.getByRole('button', { name: 'Unggah', exact: true }).click();
    const progress = page.getByTestId('upload-progress');
    await expect.poll(() => progress.getAttribute('data-step'), { timeout: 15_000 }).toBe('failed');
    expect(await page.getByTestId('upload-error').textContent()).toContain('Pengiriman berkas terputus');
    await screenshot(page, 'case-evidence-upload-failed-desktop');
    await page.unrouteAll();

    // Slow the line so that sending takes a few seconds and the progress bar is seen.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 100,
      downloadThroughput: 200_000,
      uploadThroughput: 60_000,
    });
    await progress.getByRole('button', { name: 'Coba lagi' }).click();
    await expect.poll(() => progress.getAttribute('data-step'), { timeout: 15_000 }).toBe('uploading');
    await expect
      .poll(async () => Number(await progress.locator('progress').getAttribute('value')), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(await page.getByTestId('upload-message').textContent()).toBe('Mengirim berkas…');
    expect(await page.getByTestId('upload-bytes').textContent()).toMatch(/^\d+% · .+ dari \d+ KB$/);
    await screenshot(page, 'case-evidence-uploading-desktop');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    await expect.poll(() => progress.getAttribute('data-step'), { timeout: 60_000 }).toBe('verified');
    expect(await page.getByTestId('upload-message').textContent()).toBe(
      'Terverifikasi: berkas diterima sebagai bukti.',
    );

    // The API holds it verified, with the hash the browser computed, for that session.
    const list = await api<{ items: EvidenceItem[] }>(`${OFFICE}/cases/${c.id}/evidence?limit=10`);
    const verified = list.items.find((e) => e.sha256 === sha256Hex(photo))!;
    expect(verified).toMatchObject({ status: 'verified', sessionId: session.id });
    // Only one record: the retried PUT reused the URL, and the idempotency key kept the POST single.
    expect(list.items.filter((e) => e.sha256 === sha256Hex(photo))).toHaveLength(1);
    const verifiedTile = tile(page, verified.id);
    await expect
      .poll(() => verifiedTile.locator('[data-evidence-status]').textContent())
      .toContain('Terverifikasi');
    await expect.poll(() => verifiedTile.locator('img').count(), { timeout: 15_000 }).toBe(1);

    // An executable with a photo's name and type: the bytes tell, and the verifier rejects it.
    await progress.getByRole('button', { name: 'Unggah berkas lain' }).click();
    const exe = windowsExecutable();
    await page.getByTestId('evidence-file-input').setInputFiles({
      name: 'foto-palsu.jpg',
      mimeType: 'image/jpeg',
      buffer: exe,
    });
    await form.getByLabel(/^Sesi/).selectOption('');
    await form.getByRole('button', { name: 'Unggah', exact: true }).click();
    await expect.poll(() => progress.getAttribute('data-step'), { timeout: 60_000 }).toBe('rejected');
    const reason = 'Isi berkas bukan jenis yang dinyatakan: tertulis JPEG';
    expect(await page.getByTestId('upload-message').textContent()).toContain(`Ditolak: ${reason}`);
    const rejected = (
      await api<{ items: EvidenceItem[] }>(`${OFFICE}/cases/${c.id}/evidence?status=rejected&limit=10`)
    ).items.find((e) => e.sha256 === sha256Hex(exe))!;
    expect(rejected.rejectionReason).toBe('type_mismatch');
    const rejectedTile = tile(page, rejected.id);
    await expect.poll(() => rejectedTile.getByTestId('evidence-reason').textContent()).toContain(reason);
    expect(await rejectedTile.locator('[data-evidence-status]').textContent()).toContain('Ditolak');
    // A scanned attendance sheet, dragged onto the drop zone.
    await progress.getByRole('button', { name: 'Unggah berkas lain' }).click();
    const scan = photoPng(400, 300);
    const dataTransfer = await page.evaluateHandle(
      (bytes) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], 'daftar-hadir.png', { type: 'image/png' }));
        return transfer;
      },
      [...scan],
    );
    await page.getByTestId('evidence-dropzone').dispatchEvent('drop', { dataTransfer });
    await expect.poll(() => page.getByTestId('evidence-chosen').textContent()).toContain('daftar-hadir.png');
    await form.getByLabel('Jenis bukti').selectOption('attendance_sheet');
    await form.getByRole('button', { name: 'Unggah', exact: true }).click();
    await expect.poll(() => progress.getAttribute('data-step'), { timeout: 60_000 }).toBe('verified');
    const sheet = (
      await api<{ items: EvidenceItem[] }>(`${OFFICE}/cases/${c.id}/evidence?limit=10`)
    ).items.find((e) => e.sha256 === sha256Hex(scan))!;
    expect(sheet).toMatchObject({ status: 'verified', kind: 'attendance_sheet' });
    await expect
      .poll(() => tile(page, sheet.id).locator('[data-evidence-status]').textContent())
      .toContain('Terverifikasi');

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'case-evidence-desktop');

    // Opened: the checks, and no file to open.
    await rejectedTile.getByRole('button', { name: /foto-palsu\.jpg/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('evidence-checks').waitFor();
    expect(await dialog.getByTestId('evidence-detail-reason').textContent()).toContain(reason);
    expect(await dialog.textContent()).toContain('Hanya bukti yang terverifikasi yang dapat dibuka.');
    await dialog.getByRole('button', { name: 'Tutup' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // The verified one: its checks, the picture and a fresh link to the file, which serves the bytes.
    await verifiedTile.getByRole('button', { name: /kegiatan-masjid\.jpg/ }).click();
    await dialog.getByTestId('evidence-download').waitFor();
    const checks = await dialog.getByTestId('evidence-checks').textContent();
    expect(checks).toContain('Sidik jari cocok dengan berkas yang tersimpan.');
    expect(checks).toContain('Jenis menurut isi berkas: JPEG.');
    const href = (await dialog.getByTestId('evidence-download').getAttribute('href'))!;
    const download = await fetch(href);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(photo)).toBe(true);
    await expect
      .poll(() => dialog.locator('img.preview').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(1200);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'case-evidence-dialog-desktop.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // Filtered by its session and status.
    const filters = panel.getByRole('group', { name: 'Saring bukti' });
    await filters.getByLabel('Status').selectOption('rejected');
    await expect.poll(() => panel.getByTestId('evidence-tile').count()).toBeGreaterThan(0);
    await expect.poll(() => verifiedTile.count()).toBe(0);
    expect(await rejectedTile.count()).toBe(1);
    await filters.getByLabel('Status').selectOption('');
    await filters.getByLabel('Sesi').selectOption(session.id);
    await expect.poll(() => rejectedTile.count()).toBe(0);
    expect(await verifiedTile.count()).toBe(1);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a 360 px phone, gallery and details', async () => {
    const { case: c } = await rudi();
    const { context, page, errors } = await openCase(c.id, VIEWPORTS.phone);
    const panel = page.getByTestId('evidence-panel');
    await panel.scrollIntoViewIfNeeded();
    await expectFits(page);
    await panel.getByRole('button', { name: 'Unggah bukti' }).click();
    await panel.getByRole('form', { name: 'Unggah bukti' }).waitFor();
    await expectFits(page);
    await screenshot(page, 'case-evidence-phone');
    await panel.screenshot({ path: join(SCREENSHOT_DIR, 'case-evidence-panel-phone.png') });
    const first = panel.getByTestId('evidence-tile').first();
    if ((await first.count()) > 0) {
      await first.getByRole('button').first().click();
      const dialog = page.getByRole('dialog');
      await dialog
        .getByTestId('evidence-checks')
        .or(dialog.getByText('Berkas belum diperiksa.'))
        .first()
        .waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'case-evidence-dialog-phone.png') });
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
