import * as z from 'zod';
import {
  canTransition,
  computeProgress,
  hoursToMinutes,
  OPEN_STATUSES,
  validateCaseRegistration,
  type CaseStatus,
} from '../../domain';
import { StaleCase, type CaseInput, type CaseRecord } from '../../store/case-store';
import { access, staff } from '../access';
import { violationsProblem } from '../domain-errors';
import type { GuardResult, OfficeAccess } from '../guard';
import { etag, expectedVersion } from '../preconditions';
import { problems } from '../problem';
import { defineRoute, type ApiDependencies } from '../route';
import {
  caseIdParams,
  caseListQuery,
  caseSchema,
  createCaseBody,
  transitionBody,
  updateCaseBody,
} from '../schemas/cases';
import { officeParams } from '../schemas/common';
import { pageOf } from '../schemas/paging';
import { actorOf, officeToday } from '../office-context';

type InOffice = Extract<GuardResult, { kind: 'office' }>;
type CaseParams = z.infer<typeof caseIdParams>;

const CASE_WRITERS = ['admin', 'officer', 'integration'] as const;
/** The decision and sentence may be corrected only until the case is placed at a site. */
const EDITABLE_SENTENCE: ReadonlySet<CaseStatus> = new Set(['received', 'assessed']);

import { loadVisibleCase } from '../../actions/cases/visible-case';
export { loadVisibleCase };

/** The response: progress as of today in the office's zone; supervisors get the work-facing part only. */
export function presentCase(record: CaseRecord, grant: OfficeAccess, now: Date) {
  const progress = computeProgress({
    hoursOrdered: record.sentence.hours,
    creditedMinutes: record.creditedMinutes,
    today: officeToday(grant.office, now),
    startDate: record.sentence.startDate,
    deadline: record.sentence.deadline,
    maxHoursPerDay: record.sentence.maxHoursPerDay,
    daysPerWeek: record.sentence.daysPerWeek,
  });
  const common = {
    id: record.id,
    status: record.status,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    client: { id: record.clientId, fullName: record.clientName },
    officerUsername: record.officerUsername,
    sentence: record.sentence,
    ...(record.currentSiteId ? { currentSiteId: record.currentSiteId } : {}),
    openWarnings: record.openWarnings,
    progress,
  };
  if (grant.siteIds) return common;
  return {
    ...common,
    prosecutor: record.prosecutor,
    decision: record.decision,
    consent: record.consent,
    ...(record.notes ? { notes: record.notes } : {}),
  };
}

async function saveOrStale(write: () => Promise<CaseRecord>): Promise<CaseRecord> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StaleCase) throw problems.preconditionFailed();
    throw error;
  }
}

/** The law's checks on a registration or a correction; the client's birth date comes from the record. */
async function checkAgainstLaw(deps: ApiDependencies, grant: OfficeAccess, input: CaseInput) {
  const client = await deps.clients.get(grant.office.id, input.clientId);
  if (!client) throw problems.invalidInput([{ path: 'clientId', message: 'No such client in this office.' }]);
  const member = await deps.users.get(grant.office.id, input.officerUsername);
  if (!member.member || member.member.status !== 'active' || !member.member.roles.includes('officer')) {
    throw problems.invalidInput([
      { path: 'officerUsername', message: 'Not an active probation officer (PK) of this office.' },
    ]);
  }
  const verdict = validateCaseRegistration({ ...input, client: { birthDate: client.birthDate } });
  if (!verdict.ok) throw violationsProblem(verdict.violations);
  return client;
}

export const createCase = defineRoute<
  z.infer<typeof officeParams>,
  unknown,
  z.infer<typeof createCaseBody>,
  InOffice
>({
  operationId: 'createCase',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases',
  summary: 'Register a court decision (putusan) imposing kerja sosial or pelayanan masyarakat',
  tags: ['cases'],
  access: access.office(CASE_WRITERS, 'cases:write'),
  params: officeParams,
  body: createCaseBody,
  responses: { 201: { description: 'Registered, status received', schema: caseSchema } },
  async handle({ access: grant, body, deps }) {
    const client = await checkAgainstLaw(deps, grant, body);
    const now = deps.now();
    const record = await deps.cases.create(
      grant.office.id,
      { ...body, clientName: client.fullName },
      actorOf(grant, now),
    );
    return {
      status: 201,
      body: presentCase(record, grant, now),
      headers: { etag: etag(record.version), location: `/v1/offices/${grant.office.id}/cases/${record.id}` },
    };
  },
});

export const listCases = defineRoute<
  z.infer<typeof officeParams>,
  z.infer<typeof caseListQuery>,
  unknown,
  InOffice
>({
  operationId: 'listCases',
  method: 'GET',
  path: '/v1/offices/{officeId}/cases',
  summary: 'Cases by deadline; open cases unless ?status= says otherwise',
  tags: ['cases'],
  access: access.office(staff.readers, 'cases:read'),
  params: officeParams,
  query: caseListQuery,
  responses: { 200: { description: 'A page of cases', schema: pageOf(caseSchema) } },
  async handle({ access: grant, query, deps }) {
    const { limit, cursor, ...filter } = query;
    let siteId = filter.siteId;
    if (grant.siteIds) {
      // A supervisor lists one of their own sites at a time; with one site, that one.
      siteId ??= grant.siteIds.length === 1 ? grant.siteIds[0] : undefined;
      if (!siteId || !grant.siteIds.includes(siteId)) {
        throw problems.invalidInput([{ path: 'query.siteId', message: 'Choose one of your work sites.' }]);
      }
    }
    const scope = { officeId: grant.office.id, list: `cases:${JSON.stringify({ ...filter, siteId })}` };
    const page = await deps.cases.list(
      grant.office.id,
      { ...filter, siteId },
      { limit, startKey: await deps.cursors.decode(scope, cursor) },
    );
    const now = deps.now();
    return {
      status: 200,
      body: {
        items: page.items.map((c) => presentCase(c, grant, now)),
        nextCursor: await deps.cursors.encode(scope, page.lastKey),
      },
    };
  },
});

export const getCase = defineRoute<CaseParams, unknown, unknown, InOffice>({
  operationId: 'getCase',
  method: 'GET',
  path: '/v1/offices/{officeId}/cases/{caseId}',
  summary: 'One case with its progress',
  tags: ['cases'],
  access: access.office(staff.readers, 'cases:read'),
  params: caseIdParams,
  responses: { 200: { description: 'The case', schema: caseSchema } },
  async handle({ access: grant, params, deps }) {
    const record = await loadVisibleCase(deps, grant, params.caseId);
    return {
      status: 200,
      body: presentCase(record, grant, deps.now()),
      headers: { etag: etag(record.version) },
    };
  },
});

export const updateCase = defineRoute<CaseParams, unknown, z.infer<typeof updateCaseBody>, InOffice>({
  operationId: 'updateCase',
  method: 'PATCH',
  path: '/v1/offices/{officeId}/cases/{caseId}',
  summary: 'Correct a case (If-Match required); the decision and sentence only before placement',
  tags: ['cases'],
  access: access.office(CASE_WRITERS, 'cases:write'),
  params: caseIdParams,
  body: updateCaseBody,
  responses: { 200: { description: 'Updated', schema: caseSchema } },
  async handle({ access: grant, params, body, headers, deps }) {
    const expected = expectedVersion(headers);
    const current = await loadVisibleCase(deps, grant, params.caseId);
    if (current.version !== expected) throw problems.preconditionFailed();
    if ((body.decision || body.sentence) && !EDITABLE_SENTENCE.has(current.status)) {
      throw problems.conflict('The decision and sentence can be corrected only before the case is placed.', [
        { path: body.sentence ? 'sentence' : 'decision', message: `The case is ${current.status}.` },
      ]);
    }
    const merged: CaseInput = { ...current, ...body };
    if (body.officerUsername || body.decision || body.sentence || body.consent)
      await checkAgainstLaw(deps, grant, merged);
    const next: CaseRecord = {
      ...current,
      ...merged,
      // The sentence is editable only before any session, so nothing is credited yet.
      remainingMinutes: body.sentence ? hoursToMinutes(body.sentence.hours) : current.remainingMinutes,
    };
    const now = deps.now();
    const saved = await saveOrStale(() =>
      deps.cases.save(current, next, { ...actorOf(grant, now), action: 'case.update' }),
    );
    return { status: 200, body: presentCase(saved, grant, now), headers: { etag: etag(saved.version) } };
  },
});

export const transitionCase = defineRoute<CaseParams, unknown, z.infer<typeof transitionBody>, InOffice>({
  operationId: 'transitionCase',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases/{caseId}/transitions',
  summary: 'Move a case along its lifecycle, with a reason; it lands in the case timeline',
  tags: ['cases'],
  access: access.office(CASE_WRITERS, 'cases:write'),
  params: caseIdParams,
  body: transitionBody,
  responses: { 200: { description: 'The case in its new status', schema: caseSchema } },
  async handle({ access: grant, params, body, deps }) {
    const current = await loadVisibleCase(deps, grant, params.caseId);
    const verdict = canTransition(current.status, body.to, {
      remainingMinutes: current.remainingMinutes,
      reason: body.reason,
    });
    if (!verdict.ok) throw violationsProblem(verdict.violations, 'This status change is not allowed.');
    const now = deps.now();
    // A case that ends leaves nothing to act on: its open warnings are resolved in the same write.
    const ending = !OPEN_STATUSES.includes(body.to) && current.openWarnings > 0;
    const open = ending
      ? (await deps.warnings.warningStatesOf(grant.office.id, current.id)).filter((w) => w.status === 'open')
      : [];
    const saved = await saveOrStale(() =>
      deps.cases.save(
        current,
        { ...current, status: body.to, ...(ending ? { openWarnings: 0 } : {}) },
        { ...actorOf(grant, now), action: 'case.transition', reason: body.reason },
        ending
          ? [
              ...open.map((w) =>
                deps.warnings.resolveWarningOnCaseEnd(
                  grant.office.id,
                  current.id,
                  w.id,
                  body.to,
                  now.toISOString(),
                ),
              ),
              deps.warnings.countOpenWarnings(grant.office.id, -current.openWarnings),
            ]
          : [],
      ),
    );
    return { status: 200, body: presentCase(saved, grant, now), headers: { etag: etag(saved.version) } };
  },
});
