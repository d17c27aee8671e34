import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../functions/api/route-table';
import { apiCaller } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { walkEveryRoute } from '../support/route-walk';
import { webhookPump } from '../support/webhook-pump';

/**
 * Every route, called once in the order of a case's life, with the DynamoDB commands it sent, against
 * its own budget: the contract "a small, fixed number of calls per request" (issue 12, ADR 0011), which
 * does not grow with the data. The table is written to test-results/dynamodb-calls.md.
 *
 * Reads (clarifications, "Calls, writes and audit"): a single record is one call, the guard's
 * BatchGetItem that also carries the record; a list is two (then one Query); a read that must leave an
 * audit entry (evidence) one PutItem more. A few stay above that and say why: `getOffice` is the walk's
 * first office request, so it pays the cold office cache's region-membership read; `getMe`, the user and
 * integration lists and the summary read the people or offices they list in one more BatchGetItem.
 */
const READ_BUDGET: Record<string, number> = {
  getHealth: 0,
  getMe: 3,
  listOffices: 2,
  getOffice: 2,
  // The calendar lives on the office item the guard reads; right after the PUT the guard reads it again.
  getOfficeHolidays: 2,
  listUsers: 3,
  getUser: 2,
  listIntegrations: 3,
  getIntegration: 2,
  listWebhooks: 2,
  getWebhook: 1,
  listWebhookDeliveries: 2,
  listClients: 2,
  getClient: 1,
  // The guard's BatchGet carries the client; one Query of its trail.
  getClientAudit: 2,
  listCases: 2,
  getCase: 1,
  listAssessments: 2,
  listPlacements: 2,
  // The guard's BatchGet carries the case; then the placements' Query beside a BatchGet of the client's
  // days this week, the sites' load (Query) and the client's slots (Query, gsi2), then a BatchGet of the
  // placements' sites (known only from the placements).
  getCasePlan: 6,
  // The guard's BatchGet carries the case; then the case's slots (one Query).
  getCaseSchedule: 2,
  // The guard, then the day's slots (one Query on gsi1).
  listOfficeSlots: 2,
  // The guard, then the weeks' load items (Query) beside the office's sites (Query).
  getSiteLoad: 3,
  listWarnings: 2,
  listReferrals: 2,
  getCaseAudit: 2,
  // The guard's BatchGet carries the case; then one Query of its reminder log.
  listCaseReminders: 2,
  listNikReveals: 2,
  // The guard, then one Query of the closed-case listing; a page with cases due adds one BatchGet of
  // their clients and one of the clients' other cases (test/integration/retention.test.ts counts it).
  getRetentionPlan: 4,
  // The guard, then one Query of the log.
  getRetentionLog: 2,
  // The breach register (ADR 0022): the guard's BatchGet carries the office's copy and the breach.
  listBreaches: 2,
  getBreach: 1,
  // The guard (with the copy and the breach), the audit window (one Query), the cases' and clients'
  // names (one BatchGet of at most 100 keys a page).
  listBreachAffectedClients: 3,
  // Subjects' requests (ADR 0021): the guard, then one Query of the log (gsi1); one request is read ahead.
  listDataRequests: 2,
  getDataRequest: 1,
  getOfficeSummary: 4,
  // Per page of offices (issue 16: paged, at most 33 offices a page): the guard's Query of the caller,
  // the page's offices (Query), their counters (one BatchGet: three keys an office, 99 at most) and two
  // count Queries per office of the page: 3 + 2 × offices on the page, here 3 + 2 × 2; a full page 69.
  // It never grows with the region beyond the page, nor with the cases (regional-summary-api.test.ts
  // follows the cursor and counts each page).
  getRegionalSummary: 7,
  listSessions: 2,
  listEvidence: 3,
  getEvidence: 2,
  // Offline records refused on sync (ADR 0024): the guard, then one Query (gsi1, or gsi2 for a supervisor).
  listOfflineRefusals: 2,
  // Imports (issue 22): the guard, then the import (GetItem) or one Query of the office's imports; the
  // report's rows after the import itself (so another office's is 404); the template reads nothing.
  getImportTemplate: 1,
  listImports: 2,
  getImport: 2,
  listImportRows: 3,
  getImportReport: 2,
  listPartners: 2,
  getPartner: 1,
  listSites: 2,
  getSite: 1,
  getOpenApi: 0,
  // The guard, the case the query names (a query string is not read ahead), one Query (gsi2).
  listDocuments: 3,
  // The guard, then the document (GetItem); the download link is signed without a call.
  getDocument: 2,
  // No guard (public): the verification record, one GetItem.
  verifyDocument: 1,
  // The guard, then the monthly report's record with its model (GetItem); the workbook needs no read.
  getDocumentSpreadsheet: 2,
  // The regional summary's calls (above) for every page of the region, read server-side (at most six
  // pages); the letterhead comes from the offices the pages read.
  getRegionalReport: 7,
};

/**
 * Writes: the goal is three (the guard's read with what the rule needs, one transaction carrying the
 * change, its audit entry and the Idempotency-Key record, and one UpdateItem storing the answer for
 * replays). Those above it still read what their path does not name (a placement's site, a session's
 * week) or refresh an index after the transaction; their budget is today's count, so none regresses.
 */
const WRITE_BUDGET: Record<string, number> = {
  acceptInvitation: 5,
  declineInvitation: 5,
  putOfficePolicy: 2,
  // Right after the policy changed: the guard reads the office again.
  putOfficeHolidays: 3,
  createUser: 5,
  updateUser: 3,
  disableUser: 4,
  createIntegration: 4,
  createWebhook: 2,
  updateWebhook: 2,
  deleteWebhook: 2,
  rotateWebhookSecret: 2,
  replayWebhookDelivery: 3,
  skipWebhookDelivery: 3,
  replayWebhookDeliveries: 4,
  rotateIntegrationSecret: 5,
  revokeIntegration: 5,
  createClient: 3,
  // The guard's BatchGet carries the client; one transaction with the audit entry.
  putClientSmsPreference: 2,
  createCase: 4,
  updateCase: 2,
  // The guard's BatchGet carries the client; one transaction (the client, its audit entry, its cases' names).
  correctClient: 2,
  transitionCase: 3,
  createAssessment: 3,
  createPlacement: 5,
  // The guard's BatchGet (the case and the sites the body names); the placements, the case's slots, the
  // load and the client's slots (four Queries side by side; the client's days only when the order sets
  // days per week and the window starts this week); the sites come from the read-ahead; one transaction.
  putCaseSchedule: 6,
  endPlacement: 4,
  createWarning: 5,
  createReferral: 4,
  recordReferralOutcome: 4,
  createPayment: 3,
  createSession: 6,
  updateSession: 4,
  createEvidence: 3,
  // The guard's BatchGet carries the case the body names (or the refusal the path names); one
  // transaction with the audit entry; the stored answer.
  createOfflineRefusal: 3,
  resolveOfflineRefusal: 3,
  // The guard; one transaction (the import and its audit entry); the stored answer. The job runs after.
  createImport: 3,
  // The guard, the import, one transaction (its move and the audit entry), the stored answer.
  mapImportColumns: 4,
  commitImport: 4,
  undoImport: 4,
  createPartner: 3,
  // The guard's BatchGet carries the other offices named; one transaction writes the breach, a copy per
  // office and the audit entry; the stored answer. Notices and closing: the same, reading the breach ahead.
  createBreach: 3,
  createBreachNotice: 3,
  closeBreach: 3,
  // The guard's BatchGet carries the client the body names; one transaction; the stored answer.
  createDataRequest: 3,
  answerDataRequest: 3,
  // A subject's export: the guard's BatchGet (with the client and the request), then per case of the
  // client 3 Queries (its partition whole, its audit trail, its documents), 1 Query of the client's trail,
  // one transaction (export, audit entry, the request), the stored answer: 4 + 3 × cases (here 1 case).
  createClientExport: 7,
  // The guard's BatchGet carries the client and the export; the audit entry's Put.
  getClientExportLinks: 2,
  updatePartner: 2,
  createSite: 3,
  updateSite: 2,
  putDocumentSettings: 2,
  // Documents (ADR 0015) read what they say before they write. Issuing a progress report: the guard
  // (with the case), the register counter, the PK's name, the case's sessions, warnings and slots (one
  // Query each: a case's lists are one page), its site; the register transaction (number, record,
  // verification record, audit entry, Idempotency-Key), the stored-file transaction, the stored answer.
  // It grows with the case's sites (usually one), never with the office.
  issueDocument: 10,
  // The same reads, no writes: nothing is numbered, stored or audited.
  previewDocument: 7,
  // The guard and the document; an issued one is answered as it is (then the answer is stored).
  finishDocument: 3,
};
const BUDGET = { ...READ_BUDGET, ...WRITE_BUDGET };

// 29 June 2026, 16:00 in Palopo: the whole sentence window lies in the past.
const env = testEnvironment({ now: () => new Date('2026-06-29T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
const measured = new Map<string, Record<string, number>>();

let pump: Awaited<ReturnType<typeof webhookPump>>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  pump = await webhookPump(env.config, { now: () => new Date('2026-06-29T08:00:00Z') });
});

describe('DynamoDB calls per route', () => {
  it('walks every route once, within budget and without a Scan', async () => {
    // The walk (shared with the benchmarks and the reliability tests) sends each POST with an
    // Idempotency-Key, as the dashboard does, so its reads and writes are counted too.
    await walkEveryRoute(
      world,
      async ({ operationId, method, url, options }) => {
        env.calls.reset();
        const response = await call(method, url, options);
        // Each step must succeed, or the count means nothing.
        expect(response.status, `${operationId ?? url}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
        if (operationId) measured.set(operationId, env.calls.snapshot());
        return response;
      },
      pump.dispatch,
      async (address) => {
        await env.importJobs.start(address);
        await env.importJobs.whenIdle();
      },
    );

    expect([...measured.keys()].sort()).toEqual(routeTable.map((r) => r.operationId).sort());
    expect(Object.keys(BUDGET).sort()).toEqual(routeTable.map((r) => r.operationId).sort());
    for (const [operationId, counts] of measured) {
      expect(counts, operationId).not.toHaveProperty('ScanCommand');
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
      expect(total, `${operationId} made ${JSON.stringify(counts)}`).toBeLessThanOrEqual(
        BUDGET[operationId] ?? 0,
      );
    }
  });
});

afterAll(() => {
  pump.stop();
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
