import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { MASJID, OFFICE, loginToken, palopoDate } from './api';
import { VIEWPORTS, axeViolations, browserForFile, expectFits, screenshot } from './browser';
import { typedDate } from './typed';

/**
 * Legal model v2 in the dashboard (issue 10): a child's case registered with its offence date and the
 * court's 5 hours a day, flagged for the office's advisory 3 and listed in needs-action; the new-case
 * form's three ways in (putusan, konversi denda, diversi); the assessment form; and the outcome form
 * with its terms on a referred case, whose clock is paused. Photographed at 1280 and 360 px.
 */

const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
const { signedIn } = browserForFile(baseUrl);

/** POSTs as pk.palopo and returns the created record (the API answers 201). */
async function postAs(token: string, path: string, body: unknown): Promise<{ id: string }> {
  const response = await fetch(`${baseUrl}${OFFICE}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.status, `${path}: ${text}`).toBeLessThan(300);
  return JSON.parse(text) as { id: string };
}

const serial = () => String(Math.floor(1000 + Math.random() * 9000));

/** An adult's case taken through the API to `referred`: assessed, placed, absent, warned, referred. */
async function referredCase(name: string): Promise<string> {
  const token = await loginToken(baseUrl, 'pk.palopo');
  const n = serial();
  const client = await postAs(token, '/clients', {
    fullName: name,
    nik: `737301150490${n}`,
    birthDate: '1990-04-15',
    sex: 'M',
    address: 'Jl. Merdeka No. 2, Kota Palopo',
  });
  const start = palopoDate(-20);
  const kase = await postAs(token, '/cases', {
    clientId: client.id,
    officerUsername: 'pk.palopo',
    prosecutor: { name: 'Rahmawati Said', office: 'Kejaksaan Negeri Palopo' },
    decision: {
      number: `${n}/Pid.B/2026/PN Plp`,
      court: 'PN Palopo',
      date: palopoDate(-25),
      offenceArticles: ['Pasal 476 UU 1/2023'],
      threatenedMaxMonths: 36,
      imposed: { prisonMonths: 3 },
      nonComplianceSanction: 'repeat',
    },
    sentence: {
      kind: 'kerja_sosial',
      hours: 40,
      maxHoursPerDay: 4,
      startDate: start,
      deadline: palopoDate(100),
    },
    consent: { given: true, recordedOn: palopoDate(-25) },
  });
  const base = `/cases/${kase.id}`;
  await postAs(token, `${base}/assessments`, {
    litmas: { number: `LITMAS-${n}/2026`, date: start },
    recommendation: 'Layak menjalani kerja sosial.',
    consent: { status: 'given', recordedOn: start },
  });
  await postAs(token, `${base}/placements`, {
    siteId: MASJID,
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    startTime: '08:00',
    endTime: '12:00',
    from: start,
    until: palopoDate(100),
  });
  const absent = await postAs(token, `${base}/sessions`, {
    date: palopoDate(-2),
    startTime: '08:00',
    endTime: '12:00',
    siteId: MASJID,
    outcome: 'unexcused_absence',
  });
  const warning = await postAs(token, `${base}/warnings`, {
    level: 1,
    reason: 'Tidak hadir tanpa alasan yang sah.',
    sessionIds: [absent.id],
  });
  await postAs(token, `${base}/referrals`, {
    reason: 'Tidak melaksanakan kerja sosial tanpa alasan yang sah.',
    warningIds: [warning.id],
  });
  return kase.id;
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

describe("a child's case under legal model v2", () => {
  it('registers a Pid.Sus-Anak decision with the offence date, flags the advisory hours and lists it in needs-action', async () => {
    const { context, page, errors } = await signedIn('pk.palopo', PALOPO);
    const n = serial();
    const name = `Andi Pratama ${n}`;

    // A child client, 16 today and 15 at the offence; a guardian is required for a child.
    await page.goto(`${PALOPO}/clients/new`);
    await page.getByLabel('Nama lengkap').fill(name);
    await page.getByLabel('NIK').fill(`737301010610${n}`);
    await page.getByLabel('Tanggal lahir').fill('01/06/2010');
    await page.getByLabel('Laki-laki').check();
    await page.getByLabel('Alamat').fill('Jl. Mangga No. 3, Kota Palopo');
    await page.getByLabel('Nama wali').fill('Hasnah');
    await page.getByLabel('Hubungan').fill('ibu');
    await page.getByRole('button', { name: 'Simpan dan lanjut ke kasus' }).click();
    await page.waitForURL(
      (url) => url.pathname === `${PALOPO}/cases/new` && url.search.startsWith('?client='),
    );
    await expect.poll(() => page.getByTestId('chosen-client').textContent()).toContain(name);

    await page.getByLabel('Nomor putusan').fill(`${n}/Pid.Sus-Anak/2026/PN Plp`);
    await expect
      .poll(() => page.locator('#case-decision-number-hint').textContent())
      .toContain('Pengadilan Negeri (PN)');
    await page.getByLabel('Pengadilan', { exact: true }).fill('PN Palopo');
    await page.getByLabel('Tanggal putusan').fill(typedDate(palopoDate(-10)));
    await page.getByLabel('Tanggal tindak pidana').fill(typedDate(palopoDate(-200)));
    await page.getByLabel('Pasal yang didakwakan').fill('Pasal 362 KUHP');
    await page.getByLabel('Jumlah jam').fill('30');
    // The court's 5 hours a day bind; above the office's advisory 3 they are flagged, not refused.
    await page.getByLabel('Jam per hari (maks.)').fill('5');
    await page.getByLabel('Mulai', { exact: true }).fill(typedDate(palopoDate(-5)));
    await page.getByLabel('Batas waktu').fill(typedDate(palopoDate(60)));
    await page.getByLabel('Nama jaksa').fill('Rahmawati Said');
    await page.getByLabel('Kejaksaan').fill('Kejaksaan Negeri Palopo');
    await page.getByLabel('Terdakwa menyetujui setelah mendapat penjelasan').check();
    const perDayHint = page.locator('#case-sentence-maxHoursPerDay-hint');
    await expect.poll(() => perDayHint.textContent()).toContain('Ditandai');
    expect(await perDayHint.getAttribute('class')).not.toContain('hint-bad');
    expect(await page.getByTestId('case-flags').textContent()).toContain('CHILD-ADVISORY-HOURS');
    await screenshot(page, 'new-case-child-flagged-desktop');
    await page.getByRole('button', { name: 'Daftarkan kasus' }).click();

    await page.waitForURL((url) => /^\/o\/bapas-palopo\/cases\/[0-9A-Z]{26}$/.test(url.pathname));
    await expect.poll(() => page.getByTestId('case-heading').textContent()).toBe(name);
    await expect.poll(() => page.getByTestId('legal').textContent()).toContain('CHILD-ADVISORY-HOURS');
    expect(await page.getByTestId('legal-panel').textContent()).toContain('Pengadilan Negeri (PN)');

    // Home: the flagged case needs action, with the rule named.
    await page.goto(PALOPO);
    const actions = page.getByTestId('needs-action');
    await actions.waitFor();
    const item = actions.locator('li', { hasText: name }).first();
    await expect.poll(() => item.textContent()).toContain('Ditandai: CHILD-ADVISORY-HOURS');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the v2 forms at 1280 and 360 px', () => {
  let referredId = '';

  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    it(`shows each way into a case, the assessment and the outcome with its terms at ${viewport.width} px`, async () => {
      referredId ||= await referredCase(`Hendra Wijaya ${serial()}`);
      const { context, page, errors } = await signedIn('pk.palopo', PALOPO, viewport);

      // The new-case form, each origin.
      await page.goto(`${PALOPO}/cases/new`);
      await page.getByLabel('Jumlah jam').waitFor();
      await page.getByLabel('Putusan pengadilan (Pasal 85 KUHP / Pasal 76 UU SPPA)').check();
      await page.getByLabel('Nomor putusan').fill('1234 K/Pid.Sus/2026');
      await expect
        .poll(() => page.locator('#case-decision-number-hint').textContent())
        .toContain('Mahkamah Agung (MA, kasasi)');
      await page.getByLabel('Pidana penjara yang dijatuhkan (bulan)').fill('4');
      await page.getByLabel('Pidana denda yang dijatuhkan (Rp)').fill('5000000');
      await page.getByLabel('Kerja sosial mengganti').waitFor();
      await expectFits(page, 'new-case-decision');
      await screenshot(page, `new-case-decision-${size}`);

      await page.getByLabel('Konversi denda tidak dibayar (Pasal 82 KUHP)').check();
      await page.getByLabel('Denda yang tidak dibayar (Rp)').fill('1025000');
      await expect.poll(() => page.getByTestId('conversion-hours').textContent()).toContain('21 jam');
      await page.getByLabel('Dasar hukum konversi').selectOption('KUHP 82');
      await expectFits(page, 'new-case-conversion');
      await screenshot(page, `new-case-conversion-${size}`);

      await page.getByLabel('Kesepakatan diversi (Pasal 6–14 UU SPPA)').check();
      await page.getByLabel('Nomor penetapan diversi').fill('3/Pen.Div/2026/PN Plp');
      expect(await page.getByLabel('Nomor putusan').count()).toBe(0);
      await page.getByLabel('Tanggal tindak pidana').waitFor();
      await expectFits(page, 'new-case-diversion');
      await expectAccessible(page);
      await screenshot(page, `new-case-diversion-${size}`);

      // The referred case: its clock is paused; the outcome form with the terms of a repeat.
      await page.goto(`${PALOPO}/cases/${referredId}`);
      await page.getByTestId('legal').waitFor();
      await expect
        .poll(() => page.getByTestId('clock-paused').textContent())
        .toContain('Jam dihentikan sementara');
      await page.getByRole('button', { name: 'Catat keputusan jaksa' }).click();
      await page.getByLabel('Keputusan', { exact: true }).selectOption('repeat');
      await page.getByLabel('Sebagian').check();
      await page.getByLabel('Jam yang diulang').fill('12');
      await page.getByLabel('Batas waktu baru').fill(typedDate(palopoDate(90)));
      await expectFits(page, 'case-outcome-form');
      await expectAccessible(page);
      await screenshot(page, `case-outcome-form-${size}`);
      await page.getByRole('button', { name: 'Batal' }).click();

      // The assessment form (a re-assessment of the same case).
      await page.getByRole('button', { name: 'Perbarui asesmen (Litmas)' }).click();
      await page.getByLabel('Nomor Litmas').waitFor();
      await expectFits(page, 'case-assessment-form');
      await expectAccessible(page);
      await screenshot(page, `case-assessment-form-${size}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('records a repeat of part of the hours: the case goes on under the new terms, its clock running', async () => {
    referredId ||= await referredCase(`Hendra Wijaya ${serial()}`);
    const { context, page, errors } = await signedIn('pk.palopo', PALOPO);
    await page.goto(`${PALOPO}/cases/${referredId}`);
    await page.getByTestId('clock-paused').waitFor();
    await page.getByRole('button', { name: 'Catat keputusan jaksa' }).click();
    await page.getByLabel('Keputusan', { exact: true }).selectOption('repeat');
    await page.getByLabel('Sebagian').check();
    await page.getByLabel('Jam yang diulang').fill('12');
    await page.getByLabel('Batas waktu baru').fill(typedDate(palopoDate(90)));
    await page.getByLabel('Diputuskan oleh').selectOption('jaksa');
    await page.getByLabel('Nomor penetapan/surat').fill('B-12/P.4.15/Eku.3/2026');
    await page.getByRole('button', { name: 'Simpan keputusan' }).click();
    const status = page.locator('.head [data-status]');
    await expect.poll(() => status.textContent()).not.toBe('Dirujuk ke jaksa');
    await expect
      .poll(() => page.getByTestId('case-terms').textContent())
      .toContain('menurut keputusan atas rujukan');
    expect(await page.getByTestId('clock-paused').count()).toBe(0);
    await screenshot(page, 'case-after-outcome-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });
});
