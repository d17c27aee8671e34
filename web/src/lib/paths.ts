/**
 * Pure path helpers for the router: no DOM, no state, so they are unit-tested directly
 * (test/unit/web/paths.test.ts).
 */

/** Where a signed-in user lands when there is nowhere better to go. */
export const HOME_PATH = '/';
export const LOGIN_PATH = '/login';
/**
 * The site supervisor's offline field app (issue 20): a page of its own beside the dashboard, with
 * its own small bundle and service worker. Reaching it from the dashboard is a full page load.
 */
export const FIELD_APP_PATH = '/field/';

/** Whether a path belongs to the field app rather than to the dashboard's router. */
export const isFieldAppPath = (path: string): boolean => path === '/field' || path.startsWith('/field/');

const PLACEHOLDER_ORIGIN = 'https://abdi.invalid';

/**
 * Turns an untrusted `next` value (from `/login?next=…`) into a path on this site, or `/`.
 *
 * Only same-origin, absolute paths pass: `//evil.example`, `/\evil.example`, `https://…`,
 * `javascript:…` and paths with control characters all become `/`, so signing in can never send the
 * user to another site. `/login` itself also becomes `/`, to avoid a loop.
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return HOME_PATH;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) return HOME_PATH;
  let url: URL;
  try {
    url = new URL(raw, PLACEHOLDER_ORIGIN);
  } catch {
    return HOME_PATH;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return HOME_PATH;
  if (url.pathname === LOGIN_PATH) return HOME_PATH;
  const path = url.pathname + url.search + url.hash;
  // Dot segments can normalise `/..//evil.example` into the protocol-relative `//evil.example`.
  if (path.startsWith('//') || path.startsWith('/\\')) return HOME_PATH;
  return path;
}

/**
 * The login URL that returns to `currentPath` afterwards, e.g. `/login?next=/cases%3Fstatus%3Dactive`.
 * Slashes stay readable (they are legal in a query); everything else is percent-encoded.
 */
export function loginPathFor(currentPath: string): string {
  const next = safeNextPath(currentPath);
  return `${LOGIN_PATH}?next=${encodeURIComponent(next).replaceAll('%2F', '/')}`;
}

/**
 * `href` (absolute, or relative to `currentHref`) as a path + query + fragment, if it stays on the
 * same origin; `null` if it leaves the site.
 */
export function sameOriginPath(href: string, currentHref: string): string | null {
  let url: URL;
  try {
    url = new URL(href, currentHref);
  } catch {
    return null;
  }
  if (url.origin !== new URL(currentHref).origin) return null;
  return url.pathname + url.search + url.hash;
}

/** One parameter of a query string such as `?next=/cases`, or `null`. */
export function queryParam(search: string, name: string): string | null {
  return new URLSearchParams(search).get(name);
}

export type RouteParams = Record<string, string>;

/**
 * Matches a pattern such as `/cases/:caseId` against a pathname. Returns the decoded parameters,
 * or `null` when the path does not match. A trailing slash is ignored; segments are exact otherwise.
 */
export function matchPath(pattern: string, pathname: string): RouteParams | null {
  const split = (p: string) => p.split('/').filter((s) => s !== '');
  const want = split(pattern);
  const have = split(pathname);
  if (want.length !== have.length) return null;
  const params: RouteParams = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) {
      return null;
    }
  }
  return params;
}
