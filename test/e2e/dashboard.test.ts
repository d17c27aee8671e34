import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { apiAs, isoWeekday, palopoDate } from './api';
import { VIEWPORTS, axeViolations, browserForFile, expectFits, screenshot, signIn } from './browser';
import { typedDate } from './typed';

/**
 * The dashboard's screens against the real local stack and its demo seed: a PK's day from sign-in to
 * a recorded session, other offices' data staying invisible, the office picker, and every main
 * screen checked with axe and photographed at 1280 and 360 px (test-results/screenshots/).
 */

const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
const { openSession, signedIn } = browserForFile(baseUrl);

async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

describe("a PK's day", () => {
  it('signs in, reads the office, registers a client and a case, assesses, places and records a session', async () => {
    const { context, page, errors } = await openSession();
    await page.goto('/');
    await page.waitForURL('**/login?next=/');
    await signIn(page, 'pk.palopo');

    // Home: the office's numbers and what needs action today.
    await page.waitForURL((url) => url.pathname === PALOPO);
    await expect.poll(() => heading(page).textContent()).toBe('Bapas Kelas II Palopo');
    await page.getByTestId('kpi-open').waitFor();
    expect(await page.getByTestId('kpi-open').textContent()).toMatch(/Kasus berjalan\s*\d+/);
    expect(await page.getByTestId('kpi-offtrack').textContent()).toMatch(/Tertinggal\s*[1-9]/);
    expect(await page.getByTestId('kpi-sessions').textContent()).toMatch(/Sesi minggu ini\s*\d+/);
    // Hours per week: eight weeks, and the demo's sessions of the last weeks show up in them.
    const weeks = page.locator('[data-testid^="week-"]');
    expect(await weeks.count()).toBe(8);
    const labels = await weeks.evaluateAll((items) =>
      items.map((item) => item.getAttribute('aria-label') ?? ''),
    );
    expect(labels.some((label) => /: [1-9][\d.,]* jam/.test(label))).toBe(true);
    const actions = page.getByTestId('needs-action');
    await actions.waitFor();
    expect(await actions.textContent()).toContain('Yusuf Mallarangeng');
    expect(await actions.textContent()).toContain('Sri Wahyuni');

    // The case list, filtered by status through the URL.
    await page
      .getByRole('navigation', { name: 'Menu kantor' })
      .getByRole('link', { name: 'Kasus', exact: true })
      .click();
    await page.waitForURL((url) => url.pathname === `${PALOPO}/cases`);
    await page.getByTestId('case-list').waitFor();
    expect(await page.getByTestId('case-list').textContent()).toContain('Rudi Hartono');
    await page.getByLabel('Status').selectOption('warned');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.waitForURL((url) => url.search === '?status=warned');
    await expect.poll(() => page.getByTestId('case-list').textContent()).not.toContain('Rudi Hartono');
    expect(await page.getByTestId('case-list').textContent()).toContain('Sri Wahyuni');

    // A new client; the NIK carries the birth date (15-04-1990) and a serial unique to this run.
    const serial = String(Math.floor(1000 + Math.random() * 9000));
    const name = `Budi Santoso ${serial}`;
    await page.getByRole('link', { name: 'Klien baru' }).click();
    await page.waitForURL((url) => url.pathname === `${PALOPO}/clients/new`);
    await page.getByLabel('Nama lengkap').fill(name);
    await page.getByLabel('NIK').fill(`737301150490${serial}`);
    await page.getByLabel('Tanggal lahir').fill('15/04/1990');
    await page.getByLabel('Laki-laki').check();
    await page.getByLabel('Alamat').fill('Jl. Merdeka No. 1, Kota Palopo');
    await page.getByRole('button', { name: 'Simpan dan lanjut ke kasus' }).click();

    // The new case, with the law explained while typing.
    await page.waitForURL(
      (url) => url.pathname === `${PALOPO}/cases/new` && url.search.startsWith('?client='),
    );
    await expect.poll(() => page.getByTestId('chosen-client').textContent()).toContain(name);
    const hours = page.getByLabel('Jumlah jam');
    await hours.fill('300');
    const hoursHint = page.locator('#case-sentence-hours-hint');
    await expect.poll(() => hoursHint.getAttribute('class')).toContain('hint-bad');
    expect(await hoursHint.textContent()).toContain('8–240 jam');
    await hours.fill('20');
    await expect.poll(() => hoursHint.getAttribute('class')).not.toContain('hint-bad');
    await page.getByLabel('Nomor putusan').fill(`${serial}/Pid.B/2026/PN Plp`);
    await page.getByLabel('Pengadilan', { exact: true }).fill('PN Palopo');
    await page.getByLabel('Tanggal putusan').fill(typedDate(palopoDate(-10)));
    await page.getByLabel('Ancaman pidana maksimum (bulan)').fill('36');
    await page.getByLabel('Pasal yang didakwakan').fill('Pasal 476 UU 1/2023');
    await page.getByLabel('Pidana penjara yang dijatuhkan (bulan)').fill('3');
    await page.getByLabel('Sanksi bila tidak dilaksanakan').selectOption('repeat');
    await page.getByLabel('Jam per hari (maks.)').fill('4');
    await page.getByLabel('Mulai', { exact: true }).fill(typedDate(palopoDate(-5)));
    await page.getByLabel('Batas waktu').fill(typedDate(palopoDate(60)));
    await page.getByLabel('Nama jaksa').fill('Rahmawati Said');
    await page.getByLabel('Kejaksaan').fill('Kejaksaan Negeri Palopo');
    await page.getByLabel('Terdakwa menyetujui setelah mendapat penjelasan').check();
    await page.getByRole('button', { name: 'Daftarkan kasus' }).click();

    await page.waitForURL((url) => /^\/o\/bapas-palopo\/cases\/[0-9A-Z]{26}$/.test(url.pathname));
    await expect.poll(() => page.getByTestId('case-heading').textContent()).toBe(name);
    const status = page.locator('.head [data-status]');
    expect(await status.textContent()).toBe('Diterima');
    const credited = page.locator('.head').getByTestId('hours-credited');
    expect(await credited.textContent()).toBe('0 dari 20 jam');

    // Assessment (Litmas): its own form, not a status change (the status form no longer offers it).
    await page.getByRole('button', { name: 'Catat asesmen (Litmas)' }).click();
    await page.getByLabel('Nomor Litmas').fill(`LITMAS-${serial}/2026`);
    await page.getByLabel('Rekomendasi').fill('Layak menjalani kerja sosial di masjid.');
    await page.getByLabel('Diberikan', { exact: true }).check();
    await screenshot(page, 'case-assessment-received-desktop');
    await page.getByRole('button', { name: 'Simpan asesmen' }).click();
    await expect.poll(() => status.textContent()).toBe('Diasesmen');
    expect(await page.getByTestId('assessment-summary').textContent()).toContain(`LITMAS-${serial}/2026`);

    // Placement at the mosque in Kecamatan Bara; first with a day too long, which the API refuses
    // and the form shows beside the end time with the rule id.
    await page.getByRole('button', { name: 'Tempatkan di lokasi' }).click();
    await page.getByLabel('Lokasi kerja').selectOption('site-palopo-masjid-bara');
    // Yesterday's weekday, from the sentence's start: a session is credited only at a placement in force
    // on its date and weekday (CR-SESSION-SITE).
    const weekday = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'][
      isoWeekday(palopoDate(-1)) - 1
    ]!;
    await page.getByLabel(weekday, { exact: true }).check();
    await page.getByLabel('Dari tanggal').fill(typedDate(palopoDate(-5)));
    await page.getByLabel('Jam mulai').fill('08.00');
    await page.getByLabel('Jam selesai').fill('17.00');
    await page.getByRole('button', { name: 'Simpan penempatan' }).click();
    const endError = page.locator('#placement-endTime-error');
    await endError.waitFor();
    expect(await endError.textContent()).toContain('PL-PER-DAY');
    expect(await page.getByLabel('Jam selesai').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'case-placement-error-desktop');
    await page.getByLabel('Jam selesai').fill('12.00');
    await page.getByRole('button', { name: 'Simpan penempatan' }).click();
    await expect.poll(() => status.textContent()).toBe('Ditempatkan');
    expect(await page.getByTestId('placement').textContent()).toContain('Masjid Nurul Huda Balandai');

    // Yesterday's session at the mosque: the progress moves and the case becomes active.
    await page.getByRole('button', { name: 'Catat sesi' }).click();
    await page.getByLabel('Tanggal').fill(typedDate(palopoDate(-1)));
    await page.getByLabel('Jam mulai').fill('08.00');
    await page.getByLabel('Jam selesai').fill('12.00');
    await page.getByLabel('Hadir', { exact: true }).check();
    await page.getByRole('textbox', { name: /^Kegiatan/ }).fill('Membersihkan masjid');
    const save = page.getByRole('button', { name: 'Simpan sesi' });
    // A double click sends one request: the button is disabled while the first is pending.
    await save.dblclick();
    await expect.poll(() => credited.textContent()).toBe('4 dari 20 jam');
    await expect.poll(() => status.textContent()).toBe('Aktif');
    // Exactly one row (the double click sent one request), once the list has re-read after the save.
    await expect.poll(() => page.getByTestId('sessions').locator('li').count()).toBe(1);
    await expectAccessible(page);

    // English and back: the same case, the legal terms kept.
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: /^EN\b/ }).click()]);
    await expect.poll(() => credited.textContent()).toBe('4 of 20 hours');
    expect(await status.textContent()).toBe('Active');
    expect(await page.getByRole('heading', { name: 'Putusan and sentence' }).isVisible()).toBe(true);
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: /^ID\b/ }).click()]);
    await expect.poll(() => credited.textContent()).toBe('4 dari 20 jam');

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('offices', () => {
  it("shows another office's case as not found, by URL", async () => {
    const palopoCases = await (
      await apiAs(baseUrl, 'pk.palopo')
    )<{ items: { id: string }[] }>('/v1/offices/bapas-palopo/cases?limit=1');
    const caseId = palopoCases.items[0]!.id;
    const { context, page } = await openSession();
    await page.goto(`${PALOPO}/cases/${caseId}`);
    await page.waitForURL('**/login?next=**');
    await signIn(page, 'admin.makassar');
    await page.waitForURL((url) => url.pathname === `${PALOPO}/cases/${caseId}`);
    await page.getByTestId('not-found').waitFor();
    expect(await heading(page).textContent()).toBe('Tidak ditemukan');
    // Under their own office the same id is just as unknown (the API answers 404).
    await page.goto(`/o/bapas-makassar/cases/${caseId}`);
    await page.getByTestId('not-found').waitFor();
    await context.close();
  });

  it('lands the Kanwil on its region, and lets it pick an office to read', async () => {
    const { context, page, errors } = await signedIn('kanwil.sulsel', (url) => url.pathname === '/region');
    const picker = page.getByLabel('Kantor', { exact: true });
    await picker.waitFor();
    expect(await picker.locator('option').count()).toBeGreaterThan(1);
    await picker.selectOption('bapas-makassar');
    await page.waitForURL((url) => url.pathname === '/o/bapas-makassar');
    await expect.poll(() => heading(page).textContent()).toBe('Bapas Kelas I Makassar');
    // Read-only: no forms to register cases.
    expect(await page.getByRole('link', { name: 'Kasus baru' }).count()).toBe(0);
    // Its work is the region: `/` takes it back there.
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/region');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('main screens: accessibility and screenshots', () => {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    it(`pass axe and fit the screen at ${viewport.width} px`, async () => {
      const rudi = (
        await (
          await apiAs(baseUrl, 'pk.palopo')
        )<{ items: { id: string; client: { fullName: string } }[] }>(
          '/v1/offices/bapas-palopo/cases?limit=100',
        )
      ).items.find((c) => c.client.fullName === 'Rudi Hartono')!;
      const { context, page, errors } = await signedIn('pk.palopo', PALOPO, viewport);

      const screens: [string, string, () => Promise<unknown>][] = [
        ['home', PALOPO, () => page.getByTestId('needs-action').waitFor()],
        ['cases', `${PALOPO}/cases`, () => page.getByTestId('case-list').waitFor()],
        ['case', `${PALOPO}/cases/${rudi.id}`, () => page.getByTestId('sessions').waitFor()],
        ['new-case', `${PALOPO}/cases/new`, () => page.getByLabel('Jumlah jam').waitFor()],
        ['new-client', `${PALOPO}/clients/new`, () => page.getByLabel('NIK').waitFor()],
      ];
      for (const [name, path, ready] of screens) {
        await page.goto(path);
        await ready();
        await expectFits(page, name);
        await screenshot(page, `${name}-${size}`);
      }
      // The calendar view of the sessions.
      await page.goto(`${PALOPO}/cases/${rudi.id}`);
      await page.getByRole('button', { name: 'Kalender' }).click();
      await page.getByTestId('session-calendar').waitFor();
      await expectFits(page);
      await screenshot(page, `case-calendar-${size}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
