import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * Size budgets of the JavaScript a page loads before its first screen (its entry script and that
 * script's modulepreloads), gzipped: the dashboard's 100 kB (issue 6), and the supervisor's field app's
 * 40 kB (issue 20: a first visit on a slow 3G line; `npm run bench` measures that visit in Chromium).
 * Runs on the build that `npm run build:web` made (the e2e global set-up checks the dashboard's). Heavy
 * parts (charts, XLSX) must be loaded with `import()` so they stay out of this count.
 */
const INITIAL_JS_BUDGET = 100 * 1024;
const FIELD_INITIAL_JS_BUDGET = 40 * 1024;

const dist = resolve(import.meta.dirname, '../../web/dist');

/** The scripts `page` (a built HTML file under web/dist) loads up front, and their gzipped size. */
function initialJs(page: string): { files: string[]; gzipped: number } {
  const html = readFileSync(join(dist, page), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((match) => match[1]!);
  const gzipped = files.reduce(
    (sum, src) => sum + gzipSync(readFileSync(join(dist, src.replace(/^\//, '')))).length,
    0,
  );
  return { files, gzipped };
}

describe('bundle budget', () => {
  it('loads at most 100 kB of gzipped JavaScript up front', () => {
    const { files, gzipped } = initialJs('index.html');
    expect(files.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
  });

  it("loads at most 40 kB of gzipped JavaScript up front in the supervisor's field app", () => {
    const { files, gzipped } = initialJs('field/index.html');
    expect(files.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThanOrEqual(FIELD_INITIAL_JS_BUDGET);
  });
});
