import * as z from 'zod';
import { access } from './access';
import { buildOpenApi } from './openapi';
import { defineRoute, type AnyRoute } from './route';
import { createCase, getCase, listCases, transitionCase, updateCase } from './routes/cases';
import { correctClient, createClient, getClient, listClients } from './routes/clients';
import { createEvidence, getEvidence, listEvidence } from './routes/evidence';
import { acceptInvitation, declineInvitation, getMe, getOffice, listOffices } from './routes/identity';
import {
  createIntegrationRoute,
  getIntegration,
  listIntegrations,
  revokeIntegrationRoute,
  rotateIntegrationSecretRoute,
} from './routes/integrations';
import {
  finishDocumentRoute,
  getDocumentRoute,
  getDocumentSpreadsheet,
  getRegionalReport,
  issueDocumentRoute,
  listDocumentsRoute,
  previewDocumentRoute,
  putDocumentSettings,
  verifyDocumentRoute,
} from './routes/documents';
import { getOfficeHolidays, putOfficeHolidays } from './routes/holidays';
import { putOfficePolicy } from './routes/office-policy';
import { createPartner, getPartner, listPartners, updatePartner } from './routes/partners';
import { createPlacement, endPlacement, listPlacements } from './routes/placements';
import { getCasePlan } from './routes/plans';
import { listCaseRemindersRoute, putClientSmsPreference } from './routes/reminders';
import { getCaseSchedule, getSiteLoad, listOfficeSlots, putCaseSchedule } from './routes/schedule';
import { createSite, getSite, listSites, updateSite } from './routes/sites';
import { createSession, listSessions, updateSession } from './routes/sessions';
import { createAssessment, listAssessments } from './routes/assessments';
import {
  closeBreachRoute,
  createBreach,
  createBreachNotice,
  getBreach,
  listBreachAffectedClients,
  listBreaches,
} from './routes/breaches';
import { getCaseAudit, getClientAudit, listNikReveals } from './routes/audit';
import { getRetentionLog, getRetentionPlan } from './routes/retention';
import {
  answerDataRequest,
  createClientExport,
  getClientExportLinks,
  createDataRequest,
  getDataRequest,
  listDataRequests,
} from './routes/data-requests';
import { createPayment } from './routes/payments';
import { createOfflineRefusal, listOfflineRefusals, resolveOfflineRefusal } from './routes/offline-refusals';
import {
  commitImportRoute,
  createImport,
  getImportReport,
  getImportRoute,
  getImportTemplate,
  listImportRowsRoute,
  listImportsRoute,
  mapImportColumns,
  undoImportRoute,
} from './routes/imports';
import { createReferral, listReferrals, recordReferralOutcome } from './routes/referrals';
import { getOfficeSummary, getRegionalSummary } from './routes/summary';
import { getHealth } from './routes/system';
import { createWarning, listWarnings } from './routes/warnings';
import { createUser, disableUser, getUser, listUsers, updateUser } from './routes/users';
import {
  createWebhookRoute,
  deleteWebhookRoute,
  getWebhookRoute,
  listWebhookDeliveries,
  listWebhooksRoute,
  replayWebhookDeliveries,
  replayWebhookDelivery,
  rotateWebhookSecretRoute,
  skipWebhookDelivery,
  updateWebhookRoute,
} from './routes/webhooks';

/** Every API route. Adding one here is all it takes to route it, document it and put it in the access matrix. */
const businessRoutes: readonly AnyRoute[] = [
  getHealth,
  getMe,
  acceptInvitation,
  declineInvitation,
  listOffices,
  getOffice,
  putOfficePolicy,
  getOfficeHolidays,
  putOfficeHolidays,
  listUsers,
  createUser,
  getUser,
  updateUser,
  disableUser,
  listIntegrations,
  createIntegrationRoute,
  getIntegration,
  rotateIntegrationSecretRoute,
  revokeIntegrationRoute,
  listWebhooksRoute,
  createWebhookRoute,
  getWebhookRoute,
  updateWebhookRoute,
  deleteWebhookRoute,
  rotateWebhookSecretRoute,
  listWebhookDeliveries,
  replayWebhookDelivery,
  skipWebhookDelivery,
  replayWebhookDeliveries,
  listClients,
  createClient,
  getClient,
  correctClient,
  getClientAudit,
  putClientSmsPreference,
  listCases,
  createCase,
  getCase,
  updateCase,
  transitionCase,
  createAssessment,
  listAssessments,
  createPlacement,
  listPlacements,
  endPlacement,
  getCasePlan,
  listCaseRemindersRoute,
  getCaseSchedule,
  putCaseSchedule,
  listOfficeSlots,
  getSiteLoad,
  createWarning,
  listWarnings,
  createReferral,
  listReferrals,
  recordReferralOutcome,
  createPayment,
  getCaseAudit,
  listNikReveals,
  listBreaches,
  createBreach,
  getBreach,
  createBreachNotice,
  closeBreachRoute,
  listBreachAffectedClients,
  getOfficeSummary,
  getRegionalSummary,
  createSession,
  listSessions,
  updateSession,
  createEvidence,
  listEvidence,
  getEvidence,
  listOfflineRefusals,
  createOfflineRefusal,
  resolveOfflineRefusal,
  getImportTemplate,
  createImport,
  listImportsRoute,
  getImportRoute,
  listImportRowsRoute,
  getImportReport,
  mapImportColumns,
  commitImportRoute,
  undoImportRoute,
  listPartners,
  createPartner,
  getPartner,
  updatePartner,
  listSites,
  createSite,
  getSite,
  updateSite,
  putDocumentSettings,
  listDocumentsRoute,
  issueDocumentRoute,
  previewDocumentRoute,
  getDocumentRoute,
  finishDocumentRoute,
  getDocumentSpreadsheet,
  getRegionalReport,
  verifyDocumentRoute,
  getRetentionPlan,
  getRetentionLog,
  listDataRequests,
  createDataRequest,
  getDataRequest,
  answerDataRequest,
  createClientExport,
  getClientExportLinks,
];

const API_VERSION = '1.0.0';

const getOpenApi = defineRoute({
  operationId: 'getOpenApi',
  method: 'GET',
  path: '/v1/openapi.json',
  summary: 'This API as an OpenAPI 3.1 document, generated from the route table',
  tags: ['system'],
  access: access.public,
  responses: { 200: { description: 'OpenAPI document', schema: z.record(z.string(), z.unknown()) } },
  async handle() {
    return { status: 200, body: openApiDocument() };
  },
});

export const routeTable: readonly AnyRoute[] = [...businessRoutes, getOpenApi];

/** What each function serves: the documents function renders (ADR 0015), the API function the rest. */
export const apiFunctionRoutes = routeTable.filter((route) => route.runsIn === undefined);
export const documentFunctionRoutes = routeTable.filter((route) => route.runsIn === 'documents');

let cachedDocument: ReturnType<typeof buildOpenApi> | undefined;
/** Built on first request, not at cold start: most invocations never need it. */
export function openApiDocument() {
  cachedDocument ??= buildOpenApi(routeTable, { version: API_VERSION });
  return cachedDocument;
}
