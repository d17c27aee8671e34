import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { assertInlangPluginsPresent, paraglideOptions } from './scripts/i18n.ts';
import { redocStandalone } from './scripts/redoc-standalone.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The dashboard: a static single-page app. Build with `npx vite build --config web/vite.config.ts`
 * from the repository root; the output in `web/dist` is served by local mode and uploaded to the web
 * bucket in the cloud, next to a per-deployment `config.json`.
 */
export default defineConfig({
  root,
  // Paths in index.html resolve from the site root; deep links (/cases/…) are served index.html.
  base: '/',
  publicDir: 'public',
  plugins: [
    svelte(),
    // Checked when a build or dev server starts, not when svelte-check merely reads this file.
    { name: 'abdi:inlang-plugins-present', buildStart: assertInlangPluginsPresent },
    paraglideVitePlugin(paraglideOptions),
    redocStandalone(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Prints gzip sizes; the 100 kB initial-JS budget is enforced by test/e2e/bundle.test.ts.
    reportCompressedSize: true,
    rolldownOptions: {
      // Two pages: the dashboard, and the API reference at /docs (Redoc, ~1 MB, never loaded by the
      // dashboard, so it stays out of the dashboard's budget). The field app has a build of its own
      // (vite.field.config.ts).
      input: { index: `${root}index.html`, docs: `${root}docs/index.html` },
    },
  },
  server: {
    // `npx vite --config web/vite.config.ts` for UI work; API calls go to a running `npm start`.
    proxy: {
      '/v1': 'http://localhost:3000',
      '/local': 'http://localhost:3000',
      '/config.json': 'http://localhost:3000',
    },
  },
});
