import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One delivery as the receiver got it, and whether its signature held for the secrets it knew. */
export interface Received {
  readonly id: string;
  readonly type: string;
  readonly body: string;
  readonly payload: { type: string; timestamp: string; data: Record<string, unknown> };
  readonly headers: Readonly<Record<string, string>>;
  /** Which of the receiver's secrets verified it (Standard Webhooks' own library). */
  readonly verifiedBy: readonly string[];
}

/**
 * A partner's receiver, as the README's two lines make one: a real HTTP server on 127.0.0.1 that
 * verifies each delivery with the `standardwebhooks` library and de-duplicates by `webhook-id`.
 * `failNext` makes it answer 503 (or drop the connection) to the next deliveries, as a receiver that is
 * down would.
 */
export async function webhookReceiver() {
  const received: Received[] = [];
  const processed = new Set<string>();
  let secrets: string[] = [];
  let failing = 0;
  let mode: 'status' | 'drop' = 'status';
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      if (failing > 0) {
        failing -= 1;
        if (mode === 'drop') return request.socket.destroy();
        response.writeHead(503).end('receiver down for maintenance');
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
      );
      const verifiedBy = secrets.filter((secret) => {
        try {
          new Webhook(secret).verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      const id = headers['webhook-id'] ?? '';
      const payload = JSON.parse(body) as Received['payload'];
      received.push({ id, type: payload.type, body, payload, headers, verifiedBy });
      processed.add(id);
      response.writeHead(204).end();
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  /** The receiver goes away mid-conversation: listening stops and open connections are cut. */
  const kill = () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    return closed;
  };
  return {
    kill,
    /** Back on the same port, as a restarted receiver would be. */
    restart: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    url: `http://127.0.0.1:${port}/abdi`,
    received,
    /** Each `webhook-id` the receiver processed, once however often it came. */
    processed,
    knowSecrets: (...known: string[]) => (secrets = known),
    failNext: (count: number, how: 'status' | 'drop' = 'status') => {
      failing = count;
      mode = how;
    },
    close: () => (server.listening ? kill() : Promise.resolve()),
  };
}
