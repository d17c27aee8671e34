import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

/** Debian's Chromium (`apt-get install chromium`); playwright-core never downloads a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots');

/** Desktop and the narrowest phone the dashboard supports. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
} as const;

/**
 * Launches headless Chromium with a fresh profile. The networking flags stop it from calling home,
 * which on a closed network only floods the logs and slows start-up. `extraArgs` adds flags, e.g.
 * `--lang=en-US` for a browser set to English.
 */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

type Viewport = { width: number; height: number };
type Session = { context: BrowserContext; page: Page; errors: string[] };

/**
 * One Chromium for the calling test file, launched before its tests and closed after them, and the
 * ways its tests open a page on the stack at `baseUrl`: `openSession` gives a fresh context (see
 * openContext); `signedIn` also signs `username` in from the login page and waits until the dashboard
 * has taken them to `landing` (a path, or a test of the URL).
 */
export function browserForFile(baseUrl: string) {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const openSession = (viewport?: Viewport): Promise<Session> => openContext(browser!, baseUrl, viewport);
  const signedIn = async (
    username: string,
    landing: string | ((url: URL) => boolean),
    viewport?: Viewport,
  ): Promise<Session> => {
    const session = await openSession(viewport);
    await session.page.goto('/login');
    await signIn(session.page, username);
    await session.page.waitForURL(typeof landing === 'string' ? (url) => url.pathname === landing : landing);
    return session;
  };
  return { openSession, signedIn };
}

/**
 * A new, isolated browser context (its own sessionStorage and localStorage) on `baseUrl`. Console
 * errors and uncaught page errors are collected in `errors`, so a test can assert there were none.
 */
export async function openContext(
  browser: Browser,
  baseUrl: string,
  viewport: Viewport = VIEWPORTS.desktop,
): Promise<Session> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // Chromium logs every 4xx response (e.g. a wrong password's 401) as a console error; those are
    // expected answers, not faults of the page.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
  return { context, page, errors };
}

/** Saves a full-page screenshot to `test-results/screenshots/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export const DEMO_PASSWORD = 'demo-password';

/** Signs in on the login page (which must be showing) in Indonesian, the default language. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Runs axe-core on the page as it is and returns the serious and critical WCAG A/AA violations,
 * one line each (rule id, impact, the first offending elements), so a failing test says what to fix.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResults> } }).axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(' | ')}`);
}

interface AxeResults {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}

/** How far the page is wider than the viewport (0 or less: no horizontal scrolling). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Asserts that the page as it is passes axe and fits its viewport; `name` says which screen failed. */
export async function expectFits(page: Page, name?: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  expect(await horizontalOverflow(page), name).toBeLessThanOrEqual(0);
}
