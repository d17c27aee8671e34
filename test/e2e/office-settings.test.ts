import { describe, expect, inject, it } from 'vitest';
import { loginToken } from './api';
import { expectFits, screenshot, browserForFile, VIEWPORTS } from './browser';

/**
 * The office admin's settings (issue 10): a child's advisory hours a day and the school hours, read
 * from the office and saved with PUT. In Makassar, so the Palopo screens other files test keep the
 * defaults; the test puts the defaults back at the end.
 */

const baseUrl = inject('baseUrl');
const MAKASSAR = '/o/bapas-makassar';
const { signedIn } = browserForFile(baseUrl);

async function officePolicy() {
  const token = await loginToken(baseUrl, 'admin.makassar');
  const response = await fetch(`${baseUrl}/v1/offices/bapas-makassar`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { token, policy: ((await response.json()) as { policy: unknown }).policy };
}

describe('office settings', () => {
  it('the admin reads the defaults, sees a refusal beside its field, and saves a six-day school week', async () => {
    const before = await officePolicy();
    const { page } = await signedIn('admin.makassar', MAKASSAR);
    try {
      await page
        .getByRole('navigation', { name: 'Menu kantor' })
        .getByRole('link', { name: 'Pengaturan' })
        .click();
      await page.waitForURL((url) => url.pathname === `${MAKASSAR}/settings`);
      const hours = page.getByLabel('Anjuran jam per hari untuk Anak');
      await hours.waitFor();
      expect(await hours.inputValue()).toBe('3');
      expect(await page.getByLabel('Jumat').isChecked()).toBe(true);
      expect(await page.getByLabel('Sabtu').isChecked()).toBe(false);
      await expectFits(page, 'settings');
      await screenshot(page, 'office-settings-desktop');
      await page.setViewportSize(VIEWPORTS.phone);
      await expectFits(page, 'settings on a phone');

      // School ending before it starts: the server's OFFICE-POLICY, shown beside the end time.
      await page.getByLabel('Jam pulang').fill('06.00');
      await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
      await page.locator('#policy-schoolHours-end-error').waitFor();

      await page.getByLabel('Jam pulang').fill('13.00');
      await page.getByLabel('Sabtu').check();
      await hours.fill('2');
      await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
      await page.getByText('Pengaturan disimpan.').waitFor();
      await screenshot(page, 'office-settings-saved-phone');

      const after = await officePolicy();
      expect(after.policy).toEqual({
        childMaxHoursPerDay: 2,
        schoolHours: { weekdays: [1, 2, 3, 4, 5, 6], start: '07:00', end: '13:00' },
      });
    } finally {
      await fetch(`${baseUrl}/v1/offices/bapas-makassar/policy`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${before.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(before.policy),
      });
    }
  });
});
