import { describe, expect, inject, it } from 'vitest';
import { loginToken, OFFICE, palopoDate } from './api';
import { VIEWPORTS, browserForFile, expectFits, screenshot } from './browser';

/**
 * The office admin's webhooks (issue 13) in local mode: a subscription created on the screen (a
 * refused URL shown beside its field first), its secret shown once, paused and resumed, its secret
 * rotated (the old one still signing for a day), its delivery log read and replayed from an hour
 * ago, and deleted; every step checked against the API. The receiver is a closed port: whether the
 * local dispatcher has tried it yet or not, the log reads either way.
 */

const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
const RECEIVER = 'http://127.0.0.1:9/hook';
const { signedIn } = browserForFile(baseUrl);

interface HookItem {
  id: string;
  url: string;
  description?: string;
  eventTypes: string[];
  status: string;
  previousSecretUntil?: string;
}

async function webhooks(): Promise<HookItem[]> {
  const token = await loginToken(baseUrl, 'admin.palopo');
  const response = await fetch(`${baseUrl}${OFFICE}/webhooks`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: HookItem[] }).items;
}

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

/** A case registered by pk.palopo: the `case.registered` event the subscription hears. */
async function registerCase(): Promise<string> {
  const token = await loginToken(baseUrl, 'pk.palopo');
  const n = String(Math.floor(1000 + Math.random() * 9000));
  const client = await postAs(token, '/clients', {
    fullName: `Penerima Uji ${n}`,
    nik: `737301150590${n}`,
    birthDate: '1990-05-15',
    sex: 'M',
    address: 'Jl. Merdeka No. 3, Kota Palopo',
  });
  const kase = await postAs(token, '/cases', {
    clientId: client.id,
    officerUsername: 'pk.palopo',
    prosecutor: { name: 'Rahmawati Said', office: 'Kejaksaan Negeri Palopo' },
    decision: {
      number: `${n}/Pid.B/2026/PN Plp`,
      court: 'PN Palopo',
      date: palopoDate(-10),
      offenceArticles: ['Pasal 476 UU 1/2023'],
      threatenedMaxMonths: 36,
      imposed: { prisonMonths: 3 },
      nonComplianceSanction: 'repeat',
    },
    sentence: {
      kind: 'kerja_sosial',
      hours: 40,
      maxHoursPerDay: 4,
      startDate: palopoDate(1),
      deadline: palopoDate(120),
    },
    consent: { given: true, recordedOn: palopoDate(-10) },
  });
  return kase.id;
}

/** The subscription's delivery log as the API has it, once it holds at least one (the dispatcher is asynchronous). */
async function deliveriesOf(
  webhookId: string,
): Promise<{ caseId: string; status: string; eventType: string }[]> {
  const token = await loginToken(baseUrl, 'admin.palopo');
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${baseUrl}${OFFICE}/webhooks/${webhookId}/deliveries`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as {
      items: { caseId: string; status: string; eventType: string }[];
    };
    if (items.length > 0 || attempt >= 40) return items;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** An hour ago on Palopo's wall clock (WITA), as typed: the date day first, the time with a point. */
function anHourAgoInPalopo(): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Makassar',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() - 3_600_000));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { date: `${get('day')}/${get('month')}/${get('year')}`, time: `${get('hour')}.${get('minute')}` };
}

describe('webhooks', () => {
  it('creates a subscription, shows its secret once, pauses, resumes, rotates, reads its log and deletes it', async () => {
    const description = `SIPP Kejari Uji ${Math.floor(1000 + Math.random() * 9000)}`;
    const { page, errors } = await signedIn('admin.palopo', PALOPO);
    await page
      .getByRole('navigation', { name: 'Menu kantor' })
      .getByRole('link', { name: 'Webhook', exact: true })
      .click();
    await page.waitForURL((url) => url.pathname === `${PALOPO}/webhooks`);
    await page.getByRole('heading', { level: 2, name: 'Langganan webhook' }).waitFor();
    // Attached, not visible: with no subscription yet the list is empty and says so.
    await page.getByTestId('webhooks').waitFor({ state: 'attached' });
    if ((await webhooks()).length === 0) {
      expect(await page.getByRole('status').filter({ hasText: 'Belum ada webhook' }).count()).toBe(1);
    }
    await expectFits(page, 'webhooks');
    await screenshot(page, 'webhooks-empty-desktop');

    // A URL the API refuses (WH-URL) is marked at its field, with the API's reason.
    await page.getByRole('button', { name: 'Tambah webhook' }).click();
    const url = page.getByLabel('URL penerima');
    await url.fill('ftp://example.org/hook');
    await page.getByLabel('Perkara didaftarkan').check();
    await page.getByRole('button', { name: 'Buat webhook', exact: true }).click();
    await page.getByTestId('form-error').waitFor();
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    expect((await webhooks()).some((h) => h.description === description)).toBe(false);

    await url.fill(RECEIVER);
    await page.getByLabel('Keterangan').fill(description);
    await page.getByLabel('Sesi kerja dicatat (session.recorded)').check();
    await expectFits(page, 'webhook form');
    await page.getByRole('button', { name: 'Buat webhook', exact: true }).click();
    const shown = page.getByTestId('webhook-secret');
    await shown.waitFor();
    const secretField = page.getByLabel('Rahasia penandatangan', { exact: true });
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(await page.getByTestId('secret-once').textContent()).toContain('hanya ditampilkan sekali');
    expect(await shown.getByTestId('previous-secret').count()).toBe(0);
    await expectFits(page, 'webhook secret');
    await screenshot(page, 'webhooks-secret-desktop');

    const created = (await webhooks()).find((h) => h.description === description)!;
    expect(created).toMatchObject({
      url: RECEIVER,
      status: 'active',
      eventTypes: ['case.registered', 'session.recorded'],
    });
    await page.getByRole('button', { name: 'Selesai, sudah saya salin' }).click();
    // Gone once closed: the browser keeps no copy.
    expect(await secretField.count()).toBe(0);

    const row = page.getByTestId('webhooks').getByRole('listitem').filter({ hasText: description });
    expect(await row.textContent()).toContain('Perkara didaftarkan');
    expect(await row.textContent()).toContain('Sesi kerja dicatat');
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('active');
    const crumbs = page.getByRole('navigation', { name: 'Lokasi halaman' });

    // Before any event the log is empty, and says so.
    await row.getByRole('link', { name: `Log pengiriman webhook ${RECEIVER}` }).click();
    await page.waitForURL((u) => u.pathname === `${PALOPO}/webhooks/${created.id}`);
    await page.getByRole('heading', { level: 1, name: 'Log pengiriman' }).waitFor();
    const empty = page.getByTestId('deliveries-empty');
    await empty.waitFor();
    expect(await empty.textContent()).toBe('Belum ada pengiriman untuk webhook ini.');
    expect(await page.locator('main').textContent()).toContain(RECEIVER);
    await crumbs.getByRole('link', { name: 'Webhook' }).click();
    await page.waitForURL((u) => u.pathname === `${PALOPO}/webhooks`);

    // A case registered now is an event it hears; the receiver's port is closed, so it does not arrive.
    const caseId = await registerCase();
    const logged = (await deliveriesOf(created.id)).find((d) => d.caseId === caseId);
    expect(logged?.eventType).toBe('case.registered');
    expect(logged?.status).not.toBe('delivered');

    await row.getByRole('button', { name: `Jeda webhook ${RECEIVER}` }).click();
    await row.locator('[data-status="paused"]').waitFor();
    expect(await row.textContent()).toContain('Dijeda');
    expect((await webhooks()).find((h) => h.id === created.id)?.status).toBe('paused');
    await screenshot(page, 'webhooks-paused-desktop');
    await row.getByRole('button', { name: `Lanjutkan webhook ${RECEIVER}` }).click();
    await row.locator('[data-status="active"]').waitFor();
    expect((await webhooks()).find((h) => h.id === created.id)?.status).toBe('active');

    await row.getByRole('button', { name: `Ganti rahasia webhook ${RECEIVER}` }).click();
    await page.getByRole('button', { name: 'Ya, ganti' }).click();
    await shown.waitFor();
    const rotated = await secretField.inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    expect(await shown.getByTestId('previous-secret').textContent()).toMatch(
      /sampai \d{1,2} \w+ \d{4},? \d{2}\.\d{2} WITA/,
    );
    expect((await webhooks()).find((h) => h.id === created.id)?.previousSecretUntil).toBeTruthy();
    await page.getByRole('button', { name: 'Selesai, sudah saya salin' }).click();
    expect(await row.textContent()).toContain('Rahasia lama masih menandatangani sampai');
    await page.setViewportSize(VIEWPORTS.phone);
    await expectFits(page, 'webhooks, phone');
    await screenshot(page, 'webhooks-list-phone');
    await page.setViewportSize(VIEWPORTS.desktop);

    await row.getByRole('link', { name: `Log pengiriman webhook ${RECEIVER}` }).click();
    await page.waitForURL((u) => u.pathname === `${PALOPO}/webhooks/${created.id}`);
    const delivery = page.getByTestId('deliveries').getByTestId('delivery').filter({ hasText: caseId });
    await delivery.waitFor();
    expect(await delivery.textContent()).toContain('Perkara didaftarkan');
    expect(['pending', 'failed']).toContain(await delivery.getAttribute('data-status'));
    expect(await delivery.getByRole('link', { name: `Buka perkara ${caseId}` }).getAttribute('href')).toBe(
      `${PALOPO}/cases/${caseId}`,
    );
    const [replayed] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && /\/deliveries\/[^/]+\/replay$/.test(r.url()),
      ),
      delivery.getByRole('button', { name: /^Kirim ulang Perkara didaftarkan/ }).click(),
    ]);
    expect(replayed.status()).toBe(200);
    expect(await page.getByTestId('delivery-error').count()).toBe(0);

    const since = page.getByRole('group', { name: 'Sejak (WITA)' });
    const anHourAgo = anHourAgoInPalopo();
    await since.getByLabel('Tanggal').fill(anHourAgo.date);
    await since.getByLabel('Jam').fill(anHourAgo.time);
    await page.getByRole('button', { name: 'Kirim ulang', exact: true }).click();
    expect(await page.getByTestId('replay-done').textContent()).toMatch(
      /^\s*[1-9]\d* kiriman dikirim ulang\.\s*$/,
    );
    await expectFits(page, 'delivery log');
    await screenshot(page, 'webhook-deliveries-desktop');
    await page.setViewportSize(VIEWPORTS.phone);
    await expectFits(page, 'delivery log, phone');
    await screenshot(page, 'webhook-deliveries-phone');
    await page.setViewportSize(VIEWPORTS.desktop);

    await crumbs.getByRole('link', { name: 'Webhook' }).click();
    await page.waitForURL((u) => u.pathname === `${PALOPO}/webhooks`);
    await row.getByRole('button', { name: `Hapus webhook ${RECEIVER}` }).click();
    await row.getByRole('button', { name: 'Ya, hapus' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await webhooks()).some((h) => h.id === created.id)).toBe(false);
    expect(errors).toEqual([]);
  });

  it('reads in English at phone width', async () => {
    const { page } = await signedIn('admin.palopo', PALOPO, VIEWPORTS.phone);
    await page.getByRole('button', { name: 'EN, English' }).click();
    await page.goto(`${PALOPO}/webhooks`);
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByLabel('Case registered (case.registered)').waitFor();
    expect(await page.getByRole('group', { name: /Events to send/ }).textContent()).toContain(
      'Evidence rejected (evidence.rejected)',
    );
    await expectFits(page, 'webhooks in English, phone');
    await screenshot(page, 'webhooks-form-phone');
  });
});
