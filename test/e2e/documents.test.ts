import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { MASJID, OFFICE, loginToken, palopoDate, type CaseItem } from './api';
import { SCREENSHOT_DIR, VIEWPORTS, browserForFile, expectFits, screenshot } from './browser';
import { palopoDocumentSettings } from '../support/documents';
import type { OfficeDetail, OfficialDocument } from '../../web/src/lib/api-types';

/**
 * Official documents in the dashboard (issue 14): the PK previews a progress report from the case page
 * (the draft PDF in a dialog), issues it and sees it listed with its number; the public verification
 * page (signed out) shows the register's record and says whether a picked PDF is the file issued,
 * hashing it in the browser; an unknown link says so. Checked with axe at 1280 and 360 px.
 */

const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
const WARA = 'site-palopo-camat-wara';
const { signedIn, openSession } = browserForFile(baseUrl);

async function call<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return JSON.parse(text) as T;
}

/** The demo seed gives Palopo its letterhead; where it does not yet, the admin sets it here. */
async function ensureDocumentSettings(): Promise<void> {
  const admin = await loginToken(baseUrl, 'admin.palopo');
  const office = await call<OfficeDetail & { documentSettings?: unknown }>(admin, 'GET', OFFICE);
  if (!office.documentSettings) {
    await call(admin, 'PUT', `${OFFICE}/document-settings`, palopoDocumentSettings());
  }
}

/** The demo's active case at the mosque in Bara. */
async function rudiCase(token: string): Promise<string> {
  const cases = await call<{ items: CaseItem[] }>(token, 'GET', `${OFFICE}/cases?limit=100`);
  const found = cases.items.find((c) => c.client.fullName === 'Rudi Hartono');
  expect(found, 'the demo case of Rudi Hartono').toBeDefined();
  return found!.id;
}

/** A Palopo case of 8 hours, all served on the last two days at Camat Wara, marked completed by the PK. */
async function completedCase(token: string): Promise<string> {
  const n = String(Math.floor(1000 + Math.random() * 9000));
  const client = await call<{ id: string }>(token, 'POST', `${OFFICE}/clients`, {
    fullName: `Syamsul Alam ${n}`,
    nik: `737301150592${n}`,
    birthDate: '1992-05-15',
    sex: 'M',
    address: 'Jl. Ahmad Razak No. 8, Kota Palopo',
  });
  const start = palopoDate(-3);
  const kase = await call<{ id: string }>(token, 'POST', `${OFFICE}/cases`, {
    clientId: client.id,
    officerUsername: 'pk.palopo',
    prosecutor: { name: 'Rahmawati Said', office: 'Kejaksaan Negeri Palopo' },
    decision: {
      number: `${n}/Pid.C/2026/PN Plp`,
      court: 'PN Palopo',
      date: palopoDate(-10),
      offenceArticles: ['Pasal 476 UU 1/2023'],
      threatenedMaxMonths: 36,
      imposed: { prisonMonths: 1 },
      nonComplianceSanction: 'serve_prison',
    },
    sentence: {
      kind: 'kerja_sosial',
      hours: 8,
      maxHoursPerDay: 4,
      startDate: start,
      deadline: palopoDate(60),
    },
    consent: { given: true, recordedOn: palopoDate(-10) },
  });
  const base = `${OFFICE}/cases/${kase.id}`;
  await call(token, 'POST', `${base}/assessments`, {
    litmas: { number: `LITMAS-${n}/2026`, date: start },
    recommendation: 'Layak menjalani kerja sosial.',
    consent: { status: 'given', recordedOn: start },
  });
  await call(token, 'POST', `${base}/placements`, {
    siteId: WARA,
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    startTime: '08:00',
    endTime: '12:00',
    from: start,
    until: palopoDate(4),
  });
  for (const day of [-2, -1]) {
    await call(token, 'POST', `${base}/sessions`, {
      date: palopoDate(day),
      startTime: '08:00',
      endTime: '12:00',
      siteId: WARA,
      outcome: 'attended',
    });
  }
  await call(token, 'POST', `${base}/transitions`, { to: 'completed', reason: 'Seluruh jam telah dijalani' });
  return kase.id;
}

/** Saves a screenshot of one part of the page beside the full-page ones. */
const part = (page: Page, testid: string, name: string) =>
  page.getByTestId(testid).screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('official documents', () => {
  it('previews a progress report, issues it, lists it with its number and checks its file on the public page', async () => {
    await ensureDocumentSettings();
    const pk = await loginToken(baseUrl, 'pk.palopo');
    const caseId = await rudiCase(pk);
    const before = await call<{ items: OfficialDocument[] }>(
      pk,
      'GET',
      `${OFFICE}/documents?caseId=${caseId}&limit=100`,
    );

    // The PK previews the month's progress report: a dialog with the draft PDF, nothing issued yet.
    const { context, page, errors } = await signedIn('pk.palopo', PALOPO);
    await page.goto(`${PALOPO}/cases/${caseId}`);
    const panel = page.getByTestId('documents-panel');
    await panel.scrollIntoViewIfNeeded();
    await panel.locator('[data-testid="documents"], [data-testid="documents-empty"]').first().waitFor();
    expect(await panel.getByTestId('document').count()).toBe(before.items.length);
    await page.getByTestId('progress-preview').click();
    const dialog = page.getByTestId('document-preview');
    await dialog.getByTestId('document-preview-frame').waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe('Pratinjau: Laporan perkembangan');
    expect(await dialog.getByTestId('document-preview-open').getAttribute('href')).toMatch(/^blob:/);
    await expectFits(page, 'preview dialog on a desktop');
    await screenshot(page, 'documents-preview-desktop');
    await part(page, 'document-preview', 'documents-preview-dialog-desktop');
    await page.setViewportSize(VIEWPORTS.phone);
    expect(await dialog.getByTestId('document-preview-frame').isVisible()).toBe(false);
    expect(await dialog.getByTestId('document-preview-open').isVisible()).toBe(true);
    await expectFits(page, 'preview dialog on a phone');
    await screenshot(page, 'documents-preview-phone');
    await part(page, 'document-preview', 'documents-preview-dialog-phone');
    await page.setViewportSize(VIEWPORTS.desktop);
    const unchanged = await call<{ items: OfficialDocument[] }>(
      pk,
      'GET',
      `${OFFICE}/documents?caseId=${caseId}&limit=100`,
    );
    expect(unchanged.items.length).toBe(before.items.length);

    // "Terbitkan": numbered from the register, first in the list, announced.
    await dialog.getByTestId('document-issue').click();
    await panel.getByTestId('document-notice').waitFor();
    expect(await dialog.isVisible()).toBe(false);
    const after = await call<{ items: OfficialDocument[] }>(
      pk,
      'GET',
      `${OFFICE}/documents?caseId=${caseId}`,
    );
    const issued = after.items[0]!;
    expect(issued).toMatchObject({ kind: 'progress_report', status: 'issued', caseId });
    expect(before.items.map((d) => d.id)).not.toContain(issued.id);
    expect(await panel.getByTestId('document-notice').textContent()).toBe(
      `Laporan perkembangan diterbitkan dengan nomor ${issued.number}`,
    );
    const first = panel.getByTestId('document').first();
    expect(await first.getAttribute('data-id')).toBe(issued.id);
    expect(await first.getByTestId('document-number').textContent()).toBe(issued.number);
    expect(await first.textContent()).toContain('Berlaku');
    await expectFits(page, 'documents panel on a desktop');
    await part(page, 'documents-panel', 'documents-case-panel-desktop');
    await screenshot(page, 'documents-case-desktop');

    // "Unduh" opens the stored file (a 15-minute link) in a new tab.
    const opened = context.waitForEvent('request', (r) => r.url().includes(`${issued.id}.pdf`));
    await first.getByTestId('document-download').click();
    await opened;

    await page.setViewportSize(VIEWPORTS.phone);
    await panel.scrollIntoViewIfNeeded();
    await expectFits(page, 'documents panel on a phone');
    await part(page, 'documents-panel', 'documents-case-panel-phone');
    expect(errors).toEqual([]);
    await context.close();

    // Signed out, the verification page shows the record; the stored PDF matches, a changed one not.
    const read = await call<OfficialDocument>(pk, 'GET', `${OFFICE}/documents/${issued.id}`);
    const pdf = new Uint8Array(await (await fetch(read.downloadUrl!)).arrayBuffer());
    expect(sha256(pdf)).toBe(issued.fileSha256);
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      const visitor = await openSession(viewport);
      await visitor.page.goto(issued.verificationUrl);
      await visitor.page.getByTestId('verify-number').waitFor();
      expect(await visitor.page.getByTestId('verify-number').textContent()).toBe(issued.number);
      expect(await visitor.page.getByTestId('verify-status').getAttribute('data-status')).toBe('issued');
      expect(await visitor.page.getByTestId('verify-status').textContent()).toContain('Berlaku');
      expect(await visitor.page.getByTestId('verify-fingerprint').textContent()).toBe(
        (issued.fingerprint.slice(0, 16).match(/.{4}/g) ?? []).join(' '),
      );
      expect(await visitor.page.getByTestId('verify-file-sha').textContent()).toBe(issued.fileSha256);
      expect(await visitor.page.getByTestId('verify-initials').textContent()).toBe('R.H.');
      expect(await visitor.page.getByTestId('verify').textContent()).not.toContain('Rudi Hartono');

      const input = visitor.page.getByTestId('file-check-input');
      const result = visitor.page.getByTestId('file-check-result');
      await input.setInputFiles({
        name: 'laporan.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(pdf),
      });
      await result.locator('[data-matches]').waitFor();
      expect(await result.locator('[data-matches]').getAttribute('data-matches')).toBe('true');
      expect(await result.textContent()).toContain('Cocok');
      expect(await result.textContent()).toContain(issued.fileSha256);
      await expectFits(visitor.page, `verification page at ${viewport.width} px`);
      await screenshot(visitor.page, `documents-verify-${size}`);

      const changed = Buffer.concat([Buffer.from(pdf), Buffer.from('\n%tampered\n')]);
      await input.setInputFiles({ name: 'diubah.pdf', mimeType: 'application/pdf', buffer: changed });
      await expect.poll(() => result.locator('[data-matches]').getAttribute('data-matches')).toBe('false');
      expect(await result.textContent()).toContain('Tidak cocok');
      expect(visitor.errors).toEqual([]);
      await visitor.context.close();
    }
  });

  it("issues a site's daftar hadir and the office's monthly report, whose XLSX downloads", async () => {
    await ensureDocumentSettings();
    const { context, page, errors } = await signedIn('pk.palopo', PALOPO);

    // The site page: the month's attendance sheet, previewed and issued, first in the site's list.
    await page.goto(`${PALOPO}/sites/${MASJID}`);
    const site = page.getByTestId('site-documents');
    await site.scrollIntoViewIfNeeded();
    await site.locator('[data-testid="documents"], [data-testid="documents-empty"]').first().waitFor();
    await site.getByTestId('attendance-preview').click();
    await page.getByTestId('document-preview').getByTestId('document-preview-frame').waitFor();
    await page.getByTestId('document-issue').click();
    await site.getByTestId('document-notice').waitFor();
    const sheet = site.getByTestId('document').first();
    expect(await sheet.textContent()).toContain('Daftar hadir');
    expect(await site.getByTestId('document-notice').textContent()).toContain(
      (await sheet.getByTestId('document-number').textContent())!,
    );
    await expectFits(page, 'site documents');
    await part(page, 'site-documents', 'documents-site-desktop');

    // The reports page: the monthly report for this month, then its workbook from the register.
    await page.goto(`${PALOPO}/reports`);
    const monthly = page.getByTestId('monthly-documents');
    await monthly.scrollIntoViewIfNeeded();
    await monthly.getByTestId('documents').waitFor();
    await monthly.getByTestId('monthly-preview').click();
    await page.getByTestId('document-preview').getByTestId('document-preview-frame').waitFor();
    await page.getByTestId('document-issue').click();
    await monthly.getByTestId('document-notice').waitFor();
    const report = monthly.getByTestId('document').first();
    expect(await report.textContent()).toContain('Laporan bulanan kantor');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      report.getByTestId('document-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = readFileSync((await download.path())!);
    expect(workbook.subarray(0, 2).toString()).toBe('PK');
    await expectFits(page, 'reports documents');
    await part(page, 'monthly-documents', 'documents-reports-desktop');
    await page.setViewportSize(VIEWPORTS.phone);
    await expectFits(page, 'reports documents on a phone');
    await part(page, 'monthly-documents', 'documents-reports-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says a completed case needs its berita acara to close, and issues it from the case page', async () => {
    await ensureDocumentSettings();
    const pk = await loginToken(baseUrl, 'pk.palopo');
    const caseId = await completedCase(pk);

    const { context, page, errors } = await signedIn('pk.palopo', PALOPO, VIEWPORTS.phone);
    await page.goto(`${PALOPO}/cases/${caseId}`);
    const panel = page.getByTestId('documents-panel');
    await panel.getByTestId('completion-needed').waitFor();
    // The list is read once the panel is near the screen.
    await panel.scrollIntoViewIfNeeded();
    expect(await panel.getByTestId('completion-needed').textContent()).toContain(
      'kasus baru dapat ditutup setelah berita acara terbit',
    );
    await panel.getByTestId('documents-empty').waitFor();
    await expectFits(page, 'completed case on a phone');
    await part(page, 'documents-panel', 'documents-completion-needed-phone');

    await panel.getByTestId('completion-preview').click();
    await page.getByTestId('document-preview').getByTestId('document-preview-open').waitFor();
    await page.getByTestId('document-issue').click();
    await panel.getByTestId('completion-issued').waitFor();
    const record = await call<{ completionRecord?: { number: string } }>(
      pk,
      'GET',
      `${OFFICE}/cases/${caseId}`,
    );
    expect(record.completionRecord).toBeDefined();
    expect(await panel.getByTestId('completion-issued').textContent()).toContain(
      record.completionRecord!.number,
    );
    expect(await panel.getByTestId('completion-needed').count()).toBe(0);
    await expectFits(page, 'completion record issued on a phone');
    await part(page, 'documents-panel', 'documents-completion-issued-phone');
    const closed = await call<{ status: string }>(pk, 'POST', `${OFFICE}/cases/${caseId}/transitions`, {
      to: 'closed',
      reason: 'Berita acara penyelesaian telah terbit',
    });
    expect(closed.status).toBe('closed');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says "Dokumen tidak ditemukan" for a link to no document', async () => {
    const visitor = await openSession(VIEWPORTS.phone);
    await visitor.page.goto(`/v/${randomUUID()}`);
    await visitor.page.getByTestId('verify-not-found').waitFor();
    expect(await visitor.page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Dokumen tidak ditemukan',
    );
    expect(await visitor.page.getByTestId('file-check').count()).toBe(0);
    await expectFits(visitor.page, 'unknown document');
    await screenshot(visitor.page, 'documents-verify-not-found-phone');
    await visitor.context.close();
  });

  it("shows the jaksa a case's documents without the buttons that issue them", async () => {
    const jaksa = await loginToken(baseUrl, 'jaksa.palopo');
    const caseId = await rudiCase(jaksa);
    const listed = await call<{ items: OfficialDocument[] }>(
      jaksa,
      'GET',
      `${OFFICE}/documents?caseId=${caseId}`,
    );
    expect(listed.items.length).toBeGreaterThan(0);

    const { context, page, errors } = await signedIn('jaksa.palopo', `${PALOPO}/cases`);
    await page.goto(`${PALOPO}/cases/${caseId}`);
    const panel = page.getByTestId('documents-panel');
    await panel.scrollIntoViewIfNeeded();
    await panel.getByTestId('documents').waitFor();
    expect(await panel.getByTestId('document').count()).toBe(listed.items.length);
    expect(await panel.getByTestId('document-download').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('progress-preview').count()).toBe(0);
    expect(await page.getByTestId('document-reissue').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
