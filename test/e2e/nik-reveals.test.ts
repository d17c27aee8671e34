import { describe, expect, inject, it } from 'vitest';
import { apiAs, OFFICE } from './api';
import { copyFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { VIEWPORTS, axeViolations, browserForFile, expectFits, screenshot } from './browser';

/**
 * The office admin's review of NIK reveals: a PK reads a client's NIK in clear (through the API, with
 * a reason), and the admin finds that read, newest first, under "Data pribadi" → "Akses NIK". Other roles
 * have no such menu entry.
 */

const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
const { signedIn } = browserForFile(baseUrl);

describe('NIK reveals', () => {
  it("shows the admin who read which client's NIK and why; the PK's menu has no such entry", async () => {
    const reason = `Cocokkan dengan KTP asli ${Math.floor(1000 + Math.random() * 9000)}`;
    const asPk = await apiAs(baseUrl, 'pk.palopo');
    const { items } = await asPk<{ items: { id: string; fullName: string }[] }>(`${OFFICE}/clients?limit=1`);
    const client = items[0]!;
    const revealed = await asPk<{ nik: string; nikMasked: boolean }>(
      `${OFFICE}/clients/${client.id}?reveal=nik&reason=${encodeURIComponent(reason)}`,
    );
    expect(revealed.nikMasked).toBe(false);

    const admin = await signedIn('admin.palopo', PALOPO);
    await admin.page
      .getByRole('navigation', { name: 'Menu kantor' })
      .getByRole('link', { name: 'Data pribadi' })
      .click();
    // The desk: one menu entry for the office's duties under UU 27/2022.
    await admin.page.getByRole('heading', { name: 'Pelindungan data pribadi', level: 1 }).waitFor();
    expect(await axeViolations(admin.page)).toEqual([]);
    const desk = await screenshot(admin.page, 'data-protection-desk');
    await copyFile(desk, resolve(import.meta.dirname, '../../docs/data-protection/desk.png'));
    await admin.page.getByTestId('pdp-reveals').click();
    await admin.page.waitForURL((url) => url.pathname === `${PALOPO}/audit/nik-reveals`);
    const newest = admin.page.getByTestId('nik-reveal').first();
    await newest.waitFor();
    const row = await newest.textContent();
    expect(row).toContain(reason);
    expect(row).toContain('pk.palopo');
    expect(row).toContain(client.fullName);
    expect(row).not.toContain(revealed.nik);
    await expectFits(admin.page, 'nik reveals');
    await screenshot(admin.page, 'nik-reveals-desktop');
    expect(admin.errors).toEqual([]);

    const phone = await signedIn('admin.palopo', PALOPO, VIEWPORTS.phone);
    await phone.page.goto(`${PALOPO}/audit/nik-reveals`);
    await phone.page.getByTestId('nik-reveal').first().waitFor();
    await expectFits(phone.page, 'nik reveals, phone');

    const pk = await signedIn('pk.palopo', PALOPO);
    const menu = pk.page.getByRole('navigation', { name: 'Menu kantor' });
    await menu.getByRole('link', { name: 'Kasus', exact: true }).waitFor();
    expect(await menu.getByRole('link', { name: 'Data pribadi' }).count()).toBe(0);
  });
});
