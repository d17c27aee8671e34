import * as z from 'zod';
import { creditSession, minutesToHours, toLocalDateTime, type OfficeTimeZone } from '../../domain';
import { principalId } from '../../identity/principal';
import { newId } from '../../store/audit';
import {
  CreditConflict,
  RECORDING_STATUSES,
  sessionSortKey,
  type CreditingState,
  type SessionRecord,
} from '../../store/session-store';
import { access, staff } from '../access';
import { violationsProblem } from '../domain-errors';
import type { GuardResult, OfficeAccess } from '../guard';
import { etag, expectedVersion } from '../preconditions';
import { HttpProblem, problems } from '../problem';
import { defineRoute, type ApiDependencies } from '../route';
import { caseIdParams } from '../schemas/cases';
import { pageOf, pageQuery } from '../schemas/paging';
import {
  createSessionBody,
  sessionIdParams,
  sessionIdPattern,
  sessionSchema,
  updateSessionBody,
} from '../schemas/sessions';
import { loadVisibleCase } from './cases';

type InOffice = Extract<GuardResult, { kind: 'office' }>;

/** Who records sessions: the PK, the office admin, and the site's supervisor (pengawas lapangan). */
const SESSION_RECORDERS = ['admin', 'officer', 'supervisor', 'integration'] as const;
/** Only the PK (or the admin) verifies a session, which is when its hours start to count. */
const VERIFIERS = ['admin', 'officer', 'integration'] as const;
/** Re-decisions after a concurrent write; each costs a BatchGet and a transaction. */
const MAX_ATTEMPTS = 12;

function present(session: SessionRecord) {
  const { durationMinutes, creditedMinutes, clientId: _clientId, ...rest } = session;
  return {
    ...rest,
    durationHours: minutesToHours(durationMinutes),
    hoursCredited: minutesToHours(creditedMinutes),
  };
}

function localNow(grant: OfficeAccess, now: Date) {
  const local = toLocalDateTime(now, grant.office.timeZone as OfficeTimeZone);
  return { today: local.date, nowTime: local.time, month: local.date.slice(0, 7) };
}

/**
 * Decides the credit on freshly read numbers and writes it; when a concurrent write changed those
 * numbers first (a failed condition), reads and decides again. The conditions, not this loop, are
 * what prevent over-crediting: the loop only keeps honest requests from failing.
 */
async function creditWithRetry(
  deps: ApiDependencies,
  grant: OfficeAccess,
  read: () => Promise<CreditingState>,
  decide: (state: CreditingState) => SessionRecord,
  action: string,
): Promise<SessionRecord> {
  const now = deps.now();
  const { month } = localNow(grant, now);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const state = await read();
    const after = decide(state);
    try {
      await deps.sessions.write(
        grant.office.id,
        state,
        after,
        { actor: principalId(grant.principal), at: now, action },
        {
          activate: state.case.status === 'placed',
          month,
        },
      );
      if (after.creditedMinutes !== (state.session?.creditedMinutes ?? 0)) {
        await deps.cases.refreshTrackKey(grant.office.id, after.caseId);
      }
      return after;
    } catch (error) {
      if (!(error instanceof CreditConflict)) throw error;
      if (error.on === 'session') throw problems.preconditionFailed();
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
  throw new HttpProblem({
    status: 409,
    slug: 'busy',
    title: 'Busy',
    detail: 'Many sessions of this client are being recorded at once; retry shortly.',
    headers: { 'retry-after': '1' },
  });
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
    const visible = await loadVisibleCase(deps, grant, params.caseId);
    if (grant.siteIds && !grant.siteIds.includes(body.siteId)) {
      throw problems.invalidInput([{ path: 'siteId', message: 'Not one of your work sites.' }]);
    }
    const now = deps.now();
    const { today, nowTime } = localNow(grant, now);
    const verified = grant.siteIds === undefined;
    const recordedBy = principalId(grant.principal);
    const id = `${visible.id}-${newId(now)}`;

    const saved = await creditWithRetry(
      deps,
      grant,
      async () => {
        const state = await deps.sessions.readState(grant.office.id, visible.id, visible.clientId, body.date);
        if (!state.case) throw problems.notFound('No such case in this office.');
        return { case: state.case, day: state.day };
      },
      (state) => {
        if (!RECORDING_STATUSES.has(state.case.status)) {
          throw problems.conflict(`Sessions cannot be recorded on a ${state.case.status} case.`);
        }
        const decision = creditSession({
          session: body,
          case: {
            startDate: state.case.sentence.startDate,
            deadline: state.case.sentence.deadline,
            hoursOrdered: state.case.sentence.hours,
            creditedMinutes: state.case.creditedMinutes,
            maxHoursPerDay: state.case.sentence.maxHoursPerDay,
          },
          sameDaySessions: Object.values(state.day.sessions),
          today,
          nowTime,
        });
        if (!decision.ok) throw violationsProblem(decision.violations, 'This session cannot be recorded.');
        return {
          id,
          caseId: visible.id,
          clientId: visible.clientId,
          siteId: body.siteId,
          date: body.date,
          startTime: body.startTime,
          endTime: body.endTime,
          outcome: body.outcome,
          ...(body.activity ? { activity: body.activity } : {}),
          ...(body.notes ? { notes: body.notes } : {}),
          misconduct: body.misconduct ?? false,
          durationMinutes: decision.value.durationMinutes,
          creditedMinutes: verified ? decision.value.creditedMinutes : 0,
          clipped: decision.value.clipped,
          clippedBy: decision.value.clippedBy,
          verified,
          recordedBy,
          ...(verified ? { verifiedBy: recordedBy } : {}),
          version: 1,
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
        };
      },
      'session.create',
    );
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
    await loadVisibleCase(deps, grant, params.caseId);
    const scope = { officeId: grant.office.id, list: `sessions:${params.caseId}` };
    const page = await deps.sessions.list(grant.office.id, params.caseId, {
      limit: query.limit,
      startKey: await deps.cursors.decode(scope, query.cursor),
    });
    return {
      status: 200,
      body: { items: page.items.map(present), nextCursor: await deps.cursors.encode(scope, page.lastKey) },
    };
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
    const expected = expectedVersion(headers);
    const caseId = sessionIdPattern.exec(params.sessionId)?.[1] ?? '';
    const visible = await loadVisibleCase(deps, grant, caseId);
    const now = deps.now();
    const { today, nowTime } = localNow(grant, now);
    const actor = principalId(grant.principal);

    const saved = await creditWithRetry(
      deps,
      grant,
      async () => {
        const first = await deps.sessions.readState(
          grant.office.id,
          caseId,
          undefined,
          '',
          sessionSortKey(params.sessionId),
        );
        if (!first.session || !first.case) throw problems.notFound('No such session in this office.');
        // The client's day is keyed by the session's date, known only once the session is read.
        const state = await deps.sessions.readState(
          grant.office.id,
          caseId,
          visible.clientId,
          first.session.date,
          sessionSortKey(params.sessionId),
        );
        if (!state.session || !state.case) throw problems.notFound('No such session in this office.');
        if (state.session.version !== expected) throw problems.preconditionFailed();
        return { case: state.case, day: state.day, session: state.session };
      },
      (state) => {
        const before = state.session!;
        const merged = { ...before, ...body, verified: before.verified || body.verified === true };
        const { [before.id]: _self, ...others } = state.day.sessions;
        const decision = creditSession({
          session: merged,
          case: {
            startDate: state.case.sentence.startDate,
            deadline: state.case.sentence.deadline,
            hoursOrdered: state.case.sentence.hours,
            creditedMinutes: state.case.creditedMinutes - before.creditedMinutes,
            maxHoursPerDay: state.case.sentence.maxHoursPerDay,
          },
          sameDaySessions: Object.values(others),
          today,
          nowTime: merged.date < today ? '23:59' : nowTime,
        });
        if (!decision.ok) throw violationsProblem(decision.violations, 'This correction cannot be recorded.');
        return {
          ...merged,
          durationMinutes: decision.value.durationMinutes,
          creditedMinutes: merged.verified ? decision.value.creditedMinutes : 0,
          clipped: decision.value.clipped,
          clippedBy: decision.value.clippedBy,
          ...(merged.verified && !before.verified ? { verifiedBy: actor } : {}),
          version: before.version + 1,
          updatedAt: now.toISOString(),
        };
      },
      body.verified && Object.keys(body).length === 1 ? 'session.verify' : 'session.update',
    );
    return { status: 200, body: present(saved), headers: { etag: etag(saved.version) } };
  },
});
