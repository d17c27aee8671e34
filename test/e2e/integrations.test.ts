import { describe, expect, inject, it } from 'vitest';
import { clientCredentialsToken } from '../support/local-tokens';
import { OFFICE } from './api';
import { VIEWPORTS, browserForFile, expectFits, screenshot } from './browser';

/**
 * The office admin's partner integrations in local mode: a machine client created on the screen, its
 * secret shown once and working at the token endpoint, rotated (the old secret refused) and revoked
 * (the token refused), in Indonesian, and the screen in English.
 */

const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
const { signedIn } = browserForFile(baseUrl);

async function clientToken(clientId: string, secret: string) {
  const { status, body } = await clientCredentialsToken(baseUrl, clientId, secret);
  return { status, token: body.access_token };
}

const casesWith = async (token: string | undefined) =>
  (await fetch(`${baseUrl}${OFFICE}/cases`, { headers: { authorization: `Bearer ${token}` } })).status;

describe('partner integrations', () => {
  it('creates a client whose secret works once shown, rotates it and revokes it', async () => {
    const name = `SIPP Kejari Uji ${Math.floor(1000 + Math.random() * 9000)}`;
    const { page } = await signedIn('admin.palopo', PALOPO);
    await page
      .getByRole('navigation', { name: 'Menu kantor' })
      .getByRole('link', { name: 'Integrasi' })
      .click();
    await page.waitForURL((url) => url.pathname === `${PALOPO}/integrations`);
    const list = page.getByTestId('integrations');
    await list.waitFor();
    // The seeded demo client is one of them.
    expect(await list.textContent()).toContain('demo-integration');
    await expectFits(page, 'integrations');

    await page.getByRole('button', { name: 'Buat klien mesin' }).click();
    await page.getByLabel('Nama sistem mitra').fill(name);
    await page.getByLabel('Mengunggah bukti').check();
    await page.getByRole('button', { name: 'Buat klien', exact: true }).click();
    const shown = page.getByTestId('integration-secret');
    await shown.waitFor();
    const clientId = (await page.getByTestId('client-id').textContent())!.trim();
    const secret = await page.getByLabel('Rahasia klien', { exact: true }).inputValue();
    expect(await shown.textContent()).toContain('hanya ditampilkan sekali');
    await expectFits(page, 'secret shown');
    await screenshot(page, 'integrations-secret-desktop');

    const first = await clientToken(clientId, secret);
    expect(first.status).toBe(200);
    expect(await casesWith(first.token)).toBe(200);
    await page.getByRole('button', { name: 'Selesai, sudah saya salin' }).click();
    // Gone from the page once closed: the browser keeps no copy.
    expect(await page.getByLabel('Rahasia klien', { exact: true }).count()).toBe(0);
    const row = list.getByRole('listitem').filter({ hasText: name });
    expect(await row.textContent()).toContain('Mengunggah bukti');

    await page.getByRole('button', { name: `Ganti rahasia ${name}` }).click();
    await page.getByRole('button', { name: 'Ya, ganti' }).click();
    await shown.waitFor();
    const rotated = await page.getByLabel('Rahasia klien', { exact: true }).inputValue();
    expect(rotated).not.toBe(secret);
    expect((await clientToken(clientId, secret)).status).toBe(401);
    const second = await clientToken(clientId, rotated);
    expect(second.status).toBe(200);
    await page.getByRole('button', { name: 'Selesai, sudah saya salin' }).click();

    await page.getByRole('button', { name: `Cabut ${name}` }).click();
    await page.getByRole('button', { name: 'Ya, cabut' }).click();
    await page.getByText(/Dicabut \(\d+\)/).waitFor();
    expect(await casesWith(second.token)).toBe(401);
    expect((await clientToken(clientId, rotated)).status).toBe(401);
  });

  it('reads in English at phone width', async () => {
    const { page } = await signedIn('admin.palopo', PALOPO, VIEWPORTS.phone);
    await page.getByRole('button', { name: 'EN, English' }).click();
    await page.goto(`${PALOPO}/integrations`);
    await page.getByRole('heading', { level: 1, name: 'Partner integrations' }).waitFor();
    await page.getByTestId('integrations').waitFor();
    expect(await page.getByTestId('integrations').textContent()).toContain('Read cases');
    await expectFits(page, 'integrations in English, phone');
  });
});
