import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { apiReferenceContentSecurityPolicy } from '../../infra/constructs/content-security-policy';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOT_DIR, VIEWPORTS, browserForFile, horizontalOverflow } from './browser';

/**
 * The API reference at /docs (issue 13): Redoc renders the contract from /v1/openapi.json, under the same
 * CSP that CloudFront's /docs* behaviour sends, with nothing fetched from another origin.
 * Screenshots land in test-results/screenshots/.
 */

const baseUrl = inject('baseUrl');
const { openSession, signedIn } = browserForFile(baseUrl);
const PALOPO = '/o/bapas-palopo';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

/**
 * Opens `path` with a record of every CSP violation (reported by the browser's own event, installed
 * before any page script runs) and of every request that leaves the page's origin.
 */
async function openReference(path: string, viewport: { width: number; height: number } = VIEWPORTS.desktop) {
  const session = await openSession(viewport);
  const { page } = session;
  const offOrigin: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.origin !== new URL(baseUrl).origin) offOrigin.push(request.url());
  });
  await page.addInitScript(() => {
    const seen: Violation[] = [];
    (window as unknown as { cspViolations: Violation[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample });
    });
  });
  const response = await page.goto(path);
  const cspViolations = () =>
    page.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations);
  return { ...session, response, offOrigin, cspViolations };
}

/**
 * Waits until Redoc has rendered the contract (the operation a site supervisor's app calls most). If it
 * does not, the error names the page's errors and CSP violations: a blocked `<style>` shows its hash.
 */
async function waitForOperations(page: Page, diagnostics: () => Promise<unknown>): Promise<void> {
  // The heading's accessible name starts with its (empty) anchor link, so match the element's text.
  const operation = page.locator('h2', { hasText: 'Record a work session' }).first();
  try {
    await operation.waitFor({ state: 'visible', timeout: 30_000 });
  } catch (error) {
    throw new Error(`Redoc did not render the contract: ${JSON.stringify(await diagnostics())}`, {
      cause: error,
    });
  }
}

/**
 * Saves what the viewport shows to `test-results/screenshots/<name>.png`. Not full-page: the whole
 * contract is a couple of hundred thousand pixels tall.
 */
async function viewportScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

describe('API reference page', () => {
  it('renders the contract at /docs under the docs CSP, with nothing from another origin', async () => {
    // Prepare / Act
    const { context, page, response, errors, offOrigin, cspViolations } = await openReference('/docs');
    await waitForOperations(page, async () => ({ errors, violations: await cspViolations() }));
    // Redoc lays out the sidebar and samples after the first paint; let late requests and styles land.
    await page.waitForLoadState('networkidle');

    // Assess
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toBe(apiReferenceContentSecurityPolicy());
    expect(await page.title()).toBe('Abdi API');
    // Tags from the contract in the sidebar, and an operation's details in the page.
    const menu = page.getByRole('menu').first();
    expect(await menu.getByText('sessions', { exact: true }).count()).toBeGreaterThan(0);
    expect(await menu.getByText('integrations', { exact: true }).count()).toBeGreaterThan(0);
    expect(
      await page.getByText('/v1/offices/{officeId}/cases/{caseId}/sessions', { exact: true }).count(),
    ).toBeGreaterThan(0);
    // Styles applied (a rendered page with its theme), not a CSP-blocked bare DOM.
    const brand = await page.evaluate(() => {
      const link = document.querySelector('[role="menu"] label, [role="menu"] li');
      return link ? getComputedStyle(link).fontFamily : '';
    });
    expect(brand).toContain('system-ui');
    // The footer's Redocly logo (a CDN image upstream) is gone, its text link kept.
    expect(await page.locator('img[src*="redoc.ly"]').count()).toBe(0);
    expect(await cspViolations()).toEqual([]);
    expect(offOrigin).toEqual([]);
    expect(errors).toEqual([]);
    await viewportScreenshot(page, 'docs-desktop');
    await page.locator('h2', { hasText: 'Record a work session' }).first().scrollIntoViewIfNeeded();
    await viewportScreenshot(page, 'docs-desktop-operation');
    await context.close();
  });

  it('serves the same page at /docs/ and fits a phone', async () => {
    // Prepare / Act
    const { context, page, response, errors, offOrigin, cspViolations } = await openReference(
      '/docs/',
      VIEWPORTS.phone,
    );
    await waitForOperations(page, async () => ({ errors, violations: await cspViolations() }));
    await page.waitForLoadState('networkidle');

    // Assess
    expect(response?.headers()['content-security-policy']).toBe(apiReferenceContentSecurityPolicy());
    expect(await page.title()).toBe('Abdi API');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await cspViolations()).toEqual([]);
    expect(offOrigin).toEqual([]);
    expect(errors).toEqual([]);
    await viewportScreenshot(page, 'docs-phone');
    await page.locator('h2', { hasText: 'Record a work session' }).first().scrollIntoViewIfNeeded();
    await viewportScreenshot(page, 'docs-phone-operation');
    await context.close();
  });

  it("is linked from the office admin's integrations screen", async () => {
    // Prepare
    const { context, page, errors } = await signedIn('admin.palopo', PALOPO);
    await page.goto(`${PALOPO}/integrations`);
    await page.getByTestId('integrations').waitFor();
    await viewportScreenshot(page, 'integrations-api-docs-link');

    // Act: a full page load (the link opts out of the dashboard's router).
    await page.getByRole('link', { name: 'Dokumentasi API' }).click();
    await page.waitForURL((url) => url.pathname === '/docs');
    await waitForOperations(page, async () => ({ errors }));

    // Assess
    expect(await page.title()).toBe('Abdi API');
    expect(errors).toEqual([]);
    await context.close();
  });
});
