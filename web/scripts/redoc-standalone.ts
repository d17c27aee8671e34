/**
 * Vite plugin for the API reference page (`web/docs/`): serves Redoc's standalone bundle as the ES module
 * `virtual:redoc-standalone`, so it is hashed, minified and cached like the dashboard's own chunks, and
 * nothing at runtime comes from another origin.
 *
 * The bundle is UMD. Wrapped in a function that runs with `this` set to the global object and with
 * `exports`, `module`, `define` and `require` shadowed by undefined parameters, it takes its browser-global
 * branch and sets `globalThis.Redoc`, which the module then re-exports. (Shadowing `require` also keeps the
 * bundler from resolving the UMD header's `require("null")`.)
 *
 * Redoc's sidebar footer loads its logo from `https://cdn.redoc.ly`; no option hides it. The plugin points
 * that image at an empty `data:` URL instead: it fails to decode, and Redoc's own `onError` then removes
 * the image, leaving the footer's text link. If a Redoc upgrade changes the URL, the build fails rather
 * than ship a page that calls a CDN.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

export const REDOC_MODULE_ID = 'virtual:redoc-standalone';
const RESOLVED_ID = `\0${REDOC_MODULE_ID}`;

/** The one off-origin fetch in Redoc 2.5.4's standalone bundle (checked with a search for `https://`). */
export const REDOC_LOGO_SRC = 'src:"https://cdn.redoc.ly/redoc/logo-mini.svg"';
const LOCAL_LOGO_SRC = 'src:"data:,"';

/** Rewrites the bundle's source; throws when the expected CDN reference is not there exactly once. */
export function withoutCdnLogo(source: string): string {
  const count = source.split(REDOC_LOGO_SRC).length - 1;
  if (count !== 1) {
    throw new Error(
      `redoc.standalone.js: expected the CDN logo (${REDOC_LOGO_SRC}) once, found it ${count} times. ` +
        'Check the new Redoc version for requests to other origins and update web/scripts/redoc-standalone.ts.',
    );
  }
  return source.replace(REDOC_LOGO_SRC, LOCAL_LOGO_SRC);
}

export function redocStandalone(): Plugin {
  return {
    name: 'abdi:redoc-standalone',
    resolveId(id) {
      return id === REDOC_MODULE_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const path = createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');
      const source = withoutCdnLogo(readFileSync(path, 'utf8'));
      return [
        // Parameters passed nothing: the UMD header finds no CommonJS or AMD loader and sets the global.
        '(function (exports, module, define, require) {',
        source.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, ''),
        '}).call(globalThis);',
        'const { init } = globalThis.Redoc;',
        'export { init };',
      ].join('\n');
    },
  };
}
