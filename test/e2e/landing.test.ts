import { describe, expect, inject, it } from 'vitest';
import { browserForFile } from './browser';

/**
 * Issue 20, item 3: each demo role lands on its work when it signs in (`/`): the admin and the PK on
 * the office home (the PK's "needs action" list being their own cases), the jaksa on the cases referred
 * to them, the site supervisor in the field app (their day at their sites), the Kanwil on the regional comparison.
 */

const baseUrl = inject('baseUrl');
const { signedIn } = browserForFile(baseUrl);

const LANDINGS = [
  { user: 'admin.palopo', path: '/o/bapas-palopo', search: '' },
  { user: 'pk.palopo', path: '/o/bapas-palopo', search: '' },
  { user: 'jaksa.palopo', path: '/o/bapas-palopo/cases', search: '?status=referred' },
  { user: 'pengawas.bara', path: '/field/', search: '' },
  { user: 'kanwil.sulsel', path: '/region', search: '' },
] as const;

describe('each role lands on its work', () => {
  for (const { user, path, search } of LANDINGS) {
    it(`${user} lands on ${path}${search}`, async () => {
      const { context, page, errors } = await signedIn(user, (url) => url.pathname === path);
      expect(new URL(page.url()).search).toBe(search);
      await page.locator('h1').first().waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
