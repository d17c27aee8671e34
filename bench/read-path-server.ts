/**
 * Child process of the read-path benchmark: the whole local stack (`startLocal`: DynamoDB Local, the
 * API Gateway adapter, the real handler, demo data) and beside it a bare node:http server that does
 * the same GetItem with a client built the same way. Prints one JSON line with both URLs and a token,
 * then serves until SIGTERM. A separate process, so the load generator never shares its event loop.
 */
import '../infra/local/quiet-sdk-warning';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { toCase } from '../functions/store/case-store';
import { createDocumentClient, createDynamoClient } from '../functions/store/dynamo-client';
import { keys } from '../functions/store/keys';
import { startLocal } from '../infra/local/start';

const OFFICE = 'bapas-palopo';

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'abdi-bench-local-'));
  // The adapter serves a dashboard beside the API; an empty page is enough here.
  const webDir = join(dataDir, 'web');
  mkdirSync(webDir, { recursive: true });
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>bench</title>');
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const stack = await startLocal({ port: 0, dataDir: join(dataDir, 'data'), webDir, fresh: true });

  const login = await fetch(`${stack.url}/local/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'pk.palopo', password: 'demo-password' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const list = await fetch(`${stack.url}/v1/offices/${OFFICE}/cases?limit=1`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const caseId = ((await list.json()) as { items: { id: string }[] }).items[0]!.id;

  // The reference: the same GetItem (consistent read, same key) with a client built as the handler's.
  const db = createDocumentClient(
    createDynamoClient({ region: process.env.AWS_REGION!, endpoint: stack.dynamoEndpoint }),
  );
  const tableName = process.env.TABLE_NAME!;
  const bare = createServer((req, res) => {
    const id = /^\/cases\/([0-9A-Z]{26})$/.exec(req.url ?? '')?.[1];
    if (!id) {
      res.writeHead(404).end();
      return;
    }
    db.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: keys.casePartition(OFFICE, id), sk: keys.caseRoot },
        ConsistentRead: true,
      }),
    ).then(
      ({ Item }) => {
        res.writeHead(Item ? 200 : 404, { 'content-type': 'application/json' });
        res.end(Item ? JSON.stringify(toCase(Item)) : undefined);
      },
      () => res.writeHead(503).end(),
    );
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const barePort = (bare.address() as AddressInfo).port;
  const adapterPort = new URL(stack.url).port;

  process.stdout.write(
    JSON.stringify({
      subject: `http://127.0.0.1:${adapterPort}/v1/offices/${OFFICE}/cases/${caseId}`,
      reference: `http://127.0.0.1:${barePort}/cases/${caseId}`,
      token: accessToken,
    }) + '\n',
  );

  const shutdown = () => {
    bare.closeAllConnections();
    bare.close();
    void stack.stop().finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`read-path server failed: ${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
