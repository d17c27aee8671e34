import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { VitePWA } from 'vite-plugin-pwa';
import { paraglideOptions } from './scripts/i18n.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The site supervisor's field app (issue 20, ADR 0024), built on its own after the dashboard
 * (`npm run build:web` runs both) into web/dist/field/. A build of its own, not a third page of the
 * dashboard's: it shares no chunk with the dashboard, so Svelte's runtime and the shared modules are
 * tree-shaken to what the field app uses, and its first visit stays within the slow-network budget
 * (40 kB of gzipped JS, test/e2e/bundle.test.ts). Its service worker is scoped to /field/ and keeps
 * exactly this build's files: the dashboard is never served from a cache.
 */
export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  plugins: [
    svelte(),
    paraglideVitePlugin(paraglideOptions),
    VitePWA({
      strategies: 'generateSW',
      filename: 'field/sw.js',
      scope: '/field/',
      // Registered by field/main.ts itself; a new worker takes over at once.
      injectRegister: false,
      registerType: 'autoUpdate',
      // The manifest and icons are files of their own (web/public/field/, copied by the dashboard's
      // build), linked by field/index.html.
      manifest: false,
      workbox: {
        // URLs relative to the worker (/field/sw.js): assets/…, index.html.
        globDirectory: `${root}dist/field`,
        globPatterns: ['**/*.{js,css,html,png,webmanifest}'],
        // Hashed names need no revision: the worker takes the copy the page just loaded from the
        // HTTP cache instead of downloading it again on a slow line.
        dontCacheBustURLsMatching: /^assets\//,
        navigateFallback: '/field/index.html',
        navigateFallbackAllowlist: [/^\/field(\/|$)/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    outDir: 'dist',
    // The dashboard's build ran first into the same folder.
    emptyOutDir: false,
    assetsDir: 'field/assets',
    // The one lazy chunk (the sync code) needs no preload helper in the first download.
    modulePreload: false,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: true,
    rolldownOptions: {
      input: { field: `${root}field/index.html` },
      // Everything but the lazily loaded sync code in one chunk: a shared chunk of its own would
      // cost the first visit another request and a worse compression ratio.
      output: {
        codeSplitting: {
          groups: [{ name: 'field', test: (id: string) => !/outbox\/sync|evidence-put/.test(id) }],
        },
      },
    },
  },
});
