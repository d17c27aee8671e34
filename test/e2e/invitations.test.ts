import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { VIEWPORTS, browserForFile, expectFits, screenshot, signIn } from './browser';

/**
 * Global usernames and pending memberships (issue 11, item 1) in local mode: a new person sets a
 * password from the Palopo admin's link and accepts the invitation on their account page; the Makassar
 * admin then invites the same username, gets an answer no different from a new person's, and the link
 * sets no password; the person finds Makassar's invitation when they sign in and declines it.
 */

const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
const MAKASSAR = '/o/bapas-makassar';
const PASSWORD = 'undangan-kerja-2026';

const { openSession, signedIn } = browserForFile(baseUrl);

/** Opens the users screen as `admin` and invites `username` as a PK; answers the invitation panel. */
async function inviteAsPk(page: Page, office: string, username: string, fullName: string) {
  await page.goto(`${office}/users`);
  await page.getByTestId('users').waitFor();
  await page.getByRole('button', { name: 'Undang pengguna' }).click();
  await page.getByLabel('Nama lengkap').fill(fullName);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Email').fill(`${username}@example.invalid`);
  await page.getByRole('button', { name: 'Kirim undangan' }).click();
  const panel = page.getByTestId('invitation');
  await panel.waitFor();
  return { panel, link: await page.getByLabel('Tautan undangan').inputValue() };
}

describe('invitations', () => {
  it('a new person accepts on the account page; a second office learns nothing, gets no working link, and is declined', async () => {
    const serial = String(Math.floor(1000 + Math.random() * 9000));
    const username = `pk.undangan${serial}`;

    // Palopo invites a new person: pending until accepted.
    const palopo = await signedIn('admin.palopo', PALOPO);
    const first = await inviteAsPk(palopo.page, PALOPO, username, `Sitti Aminah ${serial}`);
    expect(await first.panel.textContent()).toContain(`Peran berlaku setelah ${username} masuk`);
    await palopo.page.getByRole('button', { name: 'Selesai' }).click();
    const pendingList = palopo.page.getByTestId('pending-users');
    await expect.poll(() => pendingList.textContent()).toContain(username);

    // The person sets a password and, with no office yet, lands on the account page with the invitation.
    const person = await openSession(VIEWPORTS.phone);
    await person.page.goto(first.link);
    await person.page.getByLabel('Kata sandi baru').fill(PASSWORD);
    await person.page.getByLabel('Ulangi kata sandi').fill(PASSWORD);
    await person.page.getByRole('button', { name: 'Simpan dan masuk' }).click();
    await person.page.waitForURL((url) => url.pathname === '/account');
    const invitations = person.page.getByTestId('invitations');
    await invitations.waitFor();
    expect(await invitations.textContent()).toContain('Bapas');
    await expectFits(person.page, 'account with an invitation');
    await screenshot(person.page, 'invitation-account-phone');
    await person.page.getByRole('button', { name: /^Terima undangan .*Palopo/ }).click();
    await person.page.waitForURL((url) => url.pathname === PALOPO);
    await person.context.close();

    // Makassar invites the same username: the same kind of answer, with only what Makassar typed.
    const makassar = await signedIn('admin.makassar', MAKASSAR);
    const second = await inviteAsPk(makassar.page, MAKASSAR, username, `Nama Ketikan Makassar ${serial}`);
    const secondText = (await second.panel.textContent()) ?? '';
    expect(secondText).toContain(`Nama Ketikan Makassar ${serial} telah diundang`);
    expect(secondText).not.toContain('Sitti Aminah');
    expect(second.link).toMatch(new RegExp(`^${baseUrl}/set-password\\?token=[^&]+$`));
    await makassar.page.getByRole('button', { name: 'Selesai' }).click();
    const makassarPending = makassar.page.getByTestId('pending-users');
    await expect.poll(() => makassarPending.textContent()).toContain(`Nama Ketikan Makassar ${serial}`);
    expect(await makassar.page.locator('main').textContent()).not.toContain('Sitti Aminah');

    // Its link sets no password: the person's own still works.
    const intruder = await openSession();
    await intruder.page.goto(second.link);
    await intruder.page.getByLabel('Kata sandi baru').fill('makassar-ambil-alih');
    await intruder.page.getByLabel('Ulangi kata sandi').fill('makassar-ambil-alih');
    await intruder.page.getByRole('button', { name: 'Simpan dan masuk' }).click();
    await intruder.page
      .getByText('Tautan undangan ini tidak dikenal, sudah dipakai, atau kedaluwarsa')
      .waitFor();
    await intruder.context.close();

    // The person signs in as before, sees Makassar's invitation on the home page, and declines it.
    const again = await openSession();
    await again.page.goto('/login');
    await signIn(again.page, username, PASSWORD);
    await again.page.waitForURL((url) => url.pathname === PALOPO);
    const notice = again.page.getByTestId('invitations-notice');
    await notice.waitFor();
    await notice.getByRole('link', { name: 'Lihat undangan' }).click();
    await again.page.waitForURL((url) => url.pathname === '/account');
    await again.page.getByRole('button', { name: /^Tolak undangan .*Makassar/ }).click();
    await expect
      .poll(() => again.page.getByTestId('invitations').textContent())
      .toMatch(/Undangan .*Makassar telah ditolak\./);
    expect(again.errors).toEqual([]);
    await again.context.close();

    // Makassar sees it declined, under its own typed name.
    await makassar.page.reload();
    await makassar.page.getByTestId('users').waitFor();
    await makassar.page.getByText(/^Ditolak \(\d+\)$/).click();
    expect(await makassar.page.getByTestId('declined-users').textContent()).toContain(
      `Nama Ketikan Makassar ${serial}`,
    );
    expect(makassar.errors).toEqual([]);
    expect(palopo.errors).toEqual([]);
    await makassar.context.close();
    await palopo.context.close();
  });
});
