/**
 * The dashboard's Content-Security-Policy, built from the few hosts it talks to. Pure function: values may
 * be CDK tokens (the account and region in the host names), which resolve inside the final string.
 */

export interface ContentSecurityPolicySources {
  /** The Cognito hosted domain origin; the SPA exchanges the authorization code there with fetch. */
  readonly auth: string;
  /** The evidence bucket origin: presigned PUTs (connect-src) and presigned GETs shown as images. */
  readonly evidence: string;
  /** Cognito's user pools API origin: the SPA enrols an authenticator app there with the person's token. */
  readonly identity?: string;
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
    ],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'", sources.auth],
    'frame-ancestors': ["'none'"],
    'upgrade-insecure-requests': [],
  };
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}
