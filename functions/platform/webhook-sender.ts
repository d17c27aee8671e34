import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { WebhookMessage, WebhookSender, SendResult } from '../actions/webhooks/worker-ports';
import { isPublicHost } from './public-address';

/** A receiver has this long to answer; Standard Webhooks suggests receivers answer fast and work later. */
const TIMEOUT_MS = 10_000;
/** Of the answer only its start is kept, for the delivery log (no receiver's data piles up here). */
const EXCERPT_CHARS = 200;

/** The Standard Webhooks headers of `message`: one `v1,` signature per secret, space-separated. */
export function signedHeaders(message: WebhookMessage): Record<string, string> {
  const signatures = message.secrets.map((secret) =>
    new Webhook(secret).sign(message.id, message.timestamp, message.body),
  );
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(Math.floor(message.timestamp.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}

/**
 * Sends webhooks over HTTPS (and in local mode HTTP) with Node's own client: no redirects followed, a
 * 10-second timeout, 2xx is success. In the cloud every address a name resolves to must be public
 * (WH-URL), checked at connection time in the socket's own lookup, so a name that resolves to a
 * private address later (DNS rebinding) is refused too.
 */
export function httpWebhookSender(mode: 'cloud' | 'local'): WebhookSender {
  const lookup: LookupFunction | undefined =
    mode === 'cloud'
      ? (hostname, options, callback) =>
          dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
            if (error) return callback(error, '', 0);
            const list = addresses as LookupAddress[];
            const refused = list.find((a) => !isPublicHost(a.address));
            if (refused) {
              return callback(new Error(`refused: ${hostname} resolves to a non-public address`), '', 0);
            }
            if ((options as { all?: boolean }).all)
              return (callback as never as (e: null, a: LookupAddress[]) => void)(null, list);
            return callback(null, list[0]!.address, list[0]!.family);
          })
      : undefined;

  return (message) =>
    new Promise<SendResult>((resolve) => {
      const started = performance.now();
      const done = (result: Omit<SendResult, 'latencyMs'>) =>
        resolve({ ...result, latencyMs: Math.round(performance.now() - started) });
      let url: URL;
      try {
        url = new URL(message.url);
      } catch {
        return done({ ok: false, error: 'invalid URL' });
      }
      if (mode === 'cloud' && (url.protocol !== 'https:' || !isPublicHost(url.hostname))) {
        return done({ ok: false, error: 'refused: not an https URL with a public host' });
      }
      const options: RequestOptions = {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Abdi-Webhooks/1',
          ...signedHeaders(message),
        },
        timeout: TIMEOUT_MS,
        ...(lookup ? { lookup } : {}),
      };
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send(url, options, (response) => {
        let excerpt = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (excerpt.length < EXCERPT_CHARS) excerpt += chunk.slice(0, EXCERPT_CHARS - excerpt.length);
        });
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const ok = status >= 200 && status < 300;
          done({ ok, responseStatus: status, ...(ok ? {} : { error: excerpt || `HTTP ${status}` }) });
        });
        response.on('error', (error) =>
          done({ ok: false, responseStatus: response.statusCode, error: error.message }),
        );
      });
      request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
      request.on('error', (error) => done({ ok: false, error: error.message.slice(0, EXCERPT_CHARS) }));
      request.end(message.body);
    });
}
