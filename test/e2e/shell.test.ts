import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs } from './api';
import { VIEWPORTS, browserForFile, screenshot, signIn } from './browser';

/**
 * The dashboard shell against the real local stack: sign-in, who is signed in, language switch,
 * session persistence and expiry, sign-out. Screenshots land in test-results/screenshots/.
 */

const baseUrl = inject('baseUrl');
const { openSession, signedIn } = browserForFile(baseUrl);

/** What the API says about pk.palopo, so the tests do not hard-code the seed's names. */
let me: { fullName: string; offices: { id: string; name: string }[] };
beforeAll(async () => {
  me = await (await apiAs(baseUrl, 'pk.palopo'))<typeof me>('/v1/me');
});

describe('dashboard shell', () => {
  it('sends a signed-out visitor to the login page, remembering where they were going', async () => {
    const { context, page, errors } = await openSession();
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).search).toBe('?next=/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Masuk ke Abdi');
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    expect(await page.title()).toBe('Masuk · Abdi');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signs pk.palopo in and shows who is signed in, in Indonesian by default', async () => {
    const { context, page, errors } = await openSession();
    await page.goto('/');
    await page.waitForURL('**/login?next=/');
    await screenshot(page, 'login-desktop');

    await signIn(page, 'pk.palopo');
    // `/` opens the user's office; the account page says who is signed in.
    await page.waitForURL((url) => url.pathname === '/o/bapas-palopo' && url.search === '');
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toBe('Bapas Kelas II Palopo');
    expect(await page.title()).toBe('Beranda · Abdi');
    await page.getByRole('link', { name: me.fullName }).click();
    await page.waitForURL((url) => url.pathname === '/account');
    await expect.poll(() => heading.textContent()).toBe(`Selamat datang, ${me.fullName}`);
    await expect.poll(() => page.getByTestId('username').textContent()).toBe('pk.palopo');
    const roles = page.getByRole('listitem');
    await expect.poll(() => roles.first().textContent()).toContain('Pembimbing Kemasyarakatan (PK)');
    expect(await roles.first().textContent()).toContain('Bapas Kelas II Palopo');
    expect(await page.getByRole('button', { name: 'Keluar' }).isVisible()).toBe(true);
    expect(await page.title()).toBe('Akun saya · Abdi');
    await screenshot(page, 'account-desktop');

    // The session survives a reload (sessionStorage), without a second sign-in.
    await page.reload();
    await expect.poll(() => heading.textContent()).toBe(`Selamat datang, ${me.fullName}`);
    expect(new URL(page.url()).pathname).toBe('/account');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('says in Indonesian that the password is wrong, and stays on the login page', async () => {
    const { context, page, errors } = await openSession();
    await page.goto('/login');
    await signIn(page, 'pk.palopo', 'not-the-password');
    const message = page.getByText('Nama pengguna atau kata sandi salah.');
    await message.waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByLabel('Kata sandi').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Kata sandi').inputValue()).toBe('');
    // Never raw JSON from the API.
    expect(await page.locator('main').textContent()).not.toContain('{');
    await screenshot(page, 'login-error-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches to English and back, keeping the choice across reloads', async () => {
    const { context, page, errors } = await openSession();
    await page.goto('/login?next=/account');
    await signIn(page, 'pk.palopo');
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toBe(`Selamat datang, ${me.fullName}`);

    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: /^EN\b/ }).click()]);
    await expect.poll(() => heading.textContent()).toBe(`Welcome, ${me.fullName}`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByText('Community-service sentences').isVisible()).toBe(true);
    expect(await page.getByRole('listitem').first().textContent()).toContain('Probation officer (PK)');
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /^EN\b/ }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.title()).toBe('My account · Abdi');
    await screenshot(page, 'account-en-desktop');

    await page.reload();
    await expect.poll(() => heading.textContent()).toBe(`Welcome, ${me.fullName}`);

    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: /^ID\b/ }).click()]);
    await expect.poll(() => heading.textContent()).toBe(`Selamat datang, ${me.fullName}`);
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    expect(await page.getByText('Pelaksanaan pidana kerja sosial').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signs out to the login page, after which home needs a new sign-in', async () => {
    const { context, page, errors } = await signedIn('pk.palopo', '/o/bapas-palopo');
    await page.getByRole('button', { name: 'Keluar' }).waitFor();
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByText('Anda telah keluar.').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('abdi.session'))).toBeNull();

    await page.goto('/');
    await page.waitForURL('**/login?next=/');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('returns to the requested page after sign-in, but never to another site', async () => {
    const { context, page } = await openSession();
    // An unknown path is not a page: after sign-in the user lands home.
    await page.goto('/login?next=//evil.example/steal');
    await signIn(page, 'pk.palopo');
    await page.waitForURL((url) => url.pathname === '/o/bapas-palopo');
    expect(new URL(page.url()).origin).toBe(new URL(baseUrl).origin);
    await context.close();
  });

  it('ends an expired or rejected session and asks to sign in again', async () => {
    const { context, page, errors } = await signedIn('pk.palopo', '/o/bapas-palopo');
    await page.getByRole('button', { name: 'Keluar' }).waitFor();

    // Expired while the tab was closed: the next load goes to login with a notice.
    await page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('abdi.session')!) as { expiresAt: number };
      sessionStorage.setItem('abdi.session', JSON.stringify({ ...session, expiresAt: Date.now() - 1000 }));
    });
    await page.reload();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByText('Sesi Anda telah berakhir. Silakan masuk kembali.').waitFor();

    // A token the API rejects (401): cleared, back to login with the path to return to.
    await page.evaluate(() =>
      sessionStorage.setItem(
        'abdi.session',
        JSON.stringify({ accessToken: 'not-a-valid-token', expiresAt: Date.now() + 3_600_000 }),
      ),
    );
    await page.goto('/');
    await page.waitForURL('**/login?next=/');
    await page.getByText('Sesi Anda telah berakhir. Silakan masuk kembali.').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('abdi.session'))).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('can be used from the keyboard: a skip link first, named language buttons, visible focus', async () => {
    const { context, page } = await openSession();
    await page.goto('/login');
    await page.getByLabel('Nama pengguna').waitFor();
    // The skip link comes right before the product name, the first thing in the header.
    await page.getByRole('link', { name: 'Abdi', exact: true }).focus();
    await page.keyboard.press('Shift+Tab');
    const skip = page.getByRole('link', { name: 'Langsung ke konten utama' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);
    expect(await page.getByRole('button', { name: 'EN, English' }).getAttribute('lang')).toBe('en');
    await page.getByLabel('Nama pengguna').focus();
    await page.keyboard.press('Shift+Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await context.close();
  });

  it('fits a 360 px wide phone screen', async () => {
    const { context, page, errors } = await openSession(VIEWPORTS.phone);
    await page.goto('/login');
    await page.getByLabel('Nama pengguna').waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'login-phone');

    await signIn(page, 'pk.palopo');
    await page.getByRole('button', { name: 'Keluar' }).waitFor();
    await page.goto('/account');
    await page.getByTestId('full-name').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'account-phone');
    expect(errors).toEqual([]);
    await context.close();
  });
});
