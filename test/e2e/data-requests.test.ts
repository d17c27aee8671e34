import { copyFile, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { apiAs, hhmm, OFFICE, palopoMinutes } from './api';
import { axeViolations, browserForFile, expectFits, screenshot, VIEWPORTS } from './browser';

/**
 * Data subjects' requests in the dashboard (UU 27/2022, ADR 0021): Palopo's admin logs a client's access
 * request, sees its 3×24-hour countdown, answers it with the client's export (both links work and the
 * JSON names the client) and finds it answered in the log. The client page's `?client=` hand-over opens
 * the form with the client chosen; a PK is shown the forbidden note. The screenshot goes to
 * docs/data-protection/requests.png for the README.
 */

const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
const { signedIn } = browserForFile(baseUrl);

describe('data subject requests', () => {
  it('logs an access request, counts down to its deadline, exports the client and shows it answered', async () => {
    const asAdmin = await apiAs(baseUrl, 'admin.palopo');
    const { items } = await asAdmin<{ items: { id: string; fullName: string }[] }>(
      `${OFFICE}/clients?limit=1`,
    );
    const client = items[0]!;
    const details = `Meminta salinan seluruh data saya ${Math.floor(1000 + Math.random() * 9000)}`;

    const admin = await signedIn('admin.palopo', PALOPO);
    const page = admin.page;
    await page
      .getByRole('navigation', { name: 'Menu kantor' })
      .getByRole('link', { name: 'Data pribadi' })
      .click();
    await page.getByTestId('pdp-requests').click();
    await page.waitForURL((url) => url.pathname === `${PALOPO}/data-requests`);
    await page.getByRole('button', { name: 'Catat permintaan' }).click();

    // The form: an access request (the first kind), the client found by the start of their name.
    const form = page.getByTestId('request-form');
    expect(await form.getByLabel('Jenis permintaan').inputValue()).toBe('access');
    await form.getByLabel('Cari klien menurut nama').fill(client.fullName.split(' ')[0]!);
    await form.getByRole('button', { name: 'Cari', exact: true }).click();
    await form
      .getByRole('listitem')
      .filter({ hasText: client.fullName })
      .getByRole('button', { name: 'Pilih' })
      .click();
    expect(await form.getByTestId('request-client').textContent()).toContain(client.fullName);
    await form.getByLabel('Diterima melalui').selectOption('letter');
    // The time in the 24-hour clock, shown and typed the Indonesian way with a point.
    const time = form.getByLabel('Jam diterima (WITA)');
    expect(await time.inputValue()).toMatch(/^([01]\d|2[0-3])\.[0-5]\d$/);
    await time.fill(hhmm(palopoMinutes()).replace(':', '.'));
    await form.getByLabel('Isi permintaan').fill(details);
    expect(await axeViolations(page), 'request form').toEqual([]);
    await form.getByRole('button', { name: 'Catat permintaan' }).click();

    // The request opens with its clock; the log lists it first among the open ones.
    const detail = page.getByTestId('request-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain(details);
    expect(await detail.getByTestId('request-countdown').textContent()).toMatch(/^sisa 7[12] jam$/);
    const row = page.locator(`[data-testid="data-request"]`).filter({ hasText: client.fullName }).first();
    await row.waitFor();
    expect(await row.getByTestId('request-countdown').getAttribute('data-tone')).toBe('running');
    expect(await row.getByRole('link', { name: client.fullName }).getAttribute('href')).toMatch(
      new RegExp(`^${PALOPO}/clients/${client.id}$`),
    );

    // The export answers it, with two links that say they last 15 minutes.
    const exporting = detail.getByTestId('export-panel');
    await exporting.getByRole('button', { name: 'Ekspor data' }).click();
    const json = exporting.getByTestId('export-json');
    await json.waitFor({ timeout: 30_000 });
    expect(await exporting.getByRole('status').textContent()).toContain('berlaku 15 menit');
    const exported = (await (await fetch((await json.getAttribute('href'))!)).json()) as {
      client: { id: string; fullName: string };
    };
    expect(exported.client).toMatchObject({ id: client.id, fullName: client.fullName });
    const pdf = await fetch((await exporting.getByTestId('export-pdf').getAttribute('href'))!);
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');

    await detail
      .getByTestId('request-status')
      .getByText(/^Dijawab /)
      .waitFor();
    expect(await detail.getByTestId('answer-form').count()).toBe(0);
    const id = await page
      .getByTestId('data-request')
      .filter({ hasText: client.fullName })
      .first()
      .getAttribute('data-id');
    await page.getByLabel('Tampilkan').selectOption('answered');
    const answered = page.locator(`[data-testid="data-request"][data-id="${id}"]`);
    await answered.waitFor();
    expect(await answered.textContent()).toContain('Dijawab');
    expect(await answered.getByTestId('request-countdown').textContent()).toBe('dijawab sebelum tenggat');

    await expectFits(page, 'data requests');
    const shot = await screenshot(page, 'data-requests-desktop');
    await mkdir(resolve(import.meta.dirname, '../../docs/data-protection'), { recursive: true });
    await copyFile(shot, resolve(import.meta.dirname, '../../docs/data-protection/requests.png'));
    expect(admin.errors).toEqual([]);

    // The client page's link: the form opens with that client chosen; it fits a phone.
    const phone = await signedIn('admin.palopo', PALOPO, VIEWPORTS.phone);
    await phone.page.goto(`${PALOPO}/data-requests?client=${encodeURIComponent(client.id)}`);
    const chosen = phone.page.getByTestId('request-client');
    await chosen.waitFor();
    expect(await chosen.textContent()).toContain(client.fullName);
    await phone.page.getByTestId('data-request').first().waitFor();
    await expectFits(phone.page, 'data requests, phone');

    // Later, the answered request gets new links to the same files instead of a second export.
    await phone.page
      .locator(`[data-testid="data-request"][data-id="${id}"]`)
      .getByRole('button', { name: 'Lihat' })
      .click();
    const panel = phone.page.getByTestId('request-detail').getByTestId('export-panel');
    await panel.getByTestId('export-relink').click();
    const again = panel.getByTestId('export-pdf');
    await again.waitFor();
    const refetched = await fetch((await again.getAttribute('href'))!);
    expect(new TextDecoder().decode((await refetched.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    expect(await axeViolations(phone.page), 'new links').toEqual([]);
    expect(phone.errors).toEqual([]);

    // A PK may read the log through the API but this screen is the admin's.
    const pk = await signedIn('pk.palopo', PALOPO);
    await pk.page.goto(`${PALOPO}/data-requests`);
    await pk.page.getByText('Peran Anda tidak mengizinkan tindakan ini.').waitFor();
    expect(await pk.page.getByTestId('data-requests').count()).toBe(0);
  });
});
