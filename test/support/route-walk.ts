import { DEFAULT_OFFICE_POLICY } from '../../functions/domain';
import { userClaims, type ApiResponse, type apiCaller } from './api';
import { adultClient, conversionCase, lawfulCase, litmasAssessment, newPartner, newSite } from './cases';
import { palopoDocumentSettings } from './documents';
import { uniqueSuffix } from './environment';
import { csvOf, partnerRow, sha256 } from './import-files';
import type { seedDirectory } from './fixtures';

type Call = ReturnType<typeof apiCaller>;
type CallOptions = NonNullable<Parameters<Call>[2]>;
type World = Awaited<ReturnType<typeof seedDirectory>>;

/**
 * One request of the walk. `operationId` names the route it measures; it is undefined for the few
 * helper requests the walk needs (an absence to cite in a warning) that measure nothing.
 */
export interface WalkStep {
  readonly operationId: string | undefined;
  readonly method: string;
  readonly url: string;
  readonly options: CallOptions;
}

/** Sends one step and returns its response; the caller decides what to record around it. */
export type StepRunner = (step: WalkStep) => Promise<ApiResponse>;

/**
 * Every route of the route table, called once in the order of a case's life, as the office admin
 * (the PK where the law asks for one). POSTs carry an `Idempotency-Key` as the dashboard sends them.
 * Shared by the call-count test, the audit-completeness test and the benchmarks, so all three walk
 * the same path; a route added to the table must be added here, or those checks fail.
 *
 * Dates assume the clock stands at 29 June 2026 (the case window is March–June 2026).
 */
export async function walkEveryRoute(
  world: World,
  run: StepRunner,
  /** Hands the committed changes to the webhook dispatcher (test/support/webhook-pump.ts), so deliveries exist. */
  dispatchWebhooks: () => Promise<unknown>,
  /** Runs an import's job to its end (the dry run after the upload, a commit, an undo), as the queue would. */
  runImportJob: (address: { officeId: string; importId: string }) => Promise<unknown>,
): Promise<void> {
  const step = (
    operationId: string | undefined,
    method: string,
    url: string,
    options: CallOptions = {},
  ): Promise<ApiResponse> => {
    const key: Record<string, string> =
      method === 'POST' ? { 'idempotency-key': `${operationId ?? 'helper'}-${uniqueSuffix()}` } : {};
    return run({
      operationId,
      method,
      url,
      options: { claims: world.claims.admin, ...options, headers: { ...key, ...options.headers } },
    });
  };
  const office = `/v1/offices/${world.home}`;
  const officer = { claims: world.claims.officer };
  await step('getHealth', 'GET', '/health');
  await step('getOpenApi', 'GET', '/v1/openapi.json');
  await step('getMe', 'GET', '/v1/me');
  await step('listOffices', 'GET', '/v1/offices');
  await step('getOffice', 'GET', office);
  await step('putOfficePolicy', 'PUT', `${office}/policy`, { body: DEFAULT_OFFICE_POLICY });
  await step('putOfficeHolidays', 'PUT', `${office}/holidays`, {
    body: {
      lists: [],
      edits: [{ op: 'add', day: { date: '2026-04-28', kind: 'local', name: 'Hari jadi Kota Palopo' } }],
    },
  });
  await step('getOfficeHolidays', 'GET', `${office}/holidays?year=2026`);
  // Subscribed before the case's life, so its events queue deliveries (to a port nobody answers).
  const webhook = await step('createWebhook', 'POST', `${office}/webhooks`, {
    body: { url: 'http://127.0.0.1:9/abdi-walk', eventTypes: ['case.registered', 'session.recorded'] },
  });
  const webhookUrl = `${office}/webhooks/${webhook.body.webhook.id}`;

  const username = `pk.${uniqueSuffix()}`;
  await step('createUser', 'POST', `${office}/users`, {
    body: { username, email: 'pk@example.invalid', fullName: 'Nur Aisyah', roles: ['officer'] },
  });
  const invitation = (verb: string) => `/v1/me/invitations/${world.home}/${verb}`;
  await step('acceptInvitation', 'POST', invitation('accept'), { claims: userClaims(username) });
  const declining = `pk.${uniqueSuffix()}`;
  await step(undefined, 'POST', `${office}/users`, {
    body: { username: declining, email: 'pk2@example.invalid', fullName: 'Andi Baso', roles: ['officer'] },
  });
  await step('declineInvitation', 'POST', invitation('decline'), { claims: userClaims(declining) });
  await step('listUsers', 'GET', `${office}/users`);
  const user = await step('getUser', 'GET', `${office}/users/${username}`);
  const updatedUser = await step('updateUser', 'PATCH', `${office}/users/${username}`, {
    body: { roles: ['officer', 'prosecutor'] },
    headers: { 'if-match': user.headers.etag! },
  });

  const partner = await step('createPartner', 'POST', `${office}/partners`, { body: newPartner() });
  await step('listPartners', 'GET', `${office}/partners`);
  await walkImportRoutes(world, step, runImportJob);
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

  const client = await step('createClient', 'POST', `${office}/clients`, { ...officer, body: adultClient() });
  await step('listClients', 'GET', `${office}/clients?q=andi`);
  await step('getClient', 'GET', `${office}/clients/${client.body.id}`);
  await step('putClientSmsPreference', 'PUT', `${office}/clients/${client.body.id}/sms-preference`, {
    body: { noSms: true, reason: 'Nomor telepon milik tetangga' },
  });
  await step(undefined, 'GET', `${office}/clients/${client.body.id}?reveal=nik&reason=Cek%20KTP`);
  await step('listNikReveals', 'GET', `${office}/audit/nik-reveals`);
  // The retention dry run and its log (ADR 0020): nothing of this walk is closed long enough to be due.
  await step('getRetentionPlan', 'GET', `${office}/retention?through=2026-12-31`);
  await step('getRetentionLog', 'GET', `${office}/retention/log`);
  // The breach register (ADR 0022): opened at 16:00 on 29 June naming both offices, noticed, closed.
  const breach = await step('createBreach', 'POST', `${office}/breaches`, {
    body: {
      what: 'Daftar klien terkirim ke alamat surel yang salah',
      discoveredAt: '2026-06-29T07:00:00Z',
      // Up to the walk's clock: the client just registered and revealed is among the affected.
      exposure: { from: '2026-06-28T00:00:00Z', to: '2026-06-29T08:00:00Z' },
      officeIds: [world.home, world.other],
      recordTypes: ['client'],
    },
  });
  const breachUrl = `${office}/breaches/${breach.body.id}`;
  await step('listBreaches', 'GET', `${office}/breaches?status=open`);
  await step('getBreach', 'GET', breachUrl);
  await step('listBreachAffectedClients', 'GET', `${breachUrl}/affected-clients`);
  for (const audience of ['subjects', 'authority']) {
    await step(audience === 'subjects' ? 'createBreachNotice' : undefined, 'POST', `${breachUrl}/notices`, {
      body: { audience, sentAt: '2026-06-29T07:30:00Z', channel: 'letter', reference: `B-${audience}/2026` },
    });
  }
  await step('closeBreach', 'POST', `${breachUrl}/close`, {
    body: {
      summary: 'Penerima menghapus surel',
      evidence: [{ description: 'Surat pernyataan', reference: 'SP-1' }],
    },
  });

  const created = await step('createCase', 'POST', `${office}/cases`, {
    ...officer,
    body: lawfulCase(client.body.id, world.people.officer),
  });
  const caseUrl = `${office}/cases/${created.body.id}`;
  const clientNow = await step(undefined, 'GET', `${office}/clients/${client.body.id}`);
  await step('correctClient', 'PATCH', `${office}/clients/${client.body.id}`, {
    body: { fullName: 'Andi Baso Pawelloi', reason: 'Nama sesuai KTP baru' },
    headers: { 'if-match': clientNow.headers.etag! },
  });
  await step('getClientAudit', 'GET', `${office}/clients/${client.body.id}/audit`);
  await step('listCases', 'GET', `${office}/cases`);
  const read = await step('getCase', 'GET', caseUrl);
  await step('updateCase', 'PATCH', caseUrl, {
    body: { notes: 'Litmas selesai' },
    headers: { 'if-match': read.headers.etag! },
  });
  // A case becomes assessed only by its assessment (LC-VIA-ASSESSMENT); transitions come at the end.
  await step('createAssessment', 'POST', `${caseUrl}/assessments`, { ...officer, body: litmasAssessment() });
  await step('listAssessments', 'GET', `${caseUrl}/assessments`);
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
  await step('getCasePlan', 'GET', `${caseUrl}/plan`);
  await step('listCaseReminders', 'GET', `${caseUrl}/reminders`);
  // Tomorrow (Tuesday 30 June, the deadline) accepted as the plan proposes it, then read back.
  await step('putCaseSchedule', 'PUT', `${caseUrl}/schedule`, {
    ...officer,
    body: {
      from: '2026-06-30',
      until: '2026-06-30',
      slots: [{ date: '2026-06-30', siteId: site.body.id, startTime: '08:00', endTime: '12:00' }],
    },
  });
  await step('getCaseSchedule', 'GET', `${caseUrl}/schedule`);
  await step('listOfficeSlots', 'GET', `${office}/slots?date=2026-06-30`);
  await step('getSiteLoad', 'GET', `${office}/site-load?from=2026-06-29&weeks=2`);

  const session = await step('createSession', 'POST', `${caseUrl}/sessions`, {
    body: {
      date: '2026-03-02',
      startTime: '08:00',
      endTime: '11:00',
      siteId: site.body.id,
      outcome: 'attended',
    },
  });
  const absence = await step(undefined, 'POST', `${caseUrl}/sessions`, {
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
  // The supervisor's app keeps a session it recorded offline and the API refused (ADR 0024); the PK resolves it.
  const refused = await step('createOfflineRefusal', 'POST', `${office}/offline-refusals`, {
    claims: world.claims.supervisor,
    body: {
      caseId: created.body.id,
      kind: 'session',
      recordedAt: '2026-03-04T11:05:00+08:00',
      siteId: site.body.id,
      record: { date: '2026-03-04', startTime: '08:00', endTime: '11:00', outcome: 'attended' },
      refusal: {
        status: 409,
        type: 'https://abdi.id/problems/conflict',
        title: 'Conflict',
        rules: ['CR-CASE-STATUS'],
      },
    },
  });
  await step('listOfflineRefusals', 'GET', `${office}/offline-refusals?status=open`);
  await step('resolveOfflineRefusal', 'POST', `${office}/offline-refusals/${refused.body.id}/resolve`, {
    ...officer,
    body: { note: 'Dicatat ulang oleh PK dari daftar hadir' },
  });
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
  // Official documents (ADR 0015): settings, a preview, an issued progress report, its record and link.
  await step('putDocumentSettings', 'PUT', `${office}/document-settings`, { body: palopoDocumentSettings() });
  const report = { kind: 'progress_report', caseId: created.body.id };
  await step('previewDocument', 'POST', `${office}/documents/preview`, { body: report });
  const document = await step('issueDocument', 'POST', `${office}/documents`, { body: report });
  await step('listDocuments', 'GET', `${office}/documents?caseId=${created.body.id}`);
  await step('getDocument', 'GET', `${office}/documents/${document.body.id}`);
  await step('finishDocument', 'POST', `${office}/documents/${document.body.id}/finish`);
  await step('verifyDocument', 'GET', `/v1/verify/${document.body.id}`);
  const monthly = await step(undefined, 'POST', `${office}/documents`, {
    body: { kind: 'monthly_report', month: '2026-06' },
  });
  await step('getDocumentSpreadsheet', 'GET', `${office}/documents/${monthly.body.id}/spreadsheet`);
  await step('getRegionalReport', 'GET', `/v1/regions/${world.regionId}/report?month=2026-06&format=xlsx`, {
    claims: world.claims.regional,
  });
  // A subject's request (ADR 0021): logged, listed, read, answered by the client's export; another refused.
  const dataRequest = await step('createDataRequest', 'POST', `${office}/data-requests`, {
    body: {
      clientId: client.body.id,
      kind: 'access',
      receivedAt: '2026-06-29T07:00:00Z',
      channel: 'letter',
      details: 'Meminta salinan seluruh data',
    },
  });
  await step('listDataRequests', 'GET', `${office}/data-requests?status=open`);
  await step('getDataRequest', 'GET', `${office}/data-requests/${dataRequest.body.id}`);
  const made = await step('createClientExport', 'POST', `${office}/clients/${client.body.id}/exports`, {
    body: { requestId: dataRequest.body.id, reason: 'Permintaan akses subjek data' },
  });
  await step('getClientExportLinks', 'GET', `${office}/clients/${client.body.id}/exports/${made.body.id}`);
  const erasure = await step(undefined, 'POST', `${office}/data-requests`, {
    body: {
      kind: 'erasure',
      receivedAt: '2026-06-29T07:00:00Z',
      channel: 'in_person',
      details: 'Hapus data',
    },
  });
  await step('answerDataRequest', 'POST', `${office}/data-requests/${erasure.body.id}/answer`, {
    body: { outcome: 'refused', note: 'Masih menjalani pidana', reason: 'UU 27/2022 Pasal 15' },
  });
  // A fine conversion (KUHP 82) takes payments toward its fine; registering it measures nothing here.
  const conversion = await step(undefined, 'POST', `${office}/cases`, {
    ...officer,
    body: conversionCase(client.body.id, world.people.officer),
  });
  await step('createPayment', 'POST', `${office}/cases/${conversion.body.id}/payments`, {
    body: { amountRupiah: 500_000, paidOn: '2026-06-29' },
  });
  await step('getCaseAudit', 'GET', `${caseUrl}/audit`);
  await step('getOfficeSummary', 'GET', `${office}/summary`);
  await step('getRegionalSummary', 'GET', `/v1/regions/${world.regionId}/summary?month=2026-06`, {
    claims: world.claims.regional,
  });
  await step('endPlacement', 'DELETE', `${office}/placements/${placement.body.id}?endOn=2026-06-29`);
  await step('transitionCase', 'POST', `${caseUrl}/transitions`, {
    body: { to: 'terminated', reason: 'Klien pindah domisili; putusan dialihkan' },
  });
  await step('disableUser', 'DELETE', `${office}/users/${username}`, {
    headers: { 'if-match': updatedUser.headers.etag! },
  });

  const integration = await step('createIntegration', 'POST', `${office}/integrations`, {
    body: { name: 'SIPP Kejari (walk)', scopes: ['cases:read'] },
  });
  const clientUrl = `${office}/integrations/${integration.body.integration.clientId}`;
  await step('listIntegrations', 'GET', `${office}/integrations`);
  await step('getIntegration', 'GET', clientUrl);
  await step('rotateIntegrationSecret', 'POST', `${clientUrl}/rotate`);
  await step('revokeIntegration', 'POST', `${clientUrl}/revoke`);

  await dispatchWebhooks();
  await step('listWebhooks', 'GET', `${office}/webhooks`);
  const subscribed = await step('getWebhook', 'GET', webhookUrl);
  if (subscribed.body.status !== 'active') throw new Error("the walk's webhook should be active");
  const deliveries = await step('listWebhookDeliveries', 'GET', `${webhookUrl}/deliveries`);
  const [latest, earlier] = deliveries.body.items as { id: string }[];
  await step('replayWebhookDelivery', 'POST', `${webhookUrl}/deliveries/${latest!.id}/replay`);
  await step('skipWebhookDelivery', 'POST', `${webhookUrl}/deliveries/${(earlier ?? latest)!.id}/skip`);
  await step('replayWebhookDeliveries', 'POST', `${webhookUrl}/replay`, {
    body: { since: '2026-01-01T00:00:00.000Z' },
  });
  const rotated = await step('rotateWebhookSecret', 'POST', `${webhookUrl}/rotate-secret`);
  const paused = await step('updateWebhook', 'PATCH', webhookUrl, {
    body: { status: 'paused' },
    headers: { 'if-match': rotated.headers.etag! },
  });
  await step('deleteWebhook', 'DELETE', webhookUrl, { headers: { 'if-match': paused.headers.etag! } });
}

type Step = (
  operationId: string | undefined,
  method: string,
  url: string,
  options?: CallOptions,
) => Promise<ApiResponse>;

/**
 * A partners file of one row through the import (issue 22): its template, the upload and dry run, the
 * report, a new mapping (a second dry run), the commit and the undo, each run by the job as the queue
 * would run it.
 */
async function walkImportRoutes(
  world: World,
  step: Step,
  runImportJob: (address: { officeId: string; importId: string }) => Promise<unknown>,
) {
  const office = `/v1/offices/${world.home}`;
  await step('getImportTemplate', 'GET', `${office}/import-templates/partners?lang=id`);
  const bytes = Buffer.from(csvOf('partners', [partnerRow(`PKS/WALK/${uniqueSuffix()}`)]), 'utf8');
  const created = await step('createImport', 'POST', `${office}/imports`, {
    body: {
      kind: 'partners',
      fileName: 'mitra.csv',
      contentType: 'text/csv',
      sizeBytes: bytes.byteLength,
      sha256: sha256(bytes),
    },
  });
  const { url, headers } = created.body.upload as { url: string; headers: Record<string, string> };
  const put = await fetch(url, { method: 'PUT', headers, body: new Blob([new Uint8Array(bytes)]) });
  if (!put.ok) throw new Error(`the walk's import upload: ${put.status}`);
  const address = { officeId: world.home, importId: created.body.id as string };
  const importUrl = `${office}/imports/${address.importId}`;
  await runImportJob(address);
  await step('listImports', 'GET', `${office}/imports`);
  await step('getImport', 'GET', importUrl);
  await step('listImportRows', 'GET', `${importUrl}/rows?problems=any`);
  await step('getImportReport', 'GET', `${importUrl}/report`);
  await step('mapImportColumns', 'PUT', `${importUrl}/mapping`, { body: { columns: { Catatan: null } } });
  await runImportJob(address);
  await step('commitImport', 'POST', `${importUrl}/commit`);
  await runImportJob(address);
  await step('undoImport', 'POST', `${importUrl}/undo`);
  await runImportJob(address);
}
