import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startCdn, type Cdn, type Transfer } from './lib/cdn';
import { startChild } from './lib/child';
import { median, ratio, round } from './lib/stats';

/**
 * (j) Issue 20, item 4: the supervisor's screen on a bad signal. The local stack (as the browser suite
 * starts it) behind a gzipping stand-in for CloudFront (lib/cdn.ts), and Debian's Chromium throttled to
 * DevTools' "Slow 3G" with a 4× slower CPU. Each visit is a first one: a new browser context (empty
 * HTTP cache, no service worker), signed in by putting a token from POST /local/auth/login where the
 * dashboard's login page puts it, so that no earlier page warms the cache. The supervisor pengawas.bara
 * opens the field app at /field/ (before it exists in the build: the dashboard's "today" screen), the
 * admin admin.palopo the office home; for each, the JS the page downloads (gzip-encoded) and the time
 * from navigation to the screen being usable. The field app's JS must stay under 40 kB gz.
 */

const root = resolve(import.meta.dirname, '..');
const web = join(root, 'web');
/** The build measured: web/dist, or another one (`BENCH_WEB_DIST`, e.g. a build of another checkout). */
const dist = resolve(process.env.BENCH_WEB_DIST || join(web, 'dist'));
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OFFICE = 'bapas-palopo';
const PASSWORD = 'demo-password';
/** web/src/lib/session.ts: where the dashboard keeps the access token (and the field app reads it). */
const SESSION_KEY = 'abdi.session';
export const FIELD_JS_BUDGET = 40 * 1024;

/**
 * Chrome DevTools' "Slow 3G" preset, exactly as DevTools defines it (front_end/core/sdk/NetworkManager.ts):
 * download and upload 500 kbit/s × 0.8 (in bytes per second), latency 400 ms × 5.
 */
export const SLOW_3G = {
  offline: false,
  downloadThroughput: ((500 * 1000) / 8) * 0.8,
  uploadThroughput: ((500 * 1000) / 8) * 0.8,
  latency: 400 * 5,
} as const;
/** DevTools' "4× slowdown", a mid-range phone next to a development machine. */
export const CPU_SLOWDOWN = 4;

/** Longest wait for a screen to become usable on the throttled profile. */
const USABLE_TIMEOUT_MS = 180_000;

interface Target {
  readonly name: 'field' | 'home';
  readonly username: string;
  readonly path: string;
  readonly viewport: { width: number; height: number };
  /** Usable: `selector` shows, and with `idle` no skeleton (`aria-busy`) is left on the page. */
  readonly ready: { readonly selector: string; readonly idle: boolean };
}

interface Visit {
  readonly usableMs: number;
  readonly firstContentfulPaintMs: number | null;
  readonly jsGzipBytes: number;
  readonly jsFiles: number;
  readonly jsAtUsableGzipBytes: number;
  readonly bytesBeforeUsable: number;
  /** Everything that crossed the link on the visit, the service worker's downloads included. */
  readonly bytesFirstVisit: number;
  readonly serviceWorker: {
    readonly state: 'active' | 'failed';
    readonly files: number;
    readonly jsBytes: number;
    readonly bytes: number;
    readonly notFound: readonly string[];
  } | null;
  /** Responses of 400 and above on the visit (the page's and the worker's). */
  readonly notFound: readonly string[];
  readonly pageErrors: readonly string[];
}

/**
 * Builds the site as `npm run build:web` does (the dashboard, then the field app into the same folder)
 * when it is missing, as bench/dashboard.ts does; a build older than its sources is measured as it is,
 * with a warning, so that the bench never replaces web/dist under a stack that is serving it.
 */
function ensureBuild(): { builtNow: boolean; stale: boolean } {
  const built = join(dist, 'index.html');
  const fieldSource = existsSync(join(web, 'field', 'index.html'));
  if (existsSync(built) && (!fieldSource || existsSync(join(dist, 'field', 'index.html')))) {
    const sources = ['index.html', 'vite.config.ts', 'vite.field.config.ts', 'field', 'src', 'messages'];
    const stale =
      !process.env.BENCH_WEB_DIST && sources.some((p) => newestMtime(join(web, p)) > statSync(built).mtimeMs);
    if (stale) process.stderr.write(`bench: ${dist} is older than web/ sources; run npm run build:web\n`);
    return { builtNow: false, stale };
  }
  if (process.env.BENCH_WEB_DIST) throw new Error(`BENCH_WEB_DIST: no build in ${dist}`);
  for (const config of ['web/vite.config.ts', 'web/vite.field.config.ts']) {
    if (!existsSync(join(root, config))) continue;
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', config],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  }
  return { builtNow: true, stale: false };
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path)
    .filter((entry) => entry !== 'paraglide') // generated by the build itself
    .reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), 0);
}

async function signIn(origin: string, username: string) {
  const response = await fetch(`${origin}/local/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in of ${username} failed: ${response.status}`);
  const token = (await response.json()) as { accessToken: string; expiresIn: number };
  return JSON.stringify({ accessToken: token.accessToken, expiresAt: Date.now() + token.expiresIn * 1000 });
}

const isJs = (t: Transfer) => /javascript/.test(t.contentType);
const sum = (transfers: readonly Transfer[]) => transfers.reduce((n, t) => n + t.bytes, 0);

/** One first visit of `target` on the throttled profile. */
async function visit(browser: Browser, cdn: Cdn, target: Target, session: string): Promise<Visit> {
  const context = await browser.newContext({
    baseURL: cdn.url,
    viewport: target.viewport,
    locale: 'id-ID',
    serviceWorkers: 'allow',
  });
  try {
    await context.addInitScript(
      ([key, value]) => {
        if (!sessionStorage.getItem(key)) sessionStorage.setItem(key, value);
      },
      [SESSION_KEY, session] as const,
    );
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // What the service worker downloads for itself (Playwright reports it on the context, not the page).
    const workerPaths = new Set<string>();
    context.on('request', (request) => {
      if (request.serviceWorker()) workerPaths.add(new URL(request.url()).pathname);
    });
    let inFlight = 0;
    let quietSince = performance.now();
    // The scripts the page runs, whether they crossed the network for it or came through its service
    // worker (which, once it controls the page, answers from the copies it downloaded itself).
    const pageScripts = new Set<string>();
    page.on('request', (request) => {
      inFlight += 1;
      if (request.resourceType() === 'script') pageScripts.add(new URL(request.url()).pathname);
    });
    const done = () => {
      inFlight -= 1;
      if (inFlight === 0) quietSince = performance.now();
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    cdn.reset();

    await page.goto(target.path, { waitUntil: 'commit', timeout: USABLE_TIMEOUT_MS });
    // Polled in the page, so the time is the page's own clock from navigation start (performance.now()).
    const handle = await page.waitForFunction(
      ({ selector, idle }) => {
        if (location.pathname.startsWith('/login')) return { at: -1, path: location.pathname };
        const element = document.querySelector(selector);
        if (!element?.checkVisibility()) return false;
        if (idle && document.querySelector('[aria-busy="true"]')) return false;
        return { at: performance.now(), path: location.pathname };
      },
      target.ready,
      { polling: 50, timeout: USABLE_TIMEOUT_MS },
    );
    const usable = (await handle.jsonValue()) as { at: number; path: string };
    if (usable.at < 0) throw new Error(`${target.path} sent ${target.username} to ${usable.path}`);
    const atUsable = cdn.transfers();
    const fcp = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    );

    // The rest of the first visit: until the page's network has been quiet for a second.
    const settleBy = performance.now() + 60_000;
    while (performance.now() < settleBy && (inFlight > 0 || performance.now() - quietSince < 1000)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    // The worker's script, its imports and its precache fetches; a page's fetch of the same path is
    // told apart by its destination (the page loads scripts as `script`, the precache as `empty`).
    const byWorker = (t: Transfer) =>
      t.dest === 'serviceworker' ||
      (workerPaths.has(t.path) && (t.dest === 'empty' || /\/(sw|workbox-[^/]*)\.js$/.test(t.path)));
    // A service worker installs beside the first visit, precaching; CDP's throttling is set on the
    // page's target and does not reach the worker's own downloads (checked: they take milliseconds),
    // so its bytes are reported and its time is not. A failed install (say, a precache entry that is
    // not found) removes the registration.
    let workerState: 'active' | 'failed' | null = null;
    if (cdn.transfers().some((t) => t.dest === 'serviceworker')) {
      workerState = 'failed';
      for (const until = performance.now() + 30_000; performance.now() < until;) {
        const state = await page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return registration?.active ? 'active' : registration ? 'installing' : 'none';
        });
        if (state === 'active') workerState = 'active';
        const refused = state === 'none' && cdn.transfers().some((t) => byWorker(t) && t.status >= 400);
        if (state === 'active' || refused) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    // Each script of the page once, at the size the CDN sent it (whoever fetched it).
    const pageJs = (transfers: readonly Transfer[]) => [
      ...new Map(
        transfers
          .filter((t) => isJs(t) && t.status === 200 && pageScripts.has(t.path))
          .map((t) => [t.path, t]),
      ).values(),
    ];
    const all = cdn.transfers();
    const precache = all.filter(byWorker);
    return {
      usableMs: Math.round(usable.at),
      firstContentfulPaintMs: fcp === null ? null : Math.round(fcp),
      jsGzipBytes: sum(pageJs(all)),
      jsFiles: pageJs(all).length,
      jsAtUsableGzipBytes: sum(pageJs(atUsable)),
      bytesBeforeUsable: sum(atUsable),
      bytesFirstVisit: sum(all),
      serviceWorker: workerState && {
        state: workerState,
        files: precache.length,
        jsBytes: sum(precache.filter(isJs)),
        bytes: sum(precache),
        notFound: precache.filter((t) => t.status >= 400).map((t) => `${t.status} ${t.path}`),
      },
      notFound: all.filter((t) => t.status >= 400).map((t) => `${t.status} ${t.path}`),
      pageErrors,
    };
  } finally {
    await context.close();
  }
}

function summarize(target: Target, visits: readonly Visit[]) {
  const first = visits[0]!;
  return {
    path: target.path,
    username: target.username,
    usableMs: median(visits.map((v) => v.usableMs)),
    usableMsRuns: visits.map((v) => v.usableMs),
    firstContentfulPaintMs: median(visits.map((v) => v.firstContentfulPaintMs ?? Number.NaN)),
    // The same files every run; the largest count guards against a run that lost one.
    jsGzipBytes: Math.max(...visits.map((v) => v.jsGzipBytes)),
    jsFiles: Math.max(...visits.map((v) => v.jsFiles)),
    jsAtUsableGzipBytes: Math.max(...visits.map((v) => v.jsAtUsableGzipBytes)),
    bytesBeforeUsable: Math.max(...visits.map((v) => v.bytesBeforeUsable)),
    bytesFirstVisit: Math.max(...visits.map((v) => v.bytesFirstVisit)),
    serviceWorker: first.serviceWorker,
    notFound: [...new Set(visits.flatMap((v) => v.notFound))],
    pageErrors: [...new Set(visits.flatMap((v) => v.pageErrors))],
  };
}

export async function benchField(options: { runs: number }) {
  const build = ensureBuild();
  const fieldBuilt = existsSync(join(dist, 'field', 'index.html'));
  const targets: Target[] = [
    fieldBuilt
      ? {
          name: 'field',
          username: 'pengawas.bara',
          path: '/field/',
          viewport: { width: 360, height: 740 },
          ready: { selector: '[data-testid="field-ready"]', idle: false },
        }
      : {
          name: 'field',
          username: 'pengawas.bara',
          path: `/o/${OFFICE}/today`,
          viewport: { width: 360, height: 740 },
          ready: { selector: 'h1', idle: true },
        },
    {
      name: 'home',
      username: 'admin.palopo',
      path: `/o/${OFFICE}`,
      viewport: { width: 1280, height: 800 },
      // The figures (KPI cards) are in and no part of the page is still a skeleton.
      ready: { selector: '[data-testid^="kpi-"]', idle: true },
    },
  ];

  const server = await startChild<{ url: string }>(join(import.meta.dirname, 'field-server.ts'), {
    env: { BENCH_WEB_DIST: dist },
    timeoutMs: 300_000,
  });
  let cdn: Cdn | undefined;
  let browser: Browser | undefined;
  try {
    cdn = await startCdn(server.ready.url);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      // As test/e2e/browser.ts: no calls home, which on a closed network only slow start-up.
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const sessions = new Map<string, string>();
    for (const t of targets) sessions.set(t.username, await signIn(server.ready.url, t.username));
    const visits = new Map<string, Visit[]>(targets.map((t) => [t.name, []]));
    // Alternating, so that a noisy moment on a shared machine does not land on one side only.
    for (let run = 0; run < options.runs; run += 1) {
      for (const t of targets)
        visits.get(t.name)!.push(await visit(browser, cdn, t, sessions.get(t.username)!));
    }
    const field = summarize(targets[0]!, visits.get('field')!);
    const home = summarize(targets[1]!, visits.get('home')!);
    const problems: string[] = [];
    if (!fieldBuilt) {
      const instead = `measured the dashboard's ${field.path} instead`;
      problems.push(
        `field: no field app in the build (${relative(root, dist)}/field/index.html); ${instead}`,
      );
    }
    if (field.jsGzipBytes >= FIELD_JS_BUDGET) {
      const size = `${round(field.jsGzipBytes / 1024)} kB`;
      problems.push(`field: the supervisor's first visit loads ${size} of gzipped JS (budget: under 40 kB)`);
    }
    return {
      ...build,
      measuredBuild: relative(root, dist),
      fieldApp: fieldBuilt,
      runs: options.runs,
      throttling: { profile: 'Slow 3G (Chrome DevTools)', ...SLOW_3G, cpuSlowdown: CPU_SLOWDOWN },
      budgetJsGzipBytes: FIELD_JS_BUDGET,
      field,
      home,
      ratio: { js: ratio(field.jsGzipBytes, home.jsGzipBytes), usable: ratio(field.usableMs, home.usableMs) },
      problems,
    };
  } finally {
    await browser?.close();
    await cdn?.stop();
    await server.stop();
  }
}
