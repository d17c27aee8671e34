import type { SessionRecord } from '../../store/session-store';
import { ofVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';

export type { SessionRecord } from '../../store/session-store';
export type { PageRequest } from '../cases/queries';

/** A page of a case's sessions, newest first. Refuses not-found for a case the caller may not see. */
export const sessionsOfCase = ofVisibleCase<Pick<Ports, 'cases' | 'sessions'>, SessionRecord>(
  (ports, grant, caseId, page) => ports.sessions.list(grant.office.id, caseId, page),
);
