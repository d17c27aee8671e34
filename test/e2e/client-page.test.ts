import { copyFile, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { apiAs, OFFICE } from './api';
import { axeViolations, browserForFile, expectFits, screenshot, VIEWPORTS } from './browser';

/**
 * The client page (issue 17): a PK opens a client from a case, reads the lawful basis, corrects the
 * address with a reason, and finds the correction with its reason in the client's history.
 */

const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
const { signedIn } = browserForFile(baseUrl);

describe('client page', () => {
  it('shows the lawful basis, takes a correction with its reason and lists it in the history', async () => {
    const asPk = await apiAs(baseUrl, 'pk.palopo');
    const { items } = await asPk<{ items: { id: string; client: { id: string } }[] }>(
      `${OFFICE}/cases?limit=1`,
    );
    const kase = items[0]!;

    const pk = await signedIn('pk.palopo', PALOPO);
    await pk.page.goto(`${PALOPO}/cases/${kase.id}`);
    await pk.page.getByTestId('client-link').click();
    await pk.page.waitForURL((url) => url.pathname === `${PALOPO}/clients/${kase.client.id}`);
    const basis = pk.page.getByTestId('lawful-basis');
    await basis.waitFor();
    expect(await basis.textContent()).toContain('Pasal 20 ayat (2) huruf c');

    const reason = `KTP baru dilihat ${Math.floor(1000 + Math.random() * 9000)}`;
    const address = `Jl. Andi Djemma ${Math.floor(10 + Math.random() * 80)}, Palopo`;
    await pk.page.getByRole('button', { name: 'Perbaiki data' }).click();
    const form = pk.page.getByTestId('correction-form');
    await form.getByLabel('Alamat').fill(address);
    await form.getByLabel('Alasan perbaikan').fill(reason);
    expect(await axeViolations(pk.page)).toEqual([]);
    await form.getByRole('button', { name: 'Simpan perbaikan' }).click();
    await pk.page.getByTestId('client-facts').getByText(address).waitFor();

    await pk.page.getByRole('heading', { name: 'Riwayat' }).click();
    const entry = pk.page.locator('ol.audit li').filter({ hasText: 'Data klien diperbaiki' }).first();
    await entry.waitFor();
    expect(await entry.textContent()).toContain(reason);
    expect(await axeViolations(pk.page)).toEqual([]);
    await expectFits(pk.page, 'client page');
    const shot = await screenshot(pk.page, 'client-page-desktop');
    await mkdir(resolve(import.meta.dirname, '../../docs/data-protection'), { recursive: true });
    await copyFile(shot, resolve(import.meta.dirname, '../../docs/data-protection/client.png'));
    expect(pk.errors).toEqual([]);

    const phone = await signedIn('pk.palopo', PALOPO, VIEWPORTS.phone);
    await phone.page.goto(`${PALOPO}/clients/${kase.client.id}`);
    await phone.page.getByTestId('lawful-basis').waitFor();
    await expectFits(phone.page, 'client page, phone');
  });
});
