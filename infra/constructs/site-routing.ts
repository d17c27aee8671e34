/**
 * Which file of the web bucket answers a path, and how long a browser may keep it. The site has two
 * single-page apps: the dashboard (`/index.html`, every other client-side route) and the supervisor's
 * offline field app (`/field/index.html`, at `/field` and under `/field/`). CloudFront applies these rules
 * (web-hosting.ts: a viewer-request function and the bucket deployments' Cache-Control) and so does local
 * mode (infra/local/http-adapter.ts). Pure, without the CDK, so that the local server can import it;
 * test/infra/web-hosting.test.ts checks that the CloudFront function and `appDocumentFor` agree.
 */

/**
 * Where the field app lives (web/vite.field.config.ts builds it into web/dist/field/): its manifest is
 * `/field/manifest.webmanifest`, its service worker `/field/sw.js`, its hashed files `/field/assets/`.
 */
export const FIELD_APP_PATH = '/field';

/**
 * CloudFront Function (viewer request, bucket behaviour only) for the SPAs' client-side routes: a path
 * whose last segment has no file extension, such as `/cases/123`, `/auth/callback` or `/field/today`,
 * gets its app's shell: `/field/index.html` at `/field` and under `/field/`, `/index.html` elsewhere.
 * Files (`/assets/index-abc.js`, `/config.json`, `/field/sw.js`, `/field/manifest.webmanifest`) pass
 * through unchanged, and a missing one stays an error. A path that only begins with the letters
 * (`/fieldwork`) belongs to the dashboard.
 */
export const spaRoutingFunctionCode = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') !== -1) return request;
  var field = uri === '${FIELD_APP_PATH}' || uri.indexOf('${FIELD_APP_PATH}/') === 0;
  request.uri = field ? '${FIELD_APP_PATH}/index.html' : '/index.html';
  return request;
}`;

/**
 * Local mode's twin of `spaRoutingFunctionCode`: the app shell that answers `pathname`, or undefined when
 * the path names a file (it is served as it is, or not found).
 */
export function appDocumentFor(pathname: string): string | undefined {
  const last = pathname.substring(pathname.lastIndexOf('/') + 1);
  if (last.includes('.')) return undefined;
  const field = pathname === FIELD_APP_PATH || pathname.startsWith(`${FIELD_APP_PATH}/`);
  return field ? `${FIELD_APP_PATH}/index.html` : '/index.html';
}

/**
 * The builds' hashed output (Vite's `assets/` folders: the dashboard's and the field app's, as `aws s3
 * sync` filters): a file's name changes with its content, so a browser and CloudFront may keep it for a
 * year without asking again. That saves a round trip per file on every later visit, which on a slow 3G
 * link costs seconds.
 */
export const IMMUTABLE_SITE_FILES = ['assets/*', `${FIELD_APP_PATH.slice(1)}/assets/*`] as const;
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * Everything else is revalidated on every use (a 304 when unchanged): the pages and `config.json` must
 * never be stale after a deploy, and above all the service worker `/field/sw.js`: a browser installs a
 * new version of the field app only when it sees a changed `sw.js`, so a cached one would keep phones on
 * the old app. Its manifest likewise.
 */
export const REVALIDATE_CACHE_CONTROL = 'no-cache';

/** The Cache-Control the site sends for the file at `pathname` (both in the cloud and locally). */
export function siteCacheControl(pathname: string): string {
  const hashed = IMMUTABLE_SITE_FILES.some((filter) => {
    const prefix = `/${filter.replace(/\*$/, '')}`;
    return pathname.startsWith(prefix) && pathname.length > prefix.length;
  });
  return hashed ? IMMUTABLE_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL;
}
