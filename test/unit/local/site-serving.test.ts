import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IMMUTABLE_CACHE_CONTROL,
  appDocumentFor,
  siteCacheControl,
  spaRoutingFunctionCode,
} from '../../../infra/constructs/site-routing';
import { createLocalRequestListener, type ApiLambda } from '../../../infra/local/http-adapter';
import type { LocalAuth } from '../../../infra/local/local-auth';

/**
 * The site's two apps (issue 20): the dashboard at `/` and the supervisor's offline field app at `/field/`.
 * CloudFront's routing function and local mode's adapter must send the same paths to the same shell, and
 * both must make browsers revalidate the service worker (or installed phones never get a new version).
 */

/** The CloudFront Function as CloudFront runs it: `handler(event)` returning the request. */
function cloudFrontRoute(uri: string): string {
  const handler = new Function(`${spaRoutingFunctionCode}; return handler;`)() as (event: {
    request: { uri: string };
  }) => { uri: string };
  return handler({ request: { uri } }).uri;
}

const ROUTES: readonly (readonly [string, string])[] = [
  ['/', '/index.html'],
  ['/login', '/index.html'],
  ['/o/bapas-palopo/today', '/index.html'],
  ['/fieldwork', '/index.html'],
  ['/o/field', '/index.html'],
  ['/field', '/field/index.html'],
  ['/field/', '/field/index.html'],
  ['/field/today', '/field/index.html'],
  ['/field/cases/01J9ZQ7W5X', '/field/index.html'],
  ['/field/index.html', '/field/index.html'],
  ['/field/manifest.webmanifest', '/field/manifest.webmanifest'],
  ['/field/sw.js', '/field/sw.js'],
  ['/field/assets/field-C1a2b3c4.js', '/field/assets/field-C1a2b3c4.js'],
  ['/field/icon-192.png', '/field/icon-192.png'],
  ['/assets/index-Be2aVYVW.js', '/assets/index-Be2aVYVW.js'],
  ['/config.json', '/config.json'],
];

describe('site routing: CloudFront function and local mode agree', () => {
  it.each(ROUTES)('%s -> %s', (uri, expected) => {
    // Act / Assess
    expect(cloudFrontRoute(uri)).toBe(expected);
    expect(appDocumentFor(uri) ?? uri).toBe(expected);
  });
});

describe('site cache rules', () => {
  it.each([
    ['/assets/index-Be2aVYVW.js', IMMUTABLE_CACHE_CONTROL],
    ['/assets/index-Be2aVYVW.css', IMMUTABLE_CACHE_CONTROL],
    ['/field/assets/field-C1a2b3c4.js', IMMUTABLE_CACHE_CONTROL],
    ['/field/sw.js', 'no-cache'],
    ['/field/workbox-4b126c97.js', 'no-cache'],
    ['/field/manifest.webmanifest', 'no-cache'],
    ['/field/index.html', 'no-cache'],
    ['/index.html', 'no-cache'],
    ['/config.json', 'no-cache'],
    ['/assets/', 'no-cache'],
    ['/assetsx/a.js', 'no-cache'],
    ['/o/field/assets/a.js', 'no-cache'],
  ])('%s: %s', (path, expected) => {
    // Act / Assess
    expect(siteCacheControl(path)).toBe(expected);
  });
});

describe('local adapter serving the built site', () => {
  let server: Server;
  let base = '';
  let webDir = '';

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'abdi-site-serving-'));
    mkdirSync(join(webDir, 'field'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>dashboard</title>');
    writeFileSync(join(webDir, 'field', 'index.html'), '<!doctype html><title>field</title>');
    writeFileSync(join(webDir, 'field', 'manifest.webmanifest'), '{"name":"Abdi"}');
    writeFileSync(join(webDir, 'field', 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(webDir, 'assets', 'main-abc123.js'), 'console.log(1);');
    server = createServer(
      createLocalRequestListener({
        api: (() => Promise.resolve({ statusCode: 500 })) as ApiLambda,
        auth: {} as LocalAuth,
        webDir,
        webConfig: {},
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(webDir, { recursive: true, force: true });
  });

  const title = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    expect(response.status, path).toBe(200);
    return /<title>(\w+)<\/title>/.exec(await response.text())?.[1];
  };

  it.each(['/field', '/field/', '/field/today', '/field/cases/01J9ZQ7W5X?x=1'])(
    'answers %s with the field app',
    async (path) => {
      // Act / Assess
      expect(await title(path)).toBe('field');
    },
  );

  it.each(['/', '/login', '/o/bapas-palopo/today', '/fieldwork'])(
    'answers %s with the dashboard',
    async (path) => {
      // Act / Assess
      expect(await title(path)).toBe('dashboard');
    },
  );

  it('makes browsers revalidate the service worker, the manifest and the pages', async () => {
    // Act
    const [sw, manifest, field, dashboard] = await Promise.all(
      ['/field/sw.js', '/field/manifest.webmanifest', '/field/today', '/'].map((p) => fetch(`${base}${p}`)),
    );

    // Assess
    expect(sw!.status).toBe(200);
    expect(sw!.headers.get('content-type')).toMatch(/javascript/);
    for (const response of [sw!, manifest!, field!, dashboard!]) {
      expect(response.headers.get('cache-control'), response.url).toBe('no-cache');
    }
  });

  it('lets browsers keep hashed assets for a year', async () => {
    // Act
    const response = await fetch(`${base}/assets/main-abc123.js`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe(IMMUTABLE_CACHE_CONTROL);
  });

  it('answers a missing file under /field with 404, not with an app shell', async () => {
    // Act
    const response = await fetch(`${base}/field/missing.js`);

    // Assess
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
