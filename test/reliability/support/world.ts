import { inject } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { buildHttpApiEvent } from '../../../infra/local/api-gateway-event';
import { apiHarness, type Harness } from '../../../bench/lib/environment';
import { eachPage, queryCount } from '../../../bench/lib/verify';
import type { ApiResponse } from '../../support/api';
import { registeredCase } from '../../support/cases';
import { TEST_PREFIX, uniqueSuffix } from '../../support/environment';
import { seedDirectory } from '../../support/fixtures';
import { walkEveryRoute } from '../../support/route-walk';
import { webhookPump } from '../../support/webhook-pump';
import { WriteLog } from './write-log';
import { importJobRunner as runImportJobs } from '../../../bench/lib/import-runner';
import { importsBucket, physicalName } from '../../../functions/tables';

/** 29 June 2026, 16:00 in Palopo: the fixture cases' whole window (March–June 2026) lies in the past. */
export const NOW = new Date('2026-06-29T08:00:00Z');

/** The API over the suite's emulators (started by the integration global set-up), with a write log. */
export function reliabilityHarness() {
  const harness = apiHarness({
    prefix: TEST_PREFIX,
    dynamoEndpoint: inject('dynamoEndpoint'),
    s3Endpoint: inject('s3Endpoint'),
    importsBucket: physicalName(TEST_PREFIX, importsBucket),
    now: () => NOW,
  });
  return { ...harness, writes: new WriteLog(harness.dynamo) };
}

/** The walk runs each import's job itself, as the queue would (bench/lib/import-runner.ts). */
export const importJobRunner = (h: Harness) => runImportJobs(h, () => NOW);

/**
 * Offices and people (seedDirectory), then one of everything through the shared route walk, and a
 * fresh placed case: ids that exist, so generated requests get past "not found" into the rules.
 */
export async function fixtureWorld(h: Harness) {
  const world = await seedDirectory(h.directory, `rl${uniqueSuffix()}`);
  const created = new Map<string, ApiResponse>();
  /** A request that succeeded, per route: the seed that generated mutations start from. */
  const examples = new Map<string, { body?: unknown; query: Record<string, string> }>();
  const pump = await webhookPump(h.config, { now: () => NOW });
  await walkEveryRoute(
    world,
    async ({ operationId, method, url, options }) => {
      const response = await h.call(method, url, options);
      if (response.status >= 300) {
        throw new Error(`${operationId}: ${response.status} ${JSON.stringify(response.body)}`);
      }
      if (operationId) {
        created.set(operationId, response);
        const query = Object.fromEntries(new URL(url, 'http://localhost').searchParams);
        examples.set(operationId, { body: options.body, query });
      }
      return response;
    },
    pump.dispatch,
    importJobRunner(h),
  );
  pump.stop();
  const fresh = await registeredCase(h.call, world);
  // The walk deletes its webhook at the end: generated requests get a live one of their own.
  const webhook = await h.call('POST', `/v1/offices/${world.home}/webhooks`, {
    claims: world.claims.admin,
    body: { url: 'http://127.0.0.1:9/fuzz', eventTypes: ['case.registered'] },
  });
  // Accounts that generated requests may change or disable: never the callers themselves.
  const targets = ['a', 'b', 'c'].map((letter) => `target-${letter}-${world.home}`);
  for (const username of targets) {
    await h.directory.putUser(
      { username, fullName: `Target ${username}`, email: `${username}@example.invalid`, status: 'active' },
      [{ role: 'officer', officeId: world.home }],
    );
  }
  const id = (operationId: string) => String(created.get(operationId)?.body?.id);
  const ids: Record<string, string[]> = {
    officeId: [world.home],
    caseId: [id('createCase'), fresh.caseId],
    clientId: [id('createClient'), String(fresh.client.id)],
    partnerId: [id('createPartner')],
    siteId: [id('createSite'), world.siteId],
    sessionId: [id('createSession')],
    placementId: [id('createPlacement')],
    referralId: [id('createReferral')],
    evidenceId: [id('createEvidence')],
    importId: [id('createImport')],
    kind: ['cases', 'partners'],
    refusalId: [id('createOfflineRefusal')],
    webhookId: [String(webhook.body.webhook.id)],
    username: targets,
  };
  return { world, ids, examples };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

/** A Lambda context; `remainingMs` is what Powertools uses as the in-progress window of a key. */
const contextOf = (remainingMs: number) =>
  ({
    functionName: 'abdi-reliability',
    awsRequestId: 'reliability',
    getRemainingTimeInMillis: () => remainingMs,
  }) as unknown as Context;

/** Invokes the handler with exactly these headers and body bytes (apiCaller would add a content type). */
export async function sendRaw(
  h: Harness,
  request: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    body?: string;
    claims?: Record<string, unknown>;
    /** The invocation's remaining time (default 29 s, the function's timeout). */
    remainingMs?: number;
  },
): Promise<RawResponse> {
  const event = buildHttpApiEvent(
    { method: request.method, url: request.url, headers: request.headers ?? {}, body: request.body },
    request.claims,
  );
  const result = (await h.handler(
    event as never,
    contextOf(request.remainingMs ?? 29_000),
  )) as APIGatewayProxyStructuredResultV2;
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  return { status: result.statusCode ?? 200, headers, text: result.body ?? '' };
}

/** Audit entries of an office (its office-wide log on gsi1), counted without reading them. */
export function auditCount(h: Harness, officeId: string): Promise<number> {
  return queryCount(h.db, {
    TableName: h.tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': `O#${officeId}#AUDIT` },
  });
}

/**
 * Every item of the main table as `pk|sk → JSON`: a test-side inspection (the API itself never
 * scans), compared before and after a run of requests that the write log says wrote nothing.
 */
export async function tableSnapshot(h: Harness): Promise<Map<string, string>> {
  const items = new Map<string, string>();
  await eachPage(
    (startKey) =>
      h.db.send(
        new ScanCommand({ TableName: h.tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
      ),
    (page) => {
      for (const item of page.Items ?? []) items.set(`${item.pk}|${item.sk}`, JSON.stringify(item));
    },
  );
  return items;
}

/** Keys whose items differ between two snapshots (added, removed or changed). */
export function snapshotDiff(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key));
}
