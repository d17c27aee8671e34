import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { apiAs, palopoDate } from './api';
import { VIEWPORTS, browserForFile, expectFits, screenshot } from './browser';
import { typedDate } from './typed';

/**
 * The office admin's screens in local mode: inviting a person (the one-time set-password link, as
 * local mode sends no email), changing their roles, the invitee setting a password and signing in,
 * disabling; partners with their agreements, and work sites with capacity and a tile-free map.
 */

const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
const heading = (page: Page) => page.getByRole('heading', { level: 1 });

const { openSession, signedIn } = browserForFile(baseUrl);

describe('users', () => {
  it('invites a PK, who sets a password from the link and signs in; then changes roles and disables', async () => {
    const serial = String(Math.floor(1000 + Math.random() * 9000));
    const username = `pk.uji${serial}`;
    const fullName = `Nurul Hidayah ${serial}`;
    const admin = await signedIn('admin.palopo', PALOPO);
    const page = admin.page;
    await page
      .getByRole('navigation', { name: 'Menu kantor' })
      .getByRole('link', { name: 'Pengguna' })
      .click();
    await page.waitForURL((url) => url.pathname === `${PALOPO}/users`);
    await page.getByTestId('users').waitFor();
    expect(await page.getByTestId('users').textContent()).toContain('pengawas.bara');
    await expectFits(page, 'users');
    await screenshot(page, 'users-desktop');

    await page.getByRole('button', { name: 'Undang pengguna' }).click();
    // The browser's own checks first: a bad username is pointed out beside the field.
    await page.getByLabel('Nama lengkap').fill(fullName);
    await page.getByLabel('Nama pengguna').fill('PK Baru');
    await page.getByLabel('Email').fill(`${username}@example.invalid`);
    await page.getByRole('button', { name: 'Kirim undangan' }).click();
    await page.locator('#invite-username-error').waitFor();
    await page.getByLabel('Nama pengguna').fill(username);
    // A supervisor needs a site: choosing the role shows the sites.
    await page.getByLabel('Pengawas Lapangan').check();
    await page.getByLabel('Masjid Nurul Huda Balandai (Bara)').check();
    await page.getByLabel('Pengawas Lapangan').uncheck();
    expect(await page.getByLabel('Pembimbing Kemasyarakatan (PK)').isChecked()).toBe(true);
    await expectFits(page, 'invite form');
    await page.getByRole('button', { name: 'Kirim undangan' }).click();

    const invitation = page.getByTestId('invitation');
    await invitation.waitFor();
    expect(await invitation.textContent()).toContain(`${fullName} telah diundang`);
    const link = await page.getByLabel('Tautan undangan').inputValue();
    expect(link).toMatch(new RegExp(`^${baseUrl}/set-password\\?token=[^&]+$`));
    await page.getByRole('button', { name: 'Salin tautan' }).click();
    await expect
      .poll(() => invitation.textContent())
      .toMatch(/Tautan disalin\.|Tautan dipilih: salin dengan Ctrl\+C\./);
    await expectFits(page, 'invitation');
    await screenshot(page, 'users-invited-desktop');
    await page.getByRole('button', { name: 'Selesai' }).click();

    // The invitee, in a browser of their own, at 360 px.
    const invitee = await openSession(VIEWPORTS.phone);
    await invitee.page.goto(link);
    await expect.poll(() => heading(invitee.page).textContent()).toBe('Buat kata sandi Anda');
    await invitee.page.getByLabel('Kata sandi baru').fill('pendek');
    await invitee.page.getByLabel('Ulangi kata sandi').fill('pendek');
    await invitee.page.getByRole('button', { name: 'Simpan dan masuk' }).click();
    await invitee.page.locator('#set-password-password-error').waitFor();
    expect(await invitee.page.locator('#set-password-password-error').textContent()).toContain('minimal 12');
    await invitee.page.getByLabel('Kata sandi baru').fill('kerja-sosial-2026');
    await invitee.page.getByLabel('Ulangi kata sandi').fill('kerja-sosial-2026');
    await expectFits(invitee.page, 'set password');
    await screenshot(invitee.page, 'set-password-phone');
    await invitee.page.getByRole('button', { name: 'Simpan dan masuk' }).click();
    // A membership is pending until the person accepts it (issue 11): the account page asks.
    await invitee.page.getByRole('button', { name: /^Terima undangan .*Palopo/ }).click();
    await invitee.page.waitForURL((url) => url.pathname === PALOPO);
    await invitee.page.getByRole('link', { name: fullName }).waitFor();
    expect(await invitee.page.getByRole('link', { name: 'Kasus baru' }).count()).toBe(1);
    // The link is single-use.
    await invitee.page.goto(link);
    await invitee.page.getByLabel('Kata sandi baru').fill('kerja-sosial-2027');
    await invitee.page.getByLabel('Ulangi kata sandi').fill('kerja-sosial-2027');
    await invitee.page.getByRole('button', { name: 'Simpan dan masuk' }).click();
    await invitee.page
      .getByText('Tautan undangan ini tidak dikenal, sudah dipakai, atau kedaluwarsa')
      .waitFor();
    expect(invitee.errors).toEqual([]);
    await invitee.context.close();

    // Roles change with If-Match: the member's version. Read again, the member is active now.
    await page.reload();
    await page.getByTestId('users').waitFor();
    const row = page.getByTestId('users').getByRole('listitem').filter({ hasText: username });
    await page.getByRole('button', { name: `Ubah peran ${fullName}` }).click();
    await row.getByLabel('Jaksa').check();
    await row.getByRole('button', { name: 'Simpan peran' }).click();
    await expect.poll(() => row.textContent()).toContain('Jaksa');
    expect(await row.textContent()).toContain('Pembimbing Kemasyarakatan (PK)');

    // Disabling keeps the record, listed apart.
    await page.getByRole('button', { name: `Nonaktifkan ${fullName}` }).click();
    await page.getByRole('button', { name: 'Ya, nonaktifkan' }).click();
    await expect.poll(() => page.getByTestId('users').textContent()).not.toContain(username);
    await page.getByText(/^Dinonaktifkan \(\d+\)$/).click();
    expect(await page.locator('details').textContent()).toContain(username);
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  });
});

describe('partners and sites', () => {
  it('lists agreements with expiring ones highlighted, adds a partner and a site, and shows capacity and location', async () => {
    const serial = String(Math.floor(1000 + Math.random() * 9000));
    const partnerName = `Yayasan Peduli Luwu ${serial}`;
    const { context, page, errors } = await signedIn('admin.palopo', PALOPO);
    await page.getByRole('link', { name: 'Mitra & lokasi' }).click();
    await page.waitForURL((url) => url.pathname === `${PALOPO}/partners`);
    const partners = page.getByTestId('partners');
    await partners.waitFor();
    const city = page.getByTestId('partner').filter({ hasText: 'Pemerintah Kota Palopo' });
    expect(await city.locator('[data-agreement]').getAttribute('data-agreement')).toBe('valid');
    expect(await city.textContent()).toContain('Masjid Nurul Huda Balandai');
    expect(await page.getByTestId('partner').filter({ hasText: 'CV Sinar Luwu' }).textContent()).toContain(
      'Komersial',
    );

    // A partner whose PKS ends in ten days: expiring.
    await page.getByRole('link', { name: 'Mitra baru' }).click();
    await page.waitForURL((url) => url.pathname === `${PALOPO}/partners/new`);
    await page.getByLabel('Nama mitra').fill(partnerName);
    await page.getByLabel('Jenis').selectOption('social');
    await page.getByLabel('Nomor PKS').fill(`PKS/${serial}/BAPAS-PLP/XI/2026`);
    await page.getByLabel('Tanggal ditandatangani').fill(typedDate(palopoDate(-355)));
    await page.getByLabel('Berlaku mulai').fill(typedDate(palopoDate(-355)));
    await page.getByLabel('Berlaku sampai').fill(typedDate(palopoDate(10)));
    await page.getByLabel('Nama narahubung').fill('Hj. Andi Tenri');
    await page.getByLabel(/^Telepon/).fill('0812 3456 7890');
    await expectFits(page, 'new partner');
    await page.getByRole('button', { name: 'Simpan mitra' }).click();
    await page.waitForURL((url) => /^\/o\/bapas-palopo\/partners\/[0-9A-Za-z-]+$/.test(url.pathname));
    await expect.poll(() => heading(page).textContent()).toBe(partnerName);
    expect(await page.locator('[data-agreement]').getAttribute('data-agreement')).toBe('expiring');
    expect(await page.getByText('PKS ini berakhir dalam 30 hari').isVisible()).toBe(true);

    // Its first work site, with the map drawn as the coordinates are typed.
    await page.getByRole('link', { name: 'Lokasi baru' }).click();
    await page.waitForURL((url) => url.pathname === `${PALOPO}/sites/new`);
    expect(await page.getByLabel('Mitra', { exact: true }).inputValue()).not.toBe('');
    await page.getByLabel('Nama lokasi').fill(`Taman Baca ${serial}`);
    await page.getByLabel('Alamat', { exact: true }).fill('Jl. Kelapa No. 7');
    await page.getByLabel('Kelurahan/desa').fill('Surutanga');
    await page.getByLabel('Kecamatan').fill('Wara Timur');
    await page.getByLabel('Kabupaten/kota').fill('Kota Palopo');
    await page.getByLabel('Lintang (latitude)').fill('-2.99');
    await page.getByLabel('Bujur (longitude)').fill('120.19');
    await page.getByLabel('Radius (meter)').fill('150');
    await page.getByTestId('site-map').waitFor();
    await page.getByLabel('Kapasitas per hari').fill('3');
    await page.getByLabel('Kegiatan').fill('Merapikan buku\nMembersihkan halaman');
    await expectFits(page, 'new site');
    await screenshot(page, 'site-new-desktop');
    await page.getByRole('button', { name: 'Simpan lokasi' }).click();
    await page.waitForURL((url) => /^\/o\/bapas-palopo\/sites\/[0-9A-Za-z-]+$/.test(url.pathname));
    await expect.poll(() => heading(page).textContent()).toBe(`Taman Baca ${serial}`);
    expect(await page.getByTestId('coordinates').textContent()).toBe('2,99000° LS, 120,19000° BT');
    expect(await page.getByTestId('occupancy').locator('td .numbers').allTextContents()).toEqual(
      Array.from({ length: 7 }, () => '0/3'),
    );

    // Back on the list, the expiring agreement is flagged.
    await page
      .getByRole('navigation', { name: 'Menu kantor' })
      .getByRole('link', { name: 'Mitra & lokasi' })
      .click();
    await page.getByTestId('partners').waitFor();
    const mine = page.getByTestId('partner').filter({ hasText: partnerName });
    expect(await mine.locator('[data-agreement]').textContent()).toContain('Segera berakhir');
    expect(await mine.getAttribute('class')).toContain('attention-expiring');
    expect(await mine.textContent()).toContain(`Taman Baca ${serial}`);
    expect(await page.getByTestId('agreement-alert').textContent()).toMatch(
      /[1-9]\d* PKS berakhir dalam 30 hari\./,
    );
    await expectFits(page, 'partners');
    await screenshot(page, 'partners-desktop');

    // Renewing the PKS (PATCH with If-Match) makes it valid.
    await mine.getByRole('link', { name: partnerName }).click();
    await page.getByRole('button', { name: 'Ubah' }).click();
    await page.getByLabel('Berlaku sampai').fill(typedDate(palopoDate(400)));
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await expect.poll(() => page.locator('[data-agreement]').getAttribute('data-agreement')).toBe('valid');

    // The mosque: capacity in use per weekday as the API counts it.
    const api = await apiAs(baseUrl, 'admin.palopo');
    const masjid = await api<{ capacity: number; occupancy: Record<string, number> }>(
      '/v1/offices/bapas-palopo/sites/site-palopo-masjid-bara',
    );
    await page.goto(`${PALOPO}/sites/site-palopo-masjid-bara`);
    await page.getByTestId('occupancy').waitFor();
    expect(await page.getByTestId('occupancy').locator('td .numbers').allTextContents()).toEqual(
      ['1', '2', '3', '4', '5', '6', '7'].map((d) => `${masjid.occupancy[d]}/${masjid.capacity}`),
    );
    expect(await page.getByTestId('coordinates').textContent()).toBe('2,97120° LS, 120,17880° BT');
    await expectFits(page, 'site');
    await screenshot(page, 'site-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fit a 360 px screen', async () => {
    const { context, page, errors } = await signedIn('admin.palopo', PALOPO, VIEWPORTS.phone);
    const screens: [string, string, string][] = [
      ['partners', `${PALOPO}/partners`, 'partners'],
      ['partner', `${PALOPO}/partners/partner-palopo-pemkot`, 'partner-sites'],
      ['site', `${PALOPO}/sites/site-palopo-masjid-bara`, 'site-map'],
      ['users', `${PALOPO}/users`, 'users'],
    ];
    for (const [name, path, testId] of screens) {
      await page.goto(path);
      await page.getByTestId(testId).waitFor();
      await expectFits(page, name);
      await screenshot(page, `${name}-phone`);
    }
    await page.goto(`${PALOPO}/sites/new`);
    await page.getByLabel('Nama lokasi').waitFor();
    await page.getByLabel('Lintang (latitude)').fill('-2.9712');
    await page.getByLabel('Bujur (longitude)').fill('120.1788');
    await page.getByTestId('site-map').waitFor();
    await expectFits(page, 'new site');
    await screenshot(page, 'site-new-phone');
    expect(errors).toEqual([]);
    await context.close();
  });
});
