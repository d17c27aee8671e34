import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import { ratio } from './lib/stats';

const root = resolve(import.meta.dirname, '..');

/**
 * What a browser loads before the first screen, gzipped: the entry script and its modulepreloads
 * (counted as test/e2e/bundle.test.ts counts them) and the stylesheets index.html links.
 */
export function initialAssets(dist: string) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const js = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+\.css)"/g)].map((m) => m[1]!);
  const gz = (files: string[]) =>
    files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file.replace(/^\//, '')))).length, 0);
  return { jsFiles: js.length, jsGzipBytes: gz(js), cssFiles: css.length, cssGzipBytes: gz(css) };
}

/**
 * The reference: the smallest Svelte 5 app (one component with state, an event handler and a style)
 * built by the same Vite and Svelte plugin with the dashboard's target. Built under node_modules/.cache
 * so that it resolves `svelte` from this repository.
 */
async function minimalSvelteApp() {
  const dir = join(root, 'node_modules/.cache/abdi-bench-minimal-svelte');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><title>ref</title></head><body><div id="app"></div><script type="module" src="/src/main.js"></script></body></html>',
  );
  writeFileSync(
    join(dir, 'src/main.js'),
    "import { mount } from 'svelte';\nimport App from './App.svelte';\nmount(App, { target: document.getElementById('app') });\n",
  );
  writeFileSync(
    join(dir, 'src/App.svelte'),
    '<script>let count = $state(0);</script>\n<button onclick={() => count++}>{count}</button>\n<style>button { font: inherit; padding: 0.5rem; }</style>\n',
  );
  await build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    plugins: [svelte()],
    build: { outDir: join(dir, 'dist'), emptyOutDir: true, target: 'es2022' },
  });
  const assets = initialAssets(join(dir, 'dist'));
  rmSync(dir, { recursive: true, force: true });
  return assets;
}

/** (e) The dashboard's initial JS and CSS from the production build (built first if web/dist is missing). */
export async function benchDashboard() {
  const dist = join(root, 'web/dist');
  let built = false;
  if (!existsSync(join(dist, 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { cwd: root, stdio: 'ignore' });
    built = true;
  }
  const dashboard = initialAssets(dist);
  const reference = await minimalSvelteApp();
  return {
    builtNow: built,
    dashboard,
    reference,
    budgetJsGzipBytes: 100 * 1024,
    ratio: {
      js: ratio(dashboard.jsGzipBytes, reference.jsGzipBytes),
      jsAndCss: ratio(
        dashboard.jsGzipBytes + dashboard.cssGzipBytes,
        reference.jsGzipBytes + reference.cssGzipBytes,
      ),
      jsOfBudget: ratio(dashboard.jsGzipBytes, 100 * 1024),
    },
  };
}
