import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { photoJpeg, sha256Hex } from '../support/evidence-files';
import { MASJID, OFFICE, loginToken, palopoDate } from './api';
import { call, pastHour, placedAtMosque, roomAtMosque, serial } from './field-fixtures';
import { VIEWPORTS, axeViolations, browserForFile, expectFits, screenshot, signIn } from './browser';

/**
 * The field app with no signal (issue 20): pengawas.bara opens it at the mosque, the signal goes,
 * three attendances and two photos are recorded on the phone, the page is reloaded with no signal
 * (the app and the outbox are still there), the signal returns and everything arrives once: one
 * session per case, the hours exact once the PK verifies, the photos with their offline capture
 * time. A second run cuts the sync off halfway (answers lost after the API committed) and ends in
 * the same state.
 */

const baseUrl = inject('baseUrl');
const { openSession, signedIn } = browserForFile(baseUrl);

interface Session {
  id: string;
  version: number;
  startTime: string;
  endTime: string;
  offline?: { recordedAt: string };
}
interface Evidence {
  id: string;
  sha256: string;
  status: string;
  sessionId?: string;
  capturedAt?: string;
  recordedOffline?: boolean;
}

const card = (page: Page, name: string) =>
  page.getByTestId('expected-client').filter({ has: page.getByRole('heading', { name, exact: true }) });

/** Signs the supervisor in, lands on the field app, and waits until its service worker runs it. */
async function openFieldApp(context: BrowserContext, page: Page, site: { lat: number; lng: number }) {
  await context.grantPermissions(['geolocation'], { origin: baseUrl });
  await context.setGeolocation({ latitude: site.lat, longitude: site.lng, accuracy: 15 });
  await page.goto('/login');
  await signIn(page, 'pengawas.bara');
  await page.waitForURL((url) => url.pathname === '/field/', { waitUntil: 'commit' });
  await page.getByTestId('field-ready').waitFor();
  // Offline, the page comes from the worker's cache: it must be installed and active first.
  const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
  expect(new URL(scope).pathname).toBe('/field/');
  // Installable: the page links a manifest that names the app, its start and its icons.
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href;
    return (await fetch(href)).json() as Promise<{ start_url: string; display: string; icons: unknown[] }>;
  });
  expect(manifest).toMatchObject({ start_url: '/field/', display: 'standalone' });
  expect(manifest.icons.length).toBeGreaterThanOrEqual(2);
}

async function recordOffline(page: Page, names: readonly string[], hour: { start: string; end: string }) {
  for (const name of names) {
    const c = card(page, name);
    await c.getByLabel('Jam mulai').fill(hour.start);
    await c.getByLabel('Jam selesai').fill(hour.end);
    await c.getByRole('button', { name: 'Hadir', exact: true }).click();
    await c.getByTestId('recorded-on-device').first().waitFor();
    expect(await c.getByTestId('recorded-on-device').first().getAttribute('data-status')).toBe('waiting');
  }
  const photos: Buffer[] = [];
  for (const name of names.slice(0, 2)) {
    const photo = await photoJpeg(640, 480, { padding: `field ${name} ${Date.now()}` });
    photos.push(photo);
    await card(page, name).getByTestId('photo-input').setInputFiles({
      name: 'image.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    await card(page, name).getByTestId('photos-kept').waitFor();
  }
  return photos;
}

/** What the PK sees once everything arrived: one session per case, each photo once, and exact hours. */
async function expectArrivedOnce(
  pk: string,
  caseIds: readonly string[],
  photos: readonly Buffer[],
  hour: { start: string; end: string; minutes: number },
  window: { from: number; to: number },
) {
  const evidence: Evidence[] = [];
  for (const caseId of caseIds) {
    const base = `${OFFICE}/cases/${caseId}`;
    const sessions = (await call<{ items: Session[] }>(baseUrl, pk, 'GET', `${base}/sessions?limit=10`))
      .items;
    expect(sessions).toHaveLength(1);
    const [session] = sessions as [Session];
    expect(session).toMatchObject({ startTime: hour.start, endTime: hour.end });
    // Recorded on the device while offline: the API keeps the device's time.
    const recordedAt = Date.parse(session.offline!.recordedAt);
    expect(recordedAt).toBeGreaterThanOrEqual(window.from);
    expect(recordedAt).toBeLessThanOrEqual(window.to);
    await call(
      baseUrl,
      pk,
      'PATCH',
      `${OFFICE}/sessions/${session.id}`,
      { verified: true },
      { 'if-match': `"${session.version}"` },
    );
    const after = await call<{ progress: { hoursCredited: number } }>(baseUrl, pk, 'GET', base);
    expect(after.progress.hoursCredited).toBe(hour.minutes / 60);
    evidence.push(
      ...(await call<{ items: Evidence[] }>(baseUrl, pk, 'GET', `${base}/evidence?limit=10`)).items,
    );
  }
  expect(evidence).toHaveLength(photos.length);
  for (const photo of photos) {
    const stored = evidence.filter((e) => e.sha256 === sha256Hex(photo));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.recordedOffline).toBe(true);
    const captured = Date.parse(stored[0]!.capturedAt!);
    expect(captured).toBeGreaterThanOrEqual(window.from - 1000);
    expect(captured).toBeLessThanOrEqual(window.to);
  }
}

async function run(options: { interrupt: boolean }) {
  await roomAtMosque(baseUrl);
  const pk = await loginToken(baseUrl, 'pk.palopo');
  const names = ['Andi', 'Baso', 'Cakra'].map((first) => `${first} Lapangan ${serial()}`);
  const caseIds = await Promise.all(names.map((name) => placedAtMosque(baseUrl, pk, name)));
  const site = await call<{ location: { lat: number; lng: number } }>(
    baseUrl,
    pk,
    'GET',
    `${OFFICE}/sites/${MASJID}`,
  );
  const hour = await pastHour();

  const { context, page, errors } = await openSession(VIEWPORTS.phone);
  await openFieldApp(context, page, site.location);
  for (const name of names) await card(page, name).waitFor();

  await context.setOffline(true);
  await expect.poll(() => page.getByTestId('signal').textContent()).toContain('Tanpa sinyal');
  const from = Date.now();
  const photos = await recordOffline(page, names, hour);
  const to = Date.now();
  expect(await page.getByTestId('waiting-count').textContent()).toContain('5 menunggu dikirim');

  // A reload with no signal: the worker serves the app, the device the day and the outbox.
  await page.reload();
  await page.getByTestId('field-ready').waitFor();
  await page.getByTestId('from-device').waitFor();
  expect(await page.getByTestId('waiting-count').textContent()).toContain('5 menunggu dikirim');
  expect(await page.locator('[data-testid="outbox-item"][data-status="waiting"]').count()).toBe(5);
  for (const name of names) await card(page, name).getByTestId('recorded-on-device').waitFor();
  await expectFits(page);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, options.interrupt ? 'field-offline-interrupted' : 'field-offline-phone');

  const cut: string[] = [];
  if (options.interrupt) {
    // The first session and the first photo's upload request reach the API and are committed, but
    // their answers never come back: the device must send them again, under the same keys.
    for (const pattern of ['**/sessions', '**/evidence']) {
      await page.route(pattern, async (route) => {
        if (route.request().method() !== 'POST' || cut.includes(pattern)) return route.fallback();
        cut.push(pattern);
        await route.fetch();
        await route.abort('connectionreset');
      });
    }
  }
  await context.setOffline(false);
  if (options.interrupt) {
    // The supervisor does not wait for the next automatic try.
    await page.getByRole('button', { name: 'Kirim sekarang' }).click();
    await expect.poll(() => cut.length, { timeout: 30_000 }).toBe(1);
    // The sync stopped at the lost answer; the supervisor sends again.
    await page.getByRole('button', { name: 'Kirim sekarang' }).click();
    await expect.poll(() => cut.length, { timeout: 30_000 }).toBe(2);
    await page.getByRole('button', { name: 'Kirim sekarang' }).click();
  }
  await expect
    .poll(() => page.getByTestId('waiting-count').textContent(), { timeout: 60_000 })
    .toContain('Semua catatan terkirim');
  expect(await page.locator('[data-testid="outbox-item"][data-status="sent"]').count()).toBe(5);
  expect(await page.getByTestId('last-sync').textContent()).toContain('Terakhir berhasil dikirim');
  await screenshot(page, options.interrupt ? 'field-synced-after-interruption' : 'field-synced-phone');

  await expectArrivedOnce(pk, caseIds, photos, hour, { from, to });
  expect(errors).toEqual([]);
  await context.close();

  // The PK's case page says the session was recorded offline, and when.
  const office = await signedIn('pk.palopo', '/o/bapas-palopo');
  await office.page.goto(`/o/bapas-palopo/cases/${caseIds[0]}`);
  await office.page.getByTestId('session-offline').waitFor();
  expect(await office.page.getByTestId('session-offline').textContent()).toContain(
    'Dicatat tanpa sinyal pada',
  );
  expect(office.errors).toEqual([]);
  await office.context.close();
}

describe('the field app without a signal', () => {
  it('keeps three attendances and two photos through a reload offline and sends each once', async () => {
    await run({ interrupt: false });
  });

  it('ends in the same state when the sync is cut off halfway', async () => {
    await run({ interrupt: true });
  });

  it('shows a record refused meanwhile to the supervisor, and keeps it for the PK', async () => {
    await roomAtMosque(baseUrl);
    const pk = await loginToken(baseUrl, 'pk.palopo');
    const name = `Eko Lapangan ${serial()}`;
    const caseId = await placedAtMosque(baseUrl, pk, name);
    const site = await call<{ location: { lat: number; lng: number } }>(
      baseUrl,
      pk,
      'GET',
      `${OFFICE}/sites/${MASJID}`,
    );
    const hour = await pastHour();
    const { context, page, errors } = await openSession(VIEWPORTS.phone);
    await openFieldApp(context, page, site.location);
    await card(page, name).waitFor();
    await context.setOffline(true);
    const c = card(page, name);
    await c.getByLabel('Jam mulai').fill(hour.start);
    await c.getByLabel('Jam selesai').fill(hour.end);
    await c.getByRole('button', { name: 'Hadir', exact: true }).click();
    await c.getByTestId('recorded-on-device').waitFor();

    // Meanwhile, at the office, the PK records the same hour from the paper list (CR-OVERLAP).
    await call(baseUrl, pk, 'POST', `${OFFICE}/cases/${caseId}/sessions`, {
      date: palopoDate(),
      startTime: hour.start,
      endTime: hour.end,
      siteId: MASJID,
      outcome: 'attended',
    });

    // The signal returns: the outbox sends by itself.
    await context.setOffline(false);
    const item = page.locator('[data-testid="outbox-item"][data-status="refused"]');
    await item.waitFor({ timeout: 30_000 });
    await expect.poll(() => item.getByTestId('refusal').textContent()).toContain('PK sudah diberi tahu.');
    expect(await c.getByTestId('recorded-on-device').getAttribute('data-status')).toBe('refused');
    // A refused record can be made again; the card offers the form once more.
    await c.getByRole('button', { name: 'Hadir', exact: true }).waitFor();
    await screenshot(page, 'field-refused-phone');

    const open = await call<{ items: { caseId: string; kind: string; refusal: { status: number } }[] }>(
      baseUrl,
      pk,
      'GET',
      `${OFFICE}/offline-refusals?status=open&limit=100`,
    );
    const kept = open.items.filter((r) => r.caseId === caseId);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ kind: 'session' });
    expect(kept[0]!.refusal.status).toBeGreaterThanOrEqual(400);
    // The PK's own session is the only one: nothing was credited twice.
    const sessions = await call<{ items: unknown[] }>(
      baseUrl,
      pk,
      'GET',
      `${OFFICE}/cases/${caseId}/sessions`,
    );
    expect(sessions.items).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
