/**
 * Where local mode listens. Everything it starts (the HTTP server, DynamoDB Local, s3rver) binds to
 * 127.0.0.1, so demo data, the demo passwords and the unauthenticated emulators are reachable from this
 * machine only; `HOST` says otherwise (`HOST=0.0.0.0 npm start` to try the dashboard from a phone on the
 * same network, knowing that the emulators are then open to it too).
 */

/** The loopback address local mode binds to by default. */
export const LOOPBACK = '127.0.0.1';

/** The address to bind: `HOST` if set, else 127.0.0.1. */
export function bindHost(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.HOST?.trim() || LOOPBACK;
}

/** The address a client on this machine dials to reach a listener bound to `host`. */
export function dialHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return LOOPBACK;
  if (host === '::' || host === '[::]') return '::1';
  return host;
}

/** `http://<host>:<port>` for a client on this machine, with an IPv6 address in brackets. */
export function localUrl(host: string, port: number): string {
  const dial = dialHost(host);
  return `http://${dial.includes(':') ? `[${dial}]` : dial}:${port}`;
}
