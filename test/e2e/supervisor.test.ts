import { describe, expect, inject, it } from 'vitest';
import { photoJpeg, sha256Hex } from '../support/evidence-files';
import type { CaseItem } from './api';
import { MASJID, OFFICE, apiAs, isoWeekday, loginToken, palopoDate } from './api';
import { VIEWPORTS, axeViolations, browserForFile, expectFits, screenshot } from './browser';
import { call, pastHour, placedAtMosque, roomAtMosque, serial } from './field-fixtures';

/**
 * The site supervisor's day in the field app (issue 20) on a 360 px phone, with a signal:
 * pengawas.bara lands on `/field/` at the mosque in Kecamatan Bara, sees today's expected clients
 * (checked against the API, since who is expected depends on the weekday), and records an attendance
 * and a photo that go at once: the session waits for the PK, the photo is verified with its place.
 */

const baseUrl = inject('baseUrl');
interface PlacementItem {
  siteId: string;
  weekdays: number[];
  from: string;
  until: string;
  status: string;
}
interface EvidenceItem {
  sha256: string;
  status: string;
  sessionId?: string;
  recordedOffline?: boolean;
  checks: { location?: { source: string; insideRadius: boolean; accuracyMeters?: number } };
}

const { signedIn } = browserForFile(baseUrl);

/** Who the API says is expected at the mosque today: cases placed there whose placement has today's weekday. */
async function expectedFromApi(): Promise<string[]> {
  const api = await apiAs(baseUrl, 'pengawas.bara');
  const today = palopoDate();
  const cases = (await api<{ items: CaseItem[] }>(`${OFFICE}/cases?siteId=${MASJID}&limit=100`)).items;
  const names: string[] = [];
  for (const c of cases) {
    const placements = (await api<{ items: PlacementItem[] }>(`${OFFICE}/cases/${c.id}/placements?limit=25`))
      .items;
    const expected = placements.some(
      (p) =>
        p.siteId === MASJID &&
        p.status === 'active' &&
        p.from <= today &&
        today <= p.until &&
        p.weekdays.includes(isoWeekday(today)),
    );
    if (expected) names.push(c.client.fullName);
  }
  return names;
}

describe("the site supervisor's day in the field app", () => {
  it("lists today's expected clients as the API does, and fits the desktop", async () => {
    const { context, page, errors } = await signedIn('pengawas.bara', '/field/', VIEWPORTS.desktop);
    await page.getByTestId('field-ready').waitFor();
    expect(await page.getByTestId('field-ready').textContent()).toBe('Klien hari ini di lokasi Anda');
    await page.getByRole('heading', { name: 'Masjid Nurul Huda Balandai' }).waitFor();
    expect(await page.getByText('Jamnya baru dihitung setelah PK memverifikasi').isVisible()).toBe(true);
    const expected = await expectedFromApi();
    if (expected.length === 0) {
      // Nobody is placed at the mosque on today's weekday: the screen says so plainly.
      expect(await page.getByTestId('nobody-expected').textContent()).toContain(
        'Tidak ada klien yang dijadwalkan hari ini di Masjid Nurul Huda Balandai',
      );
    } else {
      const shown = await page.getByTestId('expected-client').locator('h3').allTextContents();
      expect(shown.toSorted()).toEqual(expected.toSorted());
    }
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'supervisor-today-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('records an attendance and a photo with a signal: sent at once, the photo verified inside the radius', async () => {
    await roomAtMosque(baseUrl);
    const pk = await loginToken(baseUrl, 'pk.palopo');
    const name = `Dimas Lapangan ${serial()}`;
    const caseId = await placedAtMosque(baseUrl, pk, name);
    const site = await call<{ location: { lat: number; lng: number } }>(
      baseUrl,
      pk,
      'GET',
      `${OFFICE}/sites/${MASJID}`,
    );
    const { context, page, errors } = await signedIn('pengawas.bara', '/field/', VIEWPORTS.phone);
    await context.grantPermissions(['geolocation'], { origin: baseUrl });
    await context.setGeolocation({ latitude: site.location.lat, longitude: site.location.lng, accuracy: 12 });
    const card = page
      .getByTestId('expected-client')
      .filter({ has: page.getByRole('heading', { name, exact: true }) });
    await card.waitFor();
    // The placement's hours are prefilled, written as Indonesians write them.
    expect(await card.getByLabel('Jam mulai').inputValue()).toBe('08.00');
    expect(await card.getByLabel('Jam selesai').inputValue()).toBe('12.00');
    await expectFits(page);
    await screenshot(page, 'supervisor-today-phone');

    // A session may not end in the future (CR-NOT-FUTURE): the hour that has just passed, typed as
    // Indonesians write it.
    const hour = await pastHour();
    await card.getByLabel('Jam mulai').fill(hour.start.replace(':', '.'));
    await card.getByLabel('Jam selesai').fill(hour.end.replace(':', '.'));
    await card.getByLabel(/^Catatan/).fill('Datang tepat waktu, membersihkan halaman.');
    // The answer to the first try is lost on the way back (the API committed it): the retry must send
    // the same body under the same key, and get the first answer, not a second session.
    let lost = 0;
    await page.route('**/sessions', async (route) => {
      if (route.request().method() !== 'POST' || lost > 0) return route.fallback();
      lost++;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await card.getByRole('button', { name: 'Hadir', exact: true }).click();
    const recorded = card.getByTestId('recorded-on-device');
    await expect.poll(() => lost).toBe(1);
    await page.getByRole('button', { name: 'Kirim sekarang' }).click();
    await expect.poll(() => recorded.getAttribute('data-status'), { timeout: 30_000 }).toBe('sent');
    expect(await recorded.textContent()).toContain('Terkirim. Jam dihitung setelah PK memverifikasi.');

    const photo = await photoJpeg(800, 600, { padding: `supervisor ${Date.now()}` });
    await card
      .getByTestId('photo-input')
      .setInputFiles({ name: 'image.jpg', mimeType: 'image/jpeg', buffer: photo });
    await card.getByTestId('photos-kept').waitFor();
    await expect
      .poll(() => page.getByTestId('waiting-count').textContent(), { timeout: 30_000 })
      .toContain('Semua catatan terkirim');
    await screenshot(page, 'supervisor-recorded-phone');

    // The PK sees the session unverified, with no hours yet, and the photo verified at the site.
    const base = `${OFFICE}/cases/${caseId}`;
    const sessions = (
      await call<{
        items: { id: string; verified: boolean; hoursCredited: number; notes?: string; offline?: unknown }[];
      }>(baseUrl, pk, 'GET', `${base}/sessions?limit=5`)
    ).items;
    // One session, although the first try's answer was lost.
    expect(sessions).toHaveLength(1);
    const [session] = sessions;
    expect(session).toMatchObject({
      verified: false,
      hoursCredited: 0,
      notes: 'Datang tepat waktu, membersihkan halaman.',
    });
    // Sent within two minutes of the tap: no offline mark.
    expect(session!.offline).toBeUndefined();
    await expect
      .poll(
        async () =>
          (await call<{ items: EvidenceItem[] }>(baseUrl, pk, 'GET', `${base}/evidence?limit=5`)).items.find(
            (e) => e.sha256 === sha256Hex(photo),
          )?.status,
        { timeout: 60_000 },
      )
      .toBe('verified');
    const evidence = (await call<{ items: EvidenceItem[] }>(baseUrl, pk, 'GET', `${base}/evidence?limit=5`))
      .items;
    const verified = evidence.find((e) => e.sha256 === sha256Hex(photo))!;
    expect(verified.sessionId).toBe(session!.id);
    expect(verified.recordedOffline).toBeUndefined();
    expect(verified.checks.location).toMatchObject({
      source: 'declared',
      insideRadius: true,
      accuracyMeters: 12,
    });
    expect(errors).toEqual([]);
    await context.close();
  });
});
