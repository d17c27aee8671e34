import { correctSession } from '../../actions/sessions/correct-session';
import { sessionsOfCase } from '../../actions/sessions/queries';
import { recordSession, type SessionRecord } from '../../actions/sessions/record-session';
import { minutesToHours } from '../../domain';
import { access, staff } from '../access';
import { caseListRoute, ifMatchRoute, officePath, readAheadCaseAndSite, recordRoute } from '../route-kit';
import { caseIdParams } from '../schemas/cases';
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

export const createSession = recordRoute({
  operationId: 'createSession',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases/{caseId}/sessions',
  summary: "Record a work session; a PK's counts at once, a site supervisor's once the PK verifies it",
  tags: ['sessions'],
  access: access.office(SESSION_RECORDERS, 'cases:write'),
  params: caseIdParams,
  readAhead: readAheadCaseAndSite,
  body: createSessionBody,
  responses: { 201: { description: 'Recorded, with the hours credited', schema: sessionSchema } },
  run: ({ access: grant, params, body, deps }) => recordSession(deps, grant, params.caseId, body),
  present,
  location: (saved, grant) => officePath(grant, 'sessions', saved.id),
});

export const listSessions = caseListRoute('sessions', {
  operationId: 'listSessions',
  summary: 'Sessions of a case, newest first',
  access: access.office(staff.readers, 'cases:read'),
  item: sessionSchema,
  read: sessionsOfCase,
  present,
});

export const updateSession = ifMatchRoute({
  operationId: 'updateSession',
  method: 'PATCH',
  path: '/v1/offices/{officeId}/sessions/{sessionId}',
  summary: 'Verify or correct a session (If-Match required); the credit is decided again',
  tags: ['sessions'],
  access: access.office(VERIFIERS, 'cases:write'),
  params: sessionIdParams,
  readAhead: (p, officeId, keys) => [
    keys.caseOfRecord(officeId, p.sessionId),
    keys.session(officeId, p.sessionId),
  ],
  body: updateSessionBody,
  responses: { 200: { description: 'The session as now recorded', schema: sessionSchema } },
  change: ({ access: grant, params, body, deps }, expected) =>
    correctSession(deps, grant, { sessionId: params.sessionId, expectedVersion: expected, changes: body }),
  present,
});
