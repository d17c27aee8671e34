/**
 * Compiles the message catalogues (`web/messages/*.json`) into typed message functions in
 * `web/src/paraglide/` (git-ignored). The Vite plugin does the same during `vite build` and `vite dev`;
 * run this script before `svelte-check` on a clean clone:
 *
 *   node --import tsx web/scripts/i18n.ts
 *
 * Both paths share `paraglideOptions`, so the runtime they generate is identical.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompilerOptions } from '@inlang/paraglide-js';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const paraglideOptions = {
  project: resolve(webDir, 'project.inlang'),
  outdir: resolve(webDir, 'src/paraglide'),
  // Indonesian unless the user picked English on this device; never the browser's language, because
  // office PCs are often set up in English while their users work in Bahasa Indonesia.
  strategy: ['localStorage', 'baseLocale'],
  localStorageKey: 'abdi.locale',
  emitGitIgnore: false,
  emitPrettierIgnore: false,
  // A browser-only app: lets the bundler drop the runtime's server branches.
  isServer: 'false',
} satisfies CompilerOptions;

/**
 * The message-format plugin is loaded from node_modules, not from a CDN, so builds work offline.
 * The inlang SDK silently skips a local plugin module it cannot read, which would compile empty
 * catalogues; fail loudly instead.
 */
export function assertInlangPluginsPresent(): void {
  const settingsPath = resolve(paraglideOptions.project, 'settings.json');
  const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as { modules?: string[] };
  for (const module of settings.modules ?? []) {
    if (/^https?:/.test(module)) continue;
    const path = resolve(dirname(paraglideOptions.project), module);
    if (!existsSync(path)) {
      throw new Error(
        `The inlang plugin ${path} (named in ${settingsPath}) is missing: run npm install ` +
          '(it comes from the devDependency @inlang/plugin-message-format).',
      );
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  assertInlangPluginsPresent();
  const { compile } = await import('@inlang/paraglide-js');
  await compile(paraglideOptions);
  // The inlang SDK leaves a timer running for ~30 s after compiling; nothing is pending, so leave now.
  process.exit(0);
}
