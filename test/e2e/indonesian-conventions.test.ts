import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isoWeekday, palopoDate } from './api';
import { axeViolations, launchBrowser, openContext, signIn } from './browser';
import { typedDate } from './typed';

/**
 * Issue 20, item 2: Indonesian conventions whatever the browser's language. Chromium runs in en-US
 * (`--lang=en-US`, and an en-US context), where the browser's own date and time controls ask for
 * mm/dd/yyyy and AM/PM. The dashboard's inputs still take dates day first (05/12/2026) and times on
 * the 24-hour clock (14.30), and no screen shows AM/PM or a month-first date, in Indonesian or English.
 */

const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-11-13` → "13 November 2026" in the given month names, as prose and documents write it. */
const longDate = (iso: string, months: readonly string[]) =>
  `${Number(iso.slice(8, 10))} ${months[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

/**
 * A past date whose day is 13 or later: month first it would read as month 13+, so a month-first
 * rendering of it cannot pass for a day-first one.
 */
function pastDayAfterTwelve(fromOffset: number): string {
  for (let offset = fromOffset; ; offset--) {
    const date = palopoDate(offset);
    if (Number(date.slice(8, 10)) >= 13) return date;
  }
}

/** The page's text, as the user reads it (including what only a screen reader hears). */
const pageText = (page: Page) => page.evaluate(() => document.body.innerText);

/**
 * No AM/PM, and every date written in figures is day first: dd/mm/yyyy with a month of 12 or less
 * (a month-first 12/25/2026 has a "month" of 25). `where` names the screen in a failure.
 */
function expectIndonesianForms(text: string, where: string): void {
  expect(text.match(/\b(AM|PM)\b/g) ?? [], `${where}: AM/PM`).toEqual([]);
  const monthFirst = [...text.matchAll(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g)]
    .filter(([, day, month]) => Number(month) > 12 || Number(day) > 31)
    .map(([whole]) => whole);
  expect(monthFirst, `${where}: month-first dates`).toEqual([]);
  // Dates reach the user formatted, never as the API's ISO text.
  expect(text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [], `${where}: ISO dates`).toEqual([]);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser(['--lang=en-US']);
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(username: string, landing: (url: URL) => boolean) {
  const session = await openContext(browser, baseUrl);
  await session.page.goto('/login');
  await signIn(session.page, username);
  await session.page.waitForURL(landing);
  return session;
}

/** Opens `path` and waits until the screen has its heading and its data. */
async function open(page: Page, path: string): Promise<string> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
  return pageText(page);
}

describe('Indonesian dates and times in a browser set to en-US', () => {
  /** The case registered by the first test, read by the others. */
  let casePath = '';
  const decided = pastDayAfterTwelve(-10);
  const monthFirst = `${decided.slice(5, 7)}/${decided.slice(8, 10)}/${decided.slice(0, 4)}`;

  it('registers a client and a case with dates typed day first, and places it with 24-hour times', async () => {
    const { context, page, errors } = await signedIn('pk.palopo', (url) => url.pathname === PALOPO);
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');

    // The client, born on 15 April 1990 (the NIK carries the date), typed day first.
    const serial = String(Math.floor(1000 + Math.random() * 9000));
    const name = `Andi Makkasau ${serial}`;
    await page.goto(`${PALOPO}/clients/new`);
    await page.getByLabel('Nama lengkap').fill(name);
    await page.getByLabel('NIK').fill(`737301150490${serial}`);
    const born = page.getByLabel('Tanggal lahir');
    expect(await born.getAttribute('type')).toBe('text');
    expect(await born.getAttribute('placeholder')).toBe('hh/bb/tttt');
    await born.fill('15/04/1990');
    await page.getByLabel('Laki-laki').check();
    await page.getByLabel('Alamat').fill('Jl. Andi Djemma No. 5, Kota Palopo');
    await page.getByRole('button', { name: 'Simpan dan lanjut ke kasus' }).click();
    await page.waitForURL((url) => url.pathname === `${PALOPO}/cases/new`);
    await expect.poll(() => page.getByTestId('chosen-client').textContent()).toContain(name);

    // The decision date: the format shown and read out, then 05/12/2026 typed as Indonesians write it.
    const decision = page.getByLabel('Tanggal putusan');
    expect(await decision.getAttribute('placeholder')).toBe('hh/bb/tttt');
    const help = await decision.getAttribute('aria-describedby');
    expect(await page.locator(`#${help!.split(' ')[0]}`).textContent()).toContain('hh/bb/tttt');
    await decision.fill('05/12/2026');
    await decision.blur();
    expect(await decision.inputValue()).toBe('05/12/2026');
    expect(await decision.getAttribute('aria-invalid')).toBeNull();
    // Short forms are taken and written out in full once the field is left.
    await decision.fill('5-12-2026');
    await decision.blur();
    expect(await decision.inputValue()).toBe('05/12/2026');

    // Month first is refused with the reason under the field, and the form does not submit.
    const errorOf = (id: string) => page.locator(`#${id}-entry`);
    await decision.fill('12/25/2026');
    await decision.blur();
    expect(await errorOf('case-decision-date').textContent()).toContain('hari lebih dulu');
    expect(await decision.getAttribute('aria-invalid')).toBe('true');
    expect(await decision.getAttribute('aria-describedby')).toContain('case-decision-date-entry');
    // A date that does not exist is not moved to another day.
    await decision.fill('31/02/2026');
    await decision.blur();
    expect(await errorOf('case-decision-date').textContent()).toContain('Februari 2026 hanya punya 28 hari');
    expect(await axeViolations(page), 'new-case form with an entry refused').toEqual([]);
    await page.getByRole('button', { name: 'Daftarkan kasus' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('case-decision-date');
    expect(new URL(page.url()).pathname).toBe(`${PALOPO}/cases/new`);

    // The real case: decided on a day after the 12th, so a month-first rendering would show.
    await decision.fill(typedDate(decided));
    expect(await errorOf('case-decision-date').textContent()).toBe('');
    await page.getByLabel('Jumlah jam').fill('20');
    await page.getByLabel('Nomor putusan').fill(`${serial}/Pid.B/2026/PN Plp`);
    await page.getByLabel('Pengadilan', { exact: true }).fill('PN Palopo');
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
    casePath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByTestId('case-heading').textContent()).toBe(name);

    // The putusan's date in prose, as the court writes it; never month first.
    await expect.poll(() => pageText(page)).toContain(`PN Palopo, ${longDate(decided, MONTHS_ID)}`);
    expect(await pageText(page)).not.toContain(monthFirst);

    // Assessed, then placed with its hours typed on the 24-hour clock.
    await page.getByRole('button', { name: 'Catat asesmen (Litmas)' }).click();
    await page.getByLabel('Nomor Litmas').fill(`LITMAS-${serial}/2026`);
    await page.getByLabel('Rekomendasi').fill('Layak menjalani kerja sosial.');
    await page.getByLabel('Diberikan', { exact: true }).check();
    await page.getByRole('button', { name: 'Simpan asesmen' }).click();
    await expect.poll(() => page.locator('.head [data-status]').textContent()).toBe('Diasesmen');

    await page.getByRole('button', { name: 'Tempatkan di lokasi' }).click();
    await page.getByLabel('Lokasi kerja').selectOption('site-palopo-masjid-bara');
    const weekday = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'][
      isoWeekday(palopoDate(-1)) - 1
    ]!;
    await page.getByLabel(weekday, { exact: true }).check();
    await page.getByLabel('Dari tanggal').fill(typedDate(palopoDate(-5)));
    const start = page.getByLabel('Jam mulai');
    const end = page.getByLabel('Jam selesai');
    expect(await start.getAttribute('placeholder')).toBe('jj.mm');
    await start.fill('8.00');
    await start.blur();
    expect(await start.inputValue()).toBe('08.00');
    // AM/PM is refused with the 24-hour time it meant.
    await end.fill('2:30 PM');
    await end.blur();
    expect(await errorOf('placement-endTime').textContent()).toContain('14.30');
    await end.fill('1200');
    await end.blur();
    expect(await end.inputValue()).toBe('12.00');
    expect(await axeViolations(page), 'placement form').toEqual([]);
    await page.getByRole('button', { name: 'Simpan penempatan' }).click();
    await expect.poll(() => page.locator('.head [data-status]').textContent()).toBe('Ditempatkan');
    await expect.poll(() => page.getByTestId('placement').textContent()).toContain('08.00–12.00');
    expectIndonesianForms(await pageText(page), 'case page');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows no AM/PM and no month-first or ISO date on the main screens', async () => {
    expect(casePath).not.toBe('');
    const admin = await signedIn('admin.palopo', (url) => url.pathname === PALOPO);
    for (const path of [PALOPO, `${PALOPO}/cases`, casePath, `${PALOPO}/reports`, `${PALOPO}/retention`]) {
      const text = await open(admin.page, path);
      expectIndonesianForms(text, path);
      expect(text, path).not.toContain(monthFirst);
    }
    // The reports' month, shown mm/yyyy.
    await open(admin.page, `${PALOPO}/reports`);
    expect(await admin.page.getByLabel('Bulan', { exact: true }).inputValue()).toMatch(/^\d{2}\/\d{4}$/);
    expect(admin.errors).toEqual([]);
    await admin.context.close();

    const kanwil = await signedIn('kanwil.sulsel', (url) => url.pathname === '/region');
    await kanwil.page.getByTestId('region-table').waitFor();
    const region = await open(kanwil.page, '/region');
    expectIndonesianForms(region, 'region');
    // "as of" a date written out, not the API's ISO text.
    expect(region).toMatch(/per \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(kanwil.errors).toEqual([]);
    await kanwil.context.close();
  });

  it('in English still writes dates day first and times on the 24-hour clock', async () => {
    expect(casePath).not.toBe('');
    const { context, page, errors } = await signedIn('pk.palopo', (url) => url.pathname === PALOPO);
    await open(page, casePath);
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: /^EN\b/ }).click()]);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Putusan and sentence' }).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByTestId('placement').textContent()).toContain('08:00–12:00');
    const text = await pageText(page);
    expect(text).toContain(`PN Palopo, ${longDate(decided, MONTHS_EN)}`);
    expectIndonesianForms(text, 'case page in English');

    // The session form: today day first, the times as hh:mm.
    await page.getByRole('button', { name: 'Record a session' }).click();
    const date = page.locator('#session-new-date');
    expect(await date.getAttribute('placeholder')).toBe('dd/mm/yyyy');
    expect(await date.inputValue()).toBe(typedDate(palopoDate()));
    const start = page.getByLabel('Start time');
    expect(await start.getAttribute('placeholder')).toBe('hh:mm');
    await start.fill('14.30');
    await start.blur();
    expect(await start.inputValue()).toBe('14:30');
    await date.fill('12/25/2026');
    await date.blur();
    expect(await page.locator('#session-new-date-entry').textContent()).toContain('day first');
    expect(await axeViolations(page), 'session form in English').toEqual([]);

    expect(errors).toEqual([]);
    await context.close();
  });
});
