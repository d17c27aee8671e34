import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  API_REFERENCE_STYLE_HASHES,
  apiReferenceContentSecurityPolicy,
  contentSecurityPolicy,
} from '../../infra/constructs/content-security-policy';

/** `directive -> values` of a serialized policy. */
function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy.split('; ').map((directive) => {
      const [name = '', ...values] = directive.split(' ');
      return [name, values];
    }),
  );
}

describe('API reference CSP (/docs)', () => {
  // Prepare / Act
  const policy = apiReferenceContentSecurityPolicy();
  const directives = parse(policy);

  it('allows nothing from another origin: every source is a keyword, data: (images) or a hash', () => {
    for (const [name, values] of directives) {
      for (const value of values) {
        expect(`${name} ${value}`).toMatch(/ ('self'|'none'|'sha256-[A-Za-z0-9+/]{43}='|data:)$/);
      }
    }
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });

  it('has no unsafe-inline, unsafe-eval or blob:, and starts no workers (search is off)', () => {
    expect(policy).not.toMatch(/unsafe-|blob:/);
    expect(directives.get('worker-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
  });

  it("allows Redoc's two <style> texts by hash, the first being styled-components' empty tag", () => {
    const emptyStyle = `'sha256-${createHash('sha256').update('').digest('base64')}'`;
    expect(API_REFERENCE_STYLE_HASHES).toHaveLength(2);
    expect(API_REFERENCE_STYLE_HASHES[0]).toBe(emptyStyle);
    expect(directives.get('style-src')).toEqual(["'self'", ...API_REFERENCE_STYLE_HASHES]);
  });

  it('cannot be framed, posts no forms and keeps the base URL', () => {
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.has('upgrade-insecure-requests')).toBe(true);
  });

  it("leaves the dashboard's policy without the hashes", () => {
    // Act
    const dashboard = contentSecurityPolicy({
      auth: 'https://abdi.auth.ap-southeast-3.amazoncognito.com',
      evidence: 'https://abdi-evidence.s3.ap-southeast-3.amazonaws.com',
    });

    // Assess
    expect(parse(dashboard).get('style-src')).toEqual(["'self'"]);
    expect(dashboard).not.toContain('sha256-');
  });

  it("frames only the dashboard's own pages and in-memory PDFs (a document preview), and no plugins", () => {
    // Act
    const dashboard = parse(
      contentSecurityPolicy({
        auth: 'https://abdi.auth.ap-southeast-3.amazoncognito.com',
        evidence: 'https://abdi-evidence.s3.ap-southeast-3.amazonaws.com',
      }),
    );

    // Assess
    expect(dashboard.get('frame-src')).toEqual(["'self'", 'blob:']);
    expect(dashboard.get('object-src')).toEqual(["'none'"]);
    expect(dashboard.get('frame-ancestors')).toEqual(["'none'"]);
  });
});
