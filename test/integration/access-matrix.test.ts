import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../functions/identity/principal';
import { guard } from '../../functions/api/guard';
import { routeTable } from '../../functions/api/route-table';
import type { AnyRoute } from '../../functions/api/route';
import { apiCaller } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';

/**
 * The reviewed access policy, one line per route. The matrix below is generated from the router's own
 * route table: a route missing here, or whose rule differs from this line, fails the build.
 */
const policy: Record<string, 'public' | 'signed-in' | 'region' | readonly Role[]> = {
  getHealth: 'public',
  getOpenApi: 'public',
  getMe: 'signed-in',
  acceptInvitation: 'signed-in',
  declineInvitation: 'signed-in',
  listOffices: 'signed-in',
  getOffice: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'],
  putOfficePolicy: ['admin'],
  putOfficeHolidays: ['admin'],
  getOfficeHolidays: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'],
  listUsers: ['admin'],
  createUser: ['admin'],
  getUser: ['admin'],
  updateUser: ['admin'],
  disableUser: ['admin'],
  listIntegrations: ['admin'],
  createIntegration: ['admin'],
  getIntegration: ['admin'],
  rotateIntegrationSecret: ['admin'],
  revokeIntegration: ['admin'],
  listWebhooks: ['admin'],
  createWebhook: ['admin'],
  getWebhook: ['admin'],
  updateWebhook: ['admin'],
  deleteWebhook: ['admin'],
  rotateWebhookSecret: ['admin'],
  listWebhookDeliveries: ['admin'],
  replayWebhookDelivery: ['admin'],
  skipWebhookDelivery: ['admin'],
  replayWebhookDeliveries: ['admin'],
  listClients: ['admin', 'officer', 'prosecutor', 'regional', 'integration'],
  createClient: ['admin', 'officer', 'integration'],
  getClient: ['admin', 'officer', 'prosecutor', 'regional', 'integration'],
  putClientSmsPreference: ['admin', 'officer'],
  listCases: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'],
  createCase: ['admin', 'officer', 'integration'],
  getCase: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'],
  updateCase: ['admin', 'officer', 'integration'],
  correctClient: ['admin', 'officer'],
  getClientAudit: ['admin', 'officer'],
  transitionCase: ['admin', 'officer', 'integration'],
  createAssessment: ['admin', 'officer'],
  listAssessments: ['admin', 'officer', 'prosecutor', 'regional', 'integration'],
  createPlacement: ['admin', 'officer', 'integration'],
  listPlacements: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'],
  endPlacement: ['admin', 'officer', 'integration'],
  getCasePlan: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'],
  getCaseSchedule: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'],
  putCaseSchedule: ['admin', 'officer'],
  listOfficeSlots: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'],
  getSiteLoad: ['admin', 'officer', 'prosecutor', 'regional', 'integration'],
  createWarning: ['admin', 'officer', 'integration'],
  listWarnings: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'],
  createReferral: ['admin', 'officer'],
  listReferrals: ['admin', 'officer', 'prosecutor', 'regional', 'integration'],
  recordReferralOutcome: ['admin', 'officer', 'prosecutor', 'integration'],
  createPayment: ['admin', 'officer', 'prosecutor', 'integration'],
  getCaseAudit: ['admin', 'officer', 'prosecutor', 'regional'],
  listCaseReminders: ['admin', 'officer', 'prosecutor', 'regional', 'integration'],
  listNikReveals: ['admin'],
  // The retention dry run and its log (ADR 0020): what the office's admins answer for.
  getRetentionPlan: ['admin'],
  getRetentionLog: ['admin'],
  // The breach register (ADR 0022): the office's admins run it, the Kanwil reads it.
  listBreaches: ['admin', 'regional'],
  createBreach: ['admin'],
  getBreach: ['admin', 'regional'],
  createBreachNotice: ['admin'],
  closeBreach: ['admin'],
  listBreachAffectedClients: ['admin', 'regional'],
  listDataRequests: ['admin', 'officer'],
  createDataRequest: ['admin'],
  getDataRequest: ['admin', 'officer'],
  answerDataRequest: ['admin'],
  createClientExport: ['admin'],
  getClientExportLinks: ['admin'],
  getOfficeSummary: ['admin', 'officer', 'prosecutor', 'regional'],
  // Only the region's Kanwil; everyone else (the region's office staff included) gets 404.
  getRegionalSummary: 'region',
  createSession: ['admin', 'officer', 'supervisor', 'integration'],
  listSessions: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'],
  updateSession: ['admin', 'officer', 'integration'],
  createEvidence: ['admin', 'officer', 'supervisor', 'integration'],
  listEvidence: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'],
  getEvidence: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'],
  // Offline records refused on sync (ADR 0024): the field app sends them, the PK and the admin resolve.
  listOfflineRefusals: ['admin', 'officer', 'supervisor'],
  createOfflineRefusal: ['admin', 'officer', 'supervisor'],
  resolveOfflineRefusal: ['admin', 'officer'],
  // Spreadsheet imports (issue 22): the office admins only; they write many records at once.
  getImportTemplate: ['admin'],
  createImport: ['admin'],
  listImports: ['admin'],
  getImport: ['admin'],
  listImportRows: ['admin'],
  getImportReport: ['admin'],
  mapImportColumns: ['admin'],
  commitImport: ['admin'],
  undoImport: ['admin'],
  listPartners: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'],
  createPartner: ['admin'],
  getPartner: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'],
  updatePartner: ['admin'],
  listSites: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'],
  createSite: ['admin'],
  getSite: ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'],
  updateSite: ['admin'],
  putDocumentSettings: ['admin'],
  listDocuments: ['admin', 'officer', 'prosecutor', 'regional', 'integration'],
  issueDocument: ['admin', 'officer'],
  previewDocument: ['admin', 'officer'],
  getDocument: ['admin', 'officer', 'prosecutor', 'regional', 'integration'],
  finishDocument: ['admin', 'officer'],
  getDocumentSpreadsheet: ['admin', 'officer', 'prosecutor', 'regional', 'integration'],
  getRegionalReport: 'region',
  // What a document's QR code opens: number, status, hashes and the client's initials only.
  verifyDocument: 'public',
};

const ROLES_UNDER_TEST: readonly Role[] = [
  'admin',
  'officer',
  'supervisor',
  'prosecutor',
  'regional',
  'integration',
];

const env = testEnvironment();
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
});

/** Fills a route's path template: the office (or region) under test, and ids that need not exist. */
function pathFor(route: AnyRoute, officeId: string, regionId = world.regionId): string {
  return route.path
    .replace('{officeId}', officeId)
    .replace('{regionId}', regionId)
    .replace(/\{(\w+)\}/g, (_, name: string) => `x-${name}`);
}

function ruleOf(route: AnyRoute): 'public' | 'signed-in' | 'region' | readonly Role[] {
  return route.access.kind === 'office' ? route.access.roles : route.access.kind;
}

describe('the route table and the reviewed policy agree', () => {
  it('has a policy line for every route and a route for every policy line', () => {
    expect(routeTable.map((r) => r.operationId).sort()).toEqual(Object.keys(policy).sort());
  });

  it.each(routeTable.map((route) => [route.operationId, route] as const))(
    '%s has the reviewed rule',
    (id, route) => {
      expect(ruleOf(route)).toEqual(policy[id]);
    },
  );
});

describe.each(routeTable.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s',
  (_, route) => {
    const isOfficeRoute = route.access.kind === 'office';
    const isRegionRoute = route.access.kind === 'region';
    const send = (claims: Record<string, unknown> | undefined, officeId: string) =>
      call(route.method, pathFor(route, officeId), { claims, ...(route.body ? { body: {} } : {}) });

    // Tests are generated only where they apply, so the matrix has no skipped cells.
    if (route.access.kind !== 'public') {
      it('anonymous → 401', async () => {
        expect((await send(undefined, world.home)).status).toBe(401);
      });
    }

    if (isOfficeRoute) {
      it('an admin of another office → 404', async () => {
        const response = await send(world.claims.otherAdmin, world.home);
        expect(response.status).toBe(404);
        expect(response.headers['content-type']).toBe('application/problem+json');
      });

      it('the Kanwil of another region → 404', async () => {
        expect((await send(world.claims.regional, world.far)).status).toBe(404);
      });
    }

    if (isRegionRoute) {
      it('the Kanwil of another region → 404', async () => {
        const path = pathFor(route, world.home, world.farRegionId);
        const response = await call(route.method, path, { claims: world.claims.regional });
        expect(response.status).toBe(404);
        expect(response.headers['content-type']).toBe('application/problem+json');
      });
    }

    for (const role of ROLES_UNDER_TEST) {
      const allowed = isRegionRoute
        ? role === 'regional'
        : !isOfficeRoute || (route.access.kind === 'office' && route.access.roles.includes(role));
      // The integration client holds cases:read only; routes needing other scopes refuse it.
      const scopeOk =
        role !== 'integration' ||
        (route.access.kind === 'office' ? route.access.scope === 'cases:read' : true);

      // A region route has no roles below the region's: anyone but its Kanwil is a stranger (404).
      const refused = isRegionRoute ? 404 : 403;
      it(`${role} in own office → ${allowed && scopeOk ? 'passes the guard' : refused}`, async () => {
        const claims = world.claims[role];
        if (!allowed || !scopeOk) {
          expect((await send(claims, world.home)).status).toBe(refused);
          return;
        }
        const decision = await guard(env.directory, {
          rule: route.access,
          claims,
          officeId: world.home,
          regionId: world.regionId,
        });
        expect(decision.kind).toBe(route.access.kind);
        const response = await send(claims, world.home);
        expect([401, 403]).not.toContain(response.status);
        expect(response.status).toBeLessThan(500);
      });

      if (isOfficeRoute && role !== 'regional') {
        it(`${role} in the neighbouring office → 404`, async () => {
          expect((await send(world.claims[role], world.other)).status).toBe(404);
        });
      }
    }
  },
);
