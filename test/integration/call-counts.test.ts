import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../functions/api/route-table';
import { apiCaller, type ApiResponse } from '../support/api';
import { adultClient, lawfulCase, newPartner, newSite } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';

/**
 * Every route, called once in the order of a case's life, with the DynamoDB commands it sent. The
 * budget is the contract "a small, fixed number of calls per request": it does not grow with the data.
 * Every request pays two for the guard (the caller's records and the office); a POST with an
 * Idempotency-Key pays two more for its idempotency record.
 * The table is written to test-results/dynamodb-calls.md for the README and the benchmarks.
 */
const BUDGET = 10;

// 29 June 2026, 16:00 in Palopo: the whole sentence window lies in the past.
const env = testEnvironment({ now: () => new Date('2026-06-29T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
const measured = new Map<string, Record<string, number>>();

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
});

/** Calls one route and records what it cost; the step must succeed, or the count means nothing. */
async function step(
  operationId: string,
  method: string,
  url: string,
  options: Parameters<typeof call>[2] = {},
): Promise<ApiResponse> {
  env.calls.reset();
  // POSTs carry an Idempotency-Key as the dashboard sends them, so its reads and writes are counted.
  const headers: Record<string, string> =
    method === 'POST' ? { 'idempotency-key': `${operationId}-${uniqueSuffix()}` } : {};
  const response = await call(method, url, {
    claims: world.claims.admin,
    ...options,
    headers: { ...headers, ...options.headers },
  });
  expect(response.status, `${operationId}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  measured.set(operationId, env.calls.snapshot());
  return response;
}

describe('DynamoDB calls per route', () => {
  it('walks every route once, within budget and without a Scan', async () => {
    const office = `/v1/offices/${world.home}`;
    const officer = { claims: world.claims.officer };
    await step('getHealth', 'GET', '/health');
    await step('getOpenApi', 'GET', '/v1/openapi.json');
    await step('getMe', 'GET', '/v1/me');
    await step('listOffices', 'GET', '/v1/offices');
    await step('getOffice', 'GET', office);

    const username = `pk.${uniqueSuffix()}`;
    await step('createUser', 'POST', `${office}/users`, {
      body: { username, email: 'pk@example.invalid', fullName: 'Nur Aisyah', roles: ['officer'] },
    });
    await step('listUsers', 'GET', `${office}/users`);
    const user = await step('getUser', 'GET', `${office}/users/${username}`);
    const updatedUser = await step('updateUser', 'PATCH', `${office}/users/${username}`, {
      body: { roles: ['officer', 'prosecutor'] },
      headers: { 'if-match': user.headers.etag! },
    });

    const partner = await step('createPartner', 'POST', `${office}/partners`, { body: newPartner() });
    await step('listPartners', 'GET', `${office}/partners`);
    await step('getPartner', 'GET', `${office}/partners/${partner.body.id}`);
    await step('updatePartner', 'PATCH', `${office}/partners/${partner.body.id}`, {
      body: { contact: { name: 'Bagian Hukum', phone: '0471 000 0002' } },
      headers: { 'if-match': partner.headers.etag! },
    });
    const site = await step('createSite', 'POST', `${office}/sites`, { body: newSite(partner.body.id) });
    await step('listSites', 'GET', `${office}/sites`);
    await step('getSite', 'GET', `${office}/sites/${site.body.id}`);
    await step('updateSite', 'PATCH', `${office}/sites/${site.body.id}`, {
      body: { capacity: 5 },
      headers: { 'if-match': site.headers.etag! },
    });

    const client = await step('createClient', 'POST', `${office}/clients`, {
      ...officer,
      body: adultClient(),
    });
    await step('listClients', 'GET', `${office}/clients?q=andi`);
    await step('getClient', 'GET', `${office}/clients/${client.body.id}`);

    const created = await step('createCase', 'POST', `${office}/cases`, {
      ...officer,
      body: lawfulCase(client.body.id, world.people.officer),
    });
    const caseUrl = `${office}/cases/${created.body.id}`;
    await step('listCases', 'GET', `${office}/cases`);
    const read = await step('getCase', 'GET', caseUrl);
    await step('updateCase', 'PATCH', caseUrl, {
      body: { notes: 'Litmas selesai' },
      headers: { 'if-match': read.headers.etag! },
    });
    await step('transitionCase', 'POST', `${caseUrl}/transitions`, {
      body: { to: 'assessed', reason: 'Litmas selesai' },
    });
    const placement = await step('createPlacement', 'POST', `${caseUrl}/placements`, {
      body: {
        siteId: site.body.id,
        weekdays: [1, 2, 3],
        startTime: '08:00',
        endTime: '12:00',
        from: '2026-03-02',
        until: '2026-06-30',
      },
    });
    await step('listPlacements', 'GET', `${caseUrl}/placements`);

    const session = await step('createSession', 'POST', `${caseUrl}/sessions`, {
      body: {
        date: '2026-03-02',
        startTime: '08:00',
        endTime: '11:00',
        siteId: site.body.id,
        outcome: 'attended',
      },
    });
    const absence = await call('POST', `${caseUrl}/sessions`, {
      claims: world.claims.admin,
      body: {
        date: '2026-03-03',
        startTime: '08:00',
        endTime: '11:00',
        siteId: site.body.id,
        outcome: 'unexcused_absence',
      },
    });
    await step('listSessions', 'GET', `${caseUrl}/sessions`);
    await step('updateSession', 'PATCH', `${office}/sessions/${session.body.id}`, {
      body: { endTime: '11:30' },
      headers: { 'if-match': session.headers.etag! },
    });
    const evidence = await step('createEvidence', 'POST', `${caseUrl}/evidence`, {
      body: {
        fileName: 'foto.jpg',
        contentType: 'image/jpeg',
        sizeBytes: 2048,
        sha256: 'ab'.repeat(32),
        kind: 'photo',
        sessionId: session.body.id,
      },
    });
    await step('listEvidence', 'GET', `${caseUrl}/evidence?sessionId=${session.body.id}`);
    await step('getEvidence', 'GET', `${caseUrl}/evidence/${evidence.body.id}`);
    const warning = await step('createWarning', 'POST', `${caseUrl}/warnings`, {
      body: { level: 1, reason: 'Tidak hadir tanpa alasan yang sah', sessionIds: [absence.body.id] },
    });
    await step('listWarnings', 'GET', `${caseUrl}/warnings`);
    const referral = await step('createReferral', 'POST', `${caseUrl}/referrals`, {
      body: { reason: 'Peringatan tidak diindahkan', warningIds: [warning.body.id] },
    });
    await step('listReferrals', 'GET', `${caseUrl}/referrals`);
    await step('recordReferralOutcome', 'POST', `${office}/referrals/${referral.body.id}/outcome`, {
      body: { decision: 'continue', decidedOn: '2026-06-29', reference: 'B-123/P.4.22/06/2026' },
    });
    await step('getCaseAudit', 'GET', `${caseUrl}/audit`);
    await step('getOfficeSummary', 'GET', `${office}/summary`);
    await step('endPlacement', 'DELETE', `${office}/placements/${placement.body.id}?endOn=2026-06-29`);
    await step('disableUser', 'DELETE', `${office}/users/${username}`, {
      headers: { 'if-match': updatedUser.headers.etag! },
    });

    expect([...measured.keys()].sort()).toEqual(routeTable.map((r) => r.operationId).sort());
    for (const [operationId, counts] of measured) {
      expect(counts, operationId).not.toHaveProperty('ScanCommand');
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
      expect(total, `${operationId} made ${JSON.stringify(counts)}`).toBeLessThanOrEqual(BUDGET);
    }
  });
});

afterAll(() => {
  const rows = routeTable.map((route) => {
    const counts = measured.get(route.operationId) ?? {};
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    const detail = Object.entries(counts)
      .map(([name, n]) => `${name.replace('Command', '')} ${n}`)
      .join(', ');
    return `| ${route.method} ${route.path} | ${total} | ${detail} |`;
  });
  mkdirSync('test-results', { recursive: true });
  writeFileSync(
    'test-results/dynamodb-calls.md',
    ['| route | calls | commands |', '|---|---|---|', ...rows].join('\n') + '\n',
  );
});
