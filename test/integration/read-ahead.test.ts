import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { batchGet } from '../../functions/store/batch-get';
import { DynamoCallCounter } from '../../functions/store/call-counter';
import { createDocumentClient, createDynamoClient } from '../../functions/store/dynamo-client';
import { officeCache } from '../../functions/store/office-cache';
import { getItem, keepRead, withReadAhead } from '../../functions/store/read-ahead';
import { apiCaller, userClaims } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';

// The one-round-trip read (ADR 0011) against DynamoDB Local: what the guard read ahead answers a
// route's first read once, a write forgets it, and memberships are never cached.
const env = testEnvironment();
const call = apiCaller(env.handler);
const dynamo = createDynamoClient({ region: env.config.region, endpoint: env.config.dynamoEndpoint });
const counted = new DynamoCallCounter(dynamo);
const db = createDocumentClient(dynamo);
const key = () => ({ pk: `TEST#READAHEAD#${uniqueSuffix()}`, sk: 'ITEM' });
const put = (k: { pk: string; sk: string }, value: number) =>
  env.db.send(new PutCommand({ TableName: env.tableName, Item: { ...k, value } }));

describe('read-ahead', () => {
  it('answers the first read of a kept key without a call, and the next one from DynamoDB', async () => {
    const k = key();
    await put(k, 1);
    await withReadAhead(async () => {
      keepRead(env.tableName, k, { ...k, value: 0 });
      counted.reset();
      expect((await getItem(db, env.tableName, k))?.value).toBe(0);
      expect(counted.total()).toBe(0);
      expect((await getItem(db, env.tableName, k))?.value).toBe(1);
      expect(counted.total()).toBe(1);
    });
  });

  it('answers a batch read from what it kept, and asks DynamoDB only for the rest', async () => {
    const [kept, asked] = [key(), key()];
    await Promise.all([put(kept, 1), put(asked, 2)]);
    await withReadAhead(async () => {
      keepRead(env.tableName, kept, { ...kept, value: 0 });
      counted.reset();
      const found = await batchGet(db, [
        { table: env.tableName, key: kept },
        { table: env.tableName, key: asked },
      ]);
      expect([found(env.tableName, kept)?.value, found(env.tableName, asked)?.value]).toEqual([0, 2]);
      expect(counted.snapshot()).toEqual({ BatchGetItemCommand: 1 });

      keepRead(env.tableName, kept, { ...kept, value: 0 });
      counted.reset();
      const again = await batchGet(db, [{ table: env.tableName, key: kept }]);
      expect(again(env.tableName, kept)?.value).toBe(0);
      expect(counted.total()).toBe(0);
    });
  });

  it('forgets what it kept of a table once the request writes to that table', async () => {
    const [k, other] = [key(), key()];
    await put(k, 1);
    await withReadAhead(async () => {
      keepRead(env.tableName, k, { ...k, value: 0 });
      await put(other, 2);
      expect((await getItem(env.db, env.tableName, k))?.value).toBe(1);
    });
  });

  it('keeps nothing outside a request', async () => {
    const k = key();
    await put(k, 1);
    keepRead(env.tableName, k, { ...k, value: 0 });
    expect((await getItem(env.db, env.tableName, k))?.value).toBe(1);
  });
});

describe('the guard in one round trip', () => {
  it('reads a case with its grants in one BatchGetItem, and a disabled person is refused on the next request', async () => {
    const world = await seedDirectory(env.directory, uniqueSuffix());
    const base = `/v1/offices/${world.home}`;
    const clientBody = {
      fullName: 'Andi Baso',
      nik: `737301150190${String(1000 + Math.floor(Math.random() * 8999))}`,
      birthDate: '1990-01-15',
      sex: 'M',
      address: 'Jl. Ahmad Yani, Palopo',
      phone: '+62 812 3456 7890',
    };
    const created = await call('POST', `${base}/clients`, { claims: world.claims.officer, body: clientBody });
    expect(created.status).toBe(201);

    env.calls.reset();
    const read = await call('GET', `${base}/clients/${created.body.id}`, { claims: world.claims.officer });
    expect(read.status).toBe(200);
    expect(env.calls.snapshot()).toEqual({ BatchGetItemCommand: 1 });

    // Memberships are read live: disabling the officer takes effect on their very next request.
    const officer = world.people.officer;
    const member = await call('GET', `${base}/users/${officer}`, { claims: world.claims.admin });
    const disabled = await call('DELETE', `${base}/users/${officer}`, {
      claims: world.claims.admin,
      headers: { 'if-match': `"${member.body.version}"` },
    });
    expect(disabled.status).toBeLessThan(300);
    const after = await call('GET', `${base}/clients/${created.body.id}`, { claims: userClaims(officer) });
    expect([401, 404]).toContain(after.status);
  });

  it('sees an office change made in this container at once', async () => {
    const world = await seedDirectory(env.directory, uniqueSuffix());
    const base = `/v1/offices/${world.home}`;
    await call('GET', base, { claims: world.claims.officer });
    expect(officeCache.get(env.tableName, world.home)).toBeDefined();
    const office = await env.directory.getOffice(world.home);
    await env.directory.putOffice({ ...office!, name: 'Bapas Renamed' });
    const read = await call('GET', base, { claims: world.claims.officer });
    expect(read.body.name).toBe('Bapas Renamed');
  });
});

describe('the office cache', () => {
  it('holds an office for its TTL and no longer', () => {
    const office = {
      id: `o-${uniqueSuffix()}`,
      name: 'X',
      class: 'II',
      timeZone: 'Asia/Makassar',
      regionId: 'r',
      address: '',
    } as const;
    officeCache.put('table', office, 1_000);
    expect(officeCache.get('table', office.id, 1_000 + 59_999)).toEqual(office);
    expect(officeCache.get('table', office.id, 1_000 + 60_000)).toBeUndefined();
    expect(officeCache.get('other-table', office.id, 1_001)).toBeUndefined();
  });
});
