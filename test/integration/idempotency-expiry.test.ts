import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimOf } from '../../functions/store/idempotency';
import { apiCaller } from '../support/api';
import { newPartner } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';

/**
 * Issue 16, item 7: stale Idempotency-Key records. The idempotency table's TTL deletes them, but lazily
 * (DynamoDB takes up to days), so the API treats a record past its `expiration` as absent: a key reused
 * after its 30 days is a new request whether or not the deletion has run. Against DynamoDB Local, whose
 * TTL deletes nothing during a test: exactly the expired-but-not-yet-deleted state.
 */
const env = testEnvironment();
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
});

const path = () => `/v1/offices/${world.home}/partners`;
const send = (key: string, body: unknown) =>
  call('POST', path(), { claims: world.claims.admin, body, headers: { 'idempotency-key': key } });

const idOf = (key: string, body: unknown) =>
  claimOf({ subject: String(world.claims.admin.sub), path: path(), key, body: JSON.stringify(body) }).id;

async function recordOf(key: string, body: unknown) {
  const { Item } = await env.db.send(
    new GetCommand({ TableName: env.config.idempotencyTableName, Key: { id: idOf(key, body) } }),
  );
  return Item;
}

/** Moves a record past its expiry (and optionally back to "committed", its answer lost), as time would. */
async function expire(key: string, body: unknown, state?: 'committed') {
  await env.db.send(
    new UpdateCommand({
      TableName: env.config.idempotencyTableName,
      Key: { id: idOf(key, body) },
      UpdateExpression: state
        ? 'SET expiration = :past, #state = :state REMOVE #response'
        : 'SET expiration = :past',
      ExpressionAttributeNames: state ? { '#state': 'state', '#response': 'response' } : undefined,
      ExpressionAttributeValues: {
        ':past': Math.floor(Date.now() / 1000) - 60,
        ...(state ? { ':state': state } : {}),
      },
    }),
  );
}

describe('an Idempotency-Key record past its expiry, not yet deleted by TTL', () => {
  it('is a new request: carried out again, recorded afresh, with the calls of a first request', async () => {
    // Arrange: a first request's calls (once the office cache is warm), and a key whose record expired.
    expect((await send(`k-${uniqueSuffix()}`, newPartner())).status).toBe(201);
    env.calls.reset();
    expect((await send(`k-${uniqueSuffix()}`, newPartner())).status).toBe(201);
    const firstRequestCalls = env.calls.snapshot();
    const key = `k-${uniqueSuffix()}`;
    const body = newPartner();
    const first = await send(key, body);
    expect(first.status).toBe(201);
    await expire(key, body);

    // Act
    env.calls.reset();
    const again = await send(key, body);

    // Assess: a new partner, not the first answer replayed; the record renewed for 30 days.
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.body.id);
    expect(env.calls.snapshot()).toEqual(firstRequestCalls);
    const record = await recordOf(key, body);
    expect(record).toMatchObject({ state: 'completed', response: { statusCode: 201 } });
    expect(JSON.parse(String(record!.response.body)).id).toBe(again.body.id);
    expect((Number(record!.expiration) - Date.now() / 1000) / 86_400).toBeGreaterThan(29.9);

    // And within the new 30 days it replays as ever.
    const replay = await send(key, body);
    expect(replay.body.id).toBe(again.body.id);
  });

  it('neither refuses another body (422) nor answers "in progress" (409) once expired', async () => {
    // Arrange
    const key = `k-${uniqueSuffix()}`;
    const body = newPartner();
    expect((await send(key, body)).status).toBe(201);
    const other = { ...newPartner(), name: 'Mitra lain' };
    expect((await send(key, other)).status).toBe(422);
    const lost = `k-${uniqueSuffix()}`;
    expect((await send(lost, body)).status).toBe(201);

    // Act: both records expire; the second as if its answer had been lost (committed, no response).
    await expire(key, body);
    await expire(lost, body, 'committed');
    const otherBody = await send(key, other);
    const afterLost = await send(lost, body);

    // Assess
    expect(otherBody.status).toBe(201);
    expect(afterLost.status).toBe(201);
    expect(await recordOf(lost, body)).toMatchObject({ state: 'completed' });
  });

  it('still counts while unexpired: a committed record without its answer is 409', async () => {
    // The contrast to the above: the same state, one minute before its expiry.
    const key = `k-${uniqueSuffix()}`;
    const body = newPartner();
    expect((await send(key, body)).status).toBe(201);
    await env.db.send(
      new UpdateCommand({
        TableName: env.config.idempotencyTableName,
        Key: { id: idOf(key, body) },
        UpdateExpression: 'SET expiration = :soon, #state = :committed REMOVE #response',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
        ExpressionAttributeValues: { ':soon': Math.floor(Date.now() / 1000) + 60, ':committed': 'committed' },
      }),
    );
    expect((await send(key, body)).status).toBe(409);
  });
});
