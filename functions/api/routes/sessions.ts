import type * as z from 'zod';
import { correctSession } from '../../actions/sessions/correct-session';
import { sessionsOfCase, type PageRequest } from '../../actions/sessions/queries';
import { recordSession, type SessionRecord } from '../../actions/sessions/record-session';
import { minutesToHours } from '../../domain';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { etag, expectedVersion } from '../preconditions';
import { pageResponse } from '../presenters';
import { defineRoute } from '../route';
import { caseIdParams } from '../schemas/cases';
import { pageOf, pageQuery } from '../schemas/paging';
import { createSessionBody, sessionIdParams, sessionSchema, updateSessionBody } from '../schemas/sessions';

/** Who records sessions: the PK, the office admin, and the site's supervisor (pengawas lapangan). */
const SESSION_RECORDERS = ['admin', 'officer', 'supervisor', 'integration'] as const;
/** Only the PK (or the admin) verifies a session, which is when its hours start to count. */
const VERIFIERS = ['admin', 'officer', 'integration'] as const;

/** The response shape: hours, not the stored minutes, and no client id. */
function present(session: SessionRecord) {
  const { durationMinutes, creditedMinutes, clientId: _clientId, ...rest } = session;
  return {
    ...rest,
    durationHours: minutesToHours(durationMinutes),
    hoursCredited: minutesToHours(creditedMinutes),
  };
}

export const createSession = defineRoute<
  z.infer<typeof caseIdParams>,
  unknown,
  z.infer<typeof createSessionBody>,
  InOffice
>({
  operationId: 'createSession',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases/{caseId}/sessions',
  summary: "Record a work session; a PK's counts at once, a site supervisor's once the PK verifies it",
  tags: ['sessions'],
  access: access.office(SESSION_RECORDERS, 'cases:write'),
  params: caseIdParams,
  body: createSessionBody,
  responses: { 201: { description: 'Recorded, with the hours credited', schema: sessionSchema } },
  async handle({ access: grant, params, body, deps }) {
    const saved = await recordSession(deps, grant, params.caseId, body);
    return {
      status: 201,
      body: present(saved),
      headers: { etag: etag(saved.version), location: `/v1/offices/${grant.office.id}/sessions/${saved.id}` },
    };
  },
});

export const listSessions = defineRoute<
  z.infer<typeof caseIdParams>,
  z.infer<typeof pageQuery>,
  unknown,
  InOffice
>({
  operationId: 'listSessions',
  method: 'GET',
  path: '/v1/offices/{officeId}/cases/{caseId}/sessions',
  summary: 'Sessions of a case, newest first',
  tags: ['sessions'],
  access: access.office(staff.readers, 'cases:read'),
  params: caseIdParams,
  query: pageQuery,
  responses: { 200: { description: 'A page of sessions', schema: pageOf(sessionSchema) } },
  async handle({ access: grant, params, query, deps }) {
    const scope = { officeId: grant.office.id, list: `sessions:${params.caseId}` };
    const read = (page: PageRequest) => sessionsOfCase(deps, grant, params.caseId, page);
    return pageResponse(deps.cursors, scope, query, read, present);
  },
});

export const updateSession = defineRoute<
  z.infer<typeof sessionIdParams>,
  unknown,
  z.infer<typeof updateSessionBody>,
  InOffice
>({
  operationId: 'updateSession',
  method: 'PATCH',
  path: '/v1/offices/{officeId}/sessions/{sessionId}',
  summary: 'Verify or correct a session (If-Match required); the credit is decided again',
  tags: ['sessions'],
  access: access.office(VERIFIERS, 'cases:write'),
  params: sessionIdParams,
  body: updateSessionBody,
  responses: { 200: { description: 'The session as now recorded', schema: sessionSchema } },
  async handle({ access: grant, params, body, headers, deps }) {
    const saved = await correctSession(deps, grant, {
      sessionId: params.sessionId,
      expectedVersion: expectedVersion(headers),
      changes: body,
    });
    return { status: 200, body: present(saved), headers: { etag: etag(saved.version) } };
  },
});
