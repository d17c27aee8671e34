import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { REDOC_LOGO_SRC, withoutCdnLogo } from '../../../web/scripts/redoc-standalone';

/** The API reference's build step (ADR 0012): Redoc's bundle must not fetch its footer logo from a CDN. */
describe('Redoc standalone bundle for /docs', () => {
  const bundle = readFileSync(
    createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js'),
    'utf8',
  );

  it('the installed bundle loads nothing from cdn.redoc.ly once rewritten', () => {
    // Act
    const rewritten = withoutCdnLogo(bundle);

    // Assess
    expect(bundle).toContain(REDOC_LOGO_SRC);
    expect(rewritten).not.toContain('cdn.redoc.ly');
    expect(rewritten).toContain('src:"data:,"');
    expect(rewritten.length).toBe(bundle.length - REDOC_LOGO_SRC.length + 'src:"data:,"'.length);
  });

  it('fails the build when a Redoc upgrade moved the logo URL', () => {
    // Act / Assess
    expect(() => withoutCdnLogo('src:"https://cdn.redoc.ly/redoc/logo-v3.svg"')).toThrow(/found it 0 times/);
    expect(() => withoutCdnLogo(`${REDOC_LOGO_SRC}${REDOC_LOGO_SRC}`)).toThrow(/found it 2 times/);
  });
});
