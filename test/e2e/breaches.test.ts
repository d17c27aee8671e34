import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { apiAs, OFFICE, palopoDate } from './api';
import { VIEWPORTS, browserForFile, expectFits } from './browser';
import { typedDate } from './typed';

/**
 * The breach register in the dashboard (UU 27/2022 Pasal 46, ADR 0022): Palopo's admin records a breach
 * naming Makassar too; both admins' home pages show its 3×24-hour clock; the breach page lists the
 * affected clients from the audit log, takes the two written notices and then the closing, after which
 * the home banner is gone. Screenshots go to docs/data-protection/ for the README.
 */

const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
const MAKASSAR = '/o/bapas-makassar';
const DOCS = resolve(import.meta.dirname, '../../docs/data-protection');
const { signedIn } = browserForFile(baseUrl);

async function docsShot(page: Page, name: string) {
  mkdirSync(DOCS, { recursive: true });
  await page.screenshot({ path: resolve(DOCS, `${name}.png`), fullPage: true });
}

describe('breach register', () => {
  it('opens a breach for two offices, shows the clock on both homes, records notices and closes', async () => {
    const what = `Daftar klien terkirim ke surel yang salah ${Math.floor(1000 + Math.random() * 9000)}`;
    // A PK reads a client's NIK just now: an audit entry inside the exposure window below.
    const asPk = await apiAs(baseUrl, 'pk.palopo');
    const { items } = await asPk<{ items: { id: string; fullName: string }[] }>(`${OFFICE}/clients?limit=1`);
    const touched = items[0]!;
    await asPk(`${OFFICE}/clients/${touched.id}?reveal=nik&reason=${encodeURIComponent('Cek KTP')}`);

    const admin = await signedIn('admin.palopo', PALOPO);
    const page = admin.page;
    await page
      .getByRole('navigation', { name: 'Menu kantor' })
      .getByRole('link', { name: 'Data pribadi' })
      .click();
    await page.getByTestId('pdp-breaches').click();
    await page.waitForURL((url) => url.pathname === `${PALOPO}/breaches`);
    await page.getByRole('button', { name: 'Catat insiden' }).click();
    await page.getByLabel('Apa yang terjadi').fill(what);
    // Exposed since yesterday morning: the demo seed's audit entries fall inside the window.
    const exposedFrom = page.getByRole('group', { name: 'Data terpapar sejak' });
    await exposedFrom.getByLabel('Tanggal').fill(typedDate(palopoDate(-1)));
    await exposedFrom.getByLabel('Jam').fill('00.00');
    await page.getByLabel('Kantor terdampak').fill('bapas-palopo, bapas-makassar');
    await page.getByLabel('Klien', { exact: true }).check();
    await page.getByLabel('Kasus', { exact: true }).check();
    await expectFits(page, 'breach form');
    await page.getByRole('button', { name: 'Catat insiden' }).click();

    await page.waitForURL((url) => url.pathname.startsWith(`${PALOPO}/breaches/`));
    const clock = page.getByTestId('breach-clock');
    await clock.waitFor();
    expect(await clock.textContent()).toMatch(/^Sisa 7[12] jam untuk memberi tahu subjek data dan lembaga$/);
    await page.getByTestId('affected-window').waitFor();
    expect(await page.getByTestId('affected-window').textContent()).toContain('bapas-palopo');
    await page.getByTestId('affected-client').first().waitFor();
    expect(await page.getByTestId('affected-clients').textContent()).toContain(touched.fullName);
    await expectFits(page, 'breach page');
    await docsShot(page, 'breach');
    const breachPath = new URL(page.url()).pathname;

    // Both offices' admins see the banner on their home page, with the clock, linking to the breach.
    for (const [username, home] of [
      ['admin.palopo', PALOPO],
      ['admin.makassar', MAKASSAR],
    ] as const) {
      const session = username === 'admin.palopo' ? admin : await signedIn(username, home);
      await session.page.goto(home);
      const banner = session.page.getByTestId('breach-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toContain(what);
      expect(await banner.getByTestId('breach-clock').textContent()).toMatch(/^Sisa 7[12] jam/);
      await expectFits(session.page, `home banner ${username}`);
      if (username === 'admin.palopo') await docsShot(session.page, 'breach-home');
    }
    const phone = await signedIn('admin.palopo', PALOPO, VIEWPORTS.phone);
    await phone.page.getByTestId('breach-banner').waitFor();
    await expectFits(phone.page, 'home banner, phone');

    // The notices, then the closing.
    await page.goto(breachPath);
    for (const [audience, reference] of [
      ['Subjek data pribadi', 'B-12/PDP/XII/2026'],
      ['Lembaga (otoritas PDP)', 'B-13/PDP/XII/2026'],
    ] as const) {
      const form = page.getByRole('form', { name: audience });
      await form.getByLabel('Nomor surat / referensi').fill(reference);
      await form.getByRole('button', { name: 'Catat pemberitahuan' }).click();
      await page.getByText(reference).waitFor();
    }
    expect(await page.getByTestId('breach-status').textContent()).toBe('Sudah diberitahukan');
    expect(await clock.textContent()).toBe('Subjek data pribadi dan lembaga sudah diberi tahu.');
    const close = page.getByRole('form', { name: 'Tutup insiden' });
    await close
      .getByLabel('Ringkasan penanganan')
      .fill('Penerima menghapus surel dan menandatangani pernyataan.');
    await close.getByLabel('Bukti', { exact: true }).fill('Surat pernyataan penerima');
    await close.getByLabel('Referensi bukti').fill('SP-01/XII/2026');
    await expectFits(page, 'close form');
    await close.getByRole('button', { name: 'Tutup insiden' }).click();
    await page.getByTestId('breach-closing').waitFor();
    expect(await page.getByTestId('breach-status').textContent()).toBe('Ditutup');

    // Once the home page has asked for open breaches and had its answer, no banner is left.
    const asked = page.waitForResponse((r) => r.url().includes('/breaches?status=open'));
    await page.goto(PALOPO);
    expect((await (await asked).json()).items).toEqual([]);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByTestId('breach-banner').count()).toBe(0);
    expect(admin.errors).toEqual([]);
  });

  it("shows no register link in a PK's menu", async () => {
    const pk = await signedIn('pk.palopo', PALOPO);
    const menu = pk.page.getByRole('navigation', { name: 'Menu kantor' });
    await menu.getByRole('link', { name: 'Kasus', exact: true }).waitFor();
    expect(await menu.getByRole('link', { name: 'Data pribadi' }).count()).toBe(0);
  });
});
