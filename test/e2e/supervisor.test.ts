import { describe, expect, inject, it } from 'vitest';
import type { CaseItem, SessionItem } from './api';
import { MASJID, OFFICE, apiAs, hhmm, isoWeekday, palopoDate, palopoMinutes } from './api';
import { VIEWPORTS, axeViolations, browserForFile, expectFits, screenshot, signIn } from './browser';

/**
 * The site supervisor's day on a 360 px phone: pengawas.bara opens the dashboard at the mosque in
 * Kecamatan Bara, sees today's expected clients (checked against the API, since whether anyone is
 * expected depends on today's weekday) and records one attendance, which stays unverified.
 */

const baseUrl = inject('baseUrl');
interface PlacementItem {
  siteId: string;
  weekdays: number[];
  from: string;
  until: string;
  status: string;
  startTime: string;
  endTime: string;
}

const { openSession, signedIn } = browserForFile(baseUrl);

/** Who the API says is expected at the mosque today: cases placed there whose placement has today's weekday. */
async function expectedFromApi() {
  const api = await apiAs(baseUrl, 'pengawas.bara');
  const today = palopoDate();
  const cases = (await api<{ items: CaseItem[] }>(`${OFFICE}/cases?siteId=${MASJID}&limit=100`)).items;
  const expected: { case: CaseItem; placement: PlacementItem }[] = [];
  for (const c of cases) {
    const placements = (await api<{ items: PlacementItem[] }>(`${OFFICE}/cases/${c.id}/placements?limit=25`))
      .items;
    for (const p of placements) {
      if (
        p.siteId === MASJID &&
        p.status === 'active' &&
        p.from <= today &&
        today <= p.until &&
        p.weekdays.includes(isoWeekday(today))
      ) {
        expected.push({ case: c, placement: p });
      }
    }
  }
  return expected;
}

describe("the site supervisor's day at 360 px", () => {
  it("lists today's expected clients and records an attendance that waits for the PK", async () => {
    const { context, page, errors } = await openSession(VIEWPORTS.phone);
    await page.goto('/');
    await page.waitForURL('**/login?next=/');
    await signIn(page, 'pengawas.bara');
    // A supervisor's home is the day at the site.
    await page.waitForURL((url) => url.pathname === '/o/bapas-palopo/today');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Klien hari ini di lokasi Anda');
    await page.getByRole('heading', { name: 'Masjid Nurul Huda Balandai' }).waitFor();
    expect(await page.getByText('Jamnya baru dihitung setelah PK memverifikasi').isVisible()).toBe(true);

    const expected = await expectedFromApi();
    if (expected.length === 0) {
      // Nobody is placed at the mosque on today's weekday: the screen says so plainly.
      await page.getByTestId('nobody-expected').waitFor();
      expect(await page.getByTestId('nobody-expected').textContent()).toContain(
        'Tidak ada klien yang dijadwalkan hari ini di Masjid Nurul Huda Balandai',
      );
      expect(await page.getByTestId('expected-client').count()).toBe(0);
    } else {
      await page.getByTestId('expected-clients').waitFor();
      const shown = await page.getByTestId('expected-client').locator('h3').allTextContents();
      expect(shown.toSorted()).toEqual(expected.map((e) => e.case.client.fullName).toSorted());
    }
    await expectFits(page);
    await screenshot(page, 'supervisor-today-phone');

    const open = page.getByTestId('expected-client').filter({ has: page.getByTestId('not-recorded') });
    const now = palopoMinutes();
    if ((await open.count()) > 0 && now >= 10) {
      const name = (await open.first().locator('h3').textContent())!.trim();
      const card = page
        .getByTestId('expected-client')
        .filter({ has: page.getByRole('heading', { name, exact: true }) });
      const { case: c, placement } = expected.find((e) => e.case.client.fullName === name)!;
      // The placement's hours are prefilled.
      expect(await card.getByLabel('Jam mulai').inputValue()).toBe(placement.startTime);
      expect(await card.getByLabel('Jam selesai').inputValue()).toBe(placement.endTime);
      // A session may not end in the future (CR-NOT-FUTURE): record the hour that has just passed.
      await card.getByLabel('Jam mulai').fill(hhmm(Math.max(0, now - 60)));
      await card.getByLabel('Jam selesai').fill(hhmm(now - 1));
      await card.getByLabel(/^Catatan/).fill('Datang tepat waktu, membersihkan halaman.');
      await card.getByRole('button', { name: 'Hadir', exact: true }).click();
      await card.getByTestId('recorded').waitFor();
      expect(await card.getByTestId('recorded').textContent()).toContain('Tercatat: Hadir');
      expect(await card.getByTestId('recorded').textContent()).toContain(
        'Menunggu verifikasi PK: 0 jam dihitung',
      );
      await screenshot(page, 'supervisor-recorded-phone');

      // The PK sees it unverified, with no hours yet.
      const pk = await apiAs(baseUrl, 'pk.palopo');
      const [latest] = (await pk<{ items: SessionItem[] }>(`${OFFICE}/cases/${c.id}/sessions?limit=1`)).items;
      expect(latest).toMatchObject({
        date: palopoDate(),
        verified: false,
        hoursCredited: 0,
        outcome: 'attended',
        notes: 'Datang tepat waktu, membersihkan halaman.',
      });
      expect(latest!.recordedBy).toContain('pengawas.bara');
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits the desktop too', async () => {
    const { context, page, errors } = await signedIn('pengawas.bara', '/o/bapas-palopo/today');
    await page.getByRole('heading', { name: 'Masjid Nurul Huda Balandai' }).waitFor();
    await page.locator('[data-testid="expected-clients"], [data-testid="nobody-expected"]').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'supervisor-today-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });
});
