import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimOf } from '../../functions/store/idempotency';
import { apiCaller } from '../support/api';
import { newPartner } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';

// Idempotency-Key records written by the request's own transaction (ADR 0011), against DynamoDB Local.
const env = testEnvironment();
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
});

const send = (key: string, body: unknown) =>
  call('POST', `/v1/offices/${world.home}/partners`, {
    claims: world.claims.admin,
    body,
    headers: { 'idempotency-key': key },
  });

async function recordOf(key: string, body: unknown) {
  const claim = claimOf({
    subject: String(world.claims.admin.sub),
    path: `/v1/offices/${world.home}/partners`,
    key,
    body: JSON.stringify(body),
  });
  const { Item } = await env.db.send(
    new GetCommand({ TableName: env.config.idempotencyTableName, Key: { id: claim.id } }),
  );
  return Item;
}

describe('Idempotency-Key', () => {
  it('records the first answer for 30 days and replays it without writing again', async () => {
    const key = `k-${uniqueSuffix()}`;
    const body = newPartner();
    const first = await send(key, body);
    expect(first.status).toBe(201);

    const record = await recordOf(key, body);
    expect(record).toMatchObject({ state: 'completed', response: { statusCode: 201 } });
    const days = (Number(record!.expiration) - Date.now() / 1000) / 86_400;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    env.calls.reset();
    const again = await send(key, body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    // The replay is answered from the guard's one read: no write, no second read.
    expect(env.calls.snapshot()).toEqual({ BatchGetItemCommand: 1 });
  });

  it('refuses the same key with another body (422), and leaves no record for a refused request', async () => {
    const key = `k-${uniqueSuffix()}`;
    expect((await send(key, newPartner())).status).toBe(201);
    const other = await send(key, { ...newPartner(), name: 'Another partner' });
    expect(other.status).toBe(422);
    expect(other.body.errors).toEqual([expect.objectContaining({ path: 'headers.idempotency-key' })]);

    const refusedKey = `k-${uniqueSuffix()}`;
    const invalid = { ...newPartner(), kind: 'nonsense' };
    expect((await send(refusedKey, invalid)).status).toBe(400);
    expect(await recordOf(refusedKey, invalid)).toBeUndefined();
  });
});
