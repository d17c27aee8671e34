import type * as z from 'zod';
import { canTransition, validateWarning } from '../../domain';
import { principalId } from '../../identity/principal';
import { newId } from '../../store/audit';
import type { CaseRecord } from '../../store/case-store';
import type { WarningRecord } from '../../store/warning-store';
import { retryOnCaseRace } from '../case-races';
import { access, staff } from '../access';
import { violationsProblem } from '../domain-errors';
import type { GuardResult } from '../guard';
import { defineRoute } from '../route';
import { caseIdParams } from '../schemas/cases';
import { pageOf, pageQuery } from '../schemas/paging';
import { createdWarningSchema, createWarningBody, warningSchema } from '../schemas/warnings';
import { loadVisibleCase } from './cases';

type InOffice = Extract<GuardResult, { kind: 'office' }>;
type CaseParams = z.infer<typeof caseIdParams>;

/** People (and systems with `cases:write`) who record non-compliance. */
const WARNING_WRITERS = ['admin', 'officer', 'integration'] as const;

/** Attempts before a write that keeps losing the race for the case version gives up with 409. */
/** The case as the write left it: enough for a client to refresh its badge and ETag. */
export const caseState = (record: CaseRecord) => ({
  id: record.id,
  status: record.status,
  version: record.version,
  openWarnings: record.openWarnings,
});

export const createWarning = defineRoute<CaseParams, unknown, z.infer<typeof createWarningBody>, InOffice>({
  operationId: 'createWarning',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases/{caseId}/warnings',
  summary: 'Warn the client (teguran) for unexcused absences or misconduct; an active case becomes warned',
  tags: ['warnings'],
  access: access.office(WARNING_WRITERS, 'cases:write'),
  params: caseIdParams,
  body: createWarningBody,
  responses: { 201: { description: 'The warning, and the case after it', schema: createdWarningSchema } },
  async handle({ access: grant, params, body, deps }) {
    const officeId = grant.office.id;
    const { warning, saved } = await retryOnCaseRace(async () => {
      const current = await loadVisibleCase(deps, grant, params.caseId);
      // A warned case stays warned; otherwise only an active case may become warned (LC-TRANSITION).
      if (current.status !== 'warned') {
        const verdict = canTransition(current.status, 'warned');
        if (!verdict.ok)
          throw violationsProblem(verdict.violations, `A ${current.status} case cannot be warned.`);
      }
      const sessions = await deps.warnings.sessionsOf(officeId, current.id);
      const checked = validateWarning(body, sessions);
      if (!checked.ok) throw violationsProblem(checked.violations);
      const now = deps.now();
      const warning: WarningRecord = {
        id: newId(now),
        caseId: current.id,
        level: checked.value.level,
        reason: body.reason,
        sessionIds: body.sessionIds,
        status: 'open',
        issuedBy: principalId(grant.principal),
        issuedAt: now.toISOString(),
      };
      const saved = await deps.cases.save(
        current,
        { ...current, status: 'warned', openWarnings: current.openWarnings + 1 },
        {
          actor: principalId(grant.principal),
          at: now,
          action: 'warning.create',
          reason: body.reason,
          record: { name: 'warning', after: warning },
        },
        [deps.warnings.putWarning(officeId, warning), deps.warnings.countOpenWarnings(officeId, 1)],
      );
      return { warning, saved };
    }, 'The case kept changing while the warning was being recorded; try again.');
    return { status: 201, body: { ...warning, case: caseState(saved) } };
  },
});

export const listWarnings = defineRoute<CaseParams, z.infer<typeof pageQuery>, unknown, InOffice>({
  operationId: 'listWarnings',
  method: 'GET',
  path: '/v1/offices/{officeId}/cases/{caseId}/warnings',
  summary: 'Warnings of a case, newest first',
  tags: ['warnings'],
  access: access.office(staff.readers, 'cases:read'),
  params: caseIdParams,
  query: pageQuery,
  responses: { 200: { description: 'A page of warnings', schema: pageOf(warningSchema) } },
  async handle({ access: grant, params, query, deps }) {
    const found = await loadVisibleCase(deps, grant, params.caseId);
    const scope = { officeId: grant.office.id, list: `warnings:${found.id}` };
    const page = await deps.warnings.listWarnings(grant.office.id, found.id, {
      limit: query.limit,
      startKey: await deps.cursors.decode(scope, query.cursor),
    });
    return {
      status: 200,
      body: { items: page.items, nextCursor: await deps.cursors.encode(scope, page.lastKey) },
    };
  },
});
