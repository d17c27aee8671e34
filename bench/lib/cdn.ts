import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/** One response the stand-in CDN sent: what was asked for, by whom, and how many body bytes crossed. */
export interface Transfer {
  readonly path: string;
  /** `Sec-Fetch-Dest`: `document`, `script` (also modulepreload), `serviceworker`, `empty` (fetch) … */
  readonly dest: string;
  readonly contentType: string;
  readonly status: number;
  /** Body bytes as sent, gzip-encoded when the CDN compressed them. */
  readonly bytes: number;
  readonly gzip: boolean;
}

/** The types CloudFront compresses (a subset of its list that covers everything the site serves). */
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|manifest\+json|xml)|image\/svg\+xml)/;
/** CloudFront compresses files of 1,000 bytes to 10 MB only. */
const MIN_COMPRESSED_BYTES = 1000;
/** The API's paths: CloudFront forwards them uncached, so uncompressed (web-hosting.ts, `routeToApi`). */
const API_PATH = /^\/(v1\/|health$|local\/)/;

export interface Cdn {
  readonly url: string;
  /** The responses since the last `reset`. */
  transfers(): readonly Transfer[];
  reset(): void;
  stop(): Promise<void>;
}

/**
 * A stand-in for CloudFront in front of the local stack at `origin`, on 127.0.0.1: it gzips the site's
 * files as the distribution's bucket behaviour does (`compress: true`) and passes the API through as its
 * uncached behaviour does, so that a throttled browser downloads the bytes a phone would, and it logs
 * every response. Local mode itself never compresses.
 */
export async function startCdn(origin: string): Promise<Cdn> {
  const upstream = new URL(origin);
  let log: Transfer[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://cdn').pathname;
    const headers: IncomingHttpHeaders = { ...req.headers, host: upstream.host };
    const forward = request(
      { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          let body = Buffer.concat(chunks);
          const contentType = String(answer.headers['content-type'] ?? '');
          const gzip =
            answer.statusCode === 200 &&
            !API_PATH.test(path) &&
            !answer.headers['content-encoding'] &&
            COMPRESSIBLE.test(contentType) &&
            body.length >= MIN_COMPRESSED_BYTES &&
            /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
          const out: Record<string, string | string[] | number | undefined> = { ...answer.headers };
          delete out['transfer-encoding'];
          if (gzip) {
            body = gzipSync(body);
            out['content-encoding'] = 'gzip';
            out.vary = 'Accept-Encoding';
          }
          out['content-length'] = body.length;
          log.push({
            path,
            dest: String(req.headers['sec-fetch-dest'] ?? ''),
            contentType,
            status: answer.statusCode ?? 0,
            bytes: body.length,
            gzip,
          });
          res.writeHead(answer.statusCode ?? 502, out);
          res.end(body);
        });
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    transfers: () => [...log],
    reset: () => {
      log = [];
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
