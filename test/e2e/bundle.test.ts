import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * The dashboard's size budget (issue 6): at most 100 kB of gzipped JavaScript before the first screen.
 * Runs on the build that the e2e global set-up made or checked. Heavy parts (charts, XLSX) must be
 * loaded with `import()` so they stay out of this count.
 */
const INITIAL_JS_BUDGET = 100 * 1024;

const dist = resolve(import.meta.dirname, '../../web/dist');

describe('bundle budget', () => {
  it('loads at most 100 kB of gzipped JavaScript up front', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const initial = [
      ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
      ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
    ].map((match) => match[1]!);
    expect(initial.length).toBeGreaterThan(0);
    const gzipped = initial.reduce(
      (sum, src) => sum + gzipSync(readFileSync(join(dist, src.replace(/^\//, '')))).length,
      0,
    );
    expect(gzipped).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
  });
});
