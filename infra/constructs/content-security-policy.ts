/**
 * The Content-Security-Policies of the two pages on the dashboard's origin: the dashboard, built from the
 * few hosts it talks to, and the API reference at `/docs`. Pure functions: values may be CDK tokens (the
 * account and region in the host names), which resolve inside the final string.
 */

export interface ContentSecurityPolicySources {
  /** The Cognito hosted domain origin; the SPA exchanges the authorization code there with fetch. */
  readonly auth: string;
  /** The evidence bucket origin: presigned PUTs (connect-src) and presigned GETs shown as images. */
  readonly evidence: string;
  /** Cognito's user pools API origin: the SPA enrols an authenticator app there with the person's token. */
  readonly identity?: string;
  /** The imports bucket origin: presigned PUTs of spreadsheets (connect-src; reports download by navigation). */
  readonly imports?: string;
}

/**
 * `default-src 'self'` with exactly the extra hosts the SPA needs. The API is not one of them: the
 * distribution serves it under `/v1/*` and `/health`, on the dashboard's own origin (`'self'`).
 * No `unsafe-inline` anywhere: scripts and styles come from the bundle; inline `style="…"` attributes in
 * markup are therefore blocked (Svelte's `style:` directive sets styles through the CSSOM and is fine).
 */
export function contentSecurityPolicy(sources: ContentSecurityPolicySources): string {
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:', sources.evidence],
    'font-src': ["'self'"],
    'connect-src': [
      "'self'",
      sources.auth,
      sources.evidence,
      ...(sources.identity ? [sources.identity] : []),
      ...(sources.imports ? [sources.imports] : []),
    ],
    // A document's draft PDF is shown in a frame from memory (`blob:`), never from another origin.
    'frame-src': ["'self'", 'blob:'],
    // The field app's service worker (/field/sw.js) and its manifest, named rather than left to the
    // default-src fallback, so that a later tightening of default-src cannot silently switch them off.
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'", sources.auth],
    'frame-ancestors': ["'none'"],
    'upgrade-insecure-requests': [],
  };
  return serialize(directives);
}

/**
 * The `<style>` elements Redoc 2.5.4 (styled-components 5 in its bundle) writes as text, by SHA-256 of
 * their content: styled-components' empty tag, whose rules it then adds with `insertRule` (CSSOM calls
 * are not subject to the CSP), and perfect-scrollbar's fixed stylesheet. test/e2e/docs.test.ts fails with
 * the blocked hash if a Redoc upgrade changes either.
 */
export const API_REFERENCE_STYLE_HASHES = [
  // The empty string: styled-components' <style data-styled> before its first insertRule.
  "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
  // perfect-scrollbar's CSS (the sidebar's scrollbar), which Redoc's bundle adds as one <style> at start.
  "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
] as const;

/**
 * The API reference page (`/docs`, Redoc): everything from `'self'` (its bundle, the contract at
 * `/v1/openapi.json`), the two known `<style>` texts by hash rather than `'unsafe-inline'`, `data:` images
 * (Redoc's icons, and the footer logo the build replaces with `data:,`), and no workers: search, which would
 * start one from a `blob:` URL, is switched off in the page's options.
 */
export function apiReferenceContentSecurityPolicy(): string {
  return serialize({
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", ...API_REFERENCE_STYLE_HASHES],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'worker-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
    'upgrade-insecure-requests': [],
  });
}

function serialize(directives: Record<string, readonly string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}
