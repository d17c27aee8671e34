/**
 * The office's log of data subjects' requests (issue 17, UU 27/2022): log one, read it with its legal
 * deadline, answer it (answered or refused with a reason). A late answer is recorded and flagged, never
 * refused (PDP-REQUEST-DEADLINE). Requester names and details are personal data: nothing here logs them,
 * and the audit entries record only the kind, the channel, the instants and the outcome.
 */
import {
  answerRequest as decideAnswer,
  checkReceivedAt,
  requestClock,
  requestDeadline,
  type RequestAnswer,
  type RequestClock,
  type SubjectRequestChannel,
  type SubjectRequestKind,
  type SubjectRequestStatus,
} from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { SubjectRequestRecord } from '../../store/subject-request-store';
import { WriteConflict } from '../../store/optimistic';
import type { Page, PageRequest } from '../cases/queries';
import type { Ports } from '../ports';
import { found, refuse } from '../refusal';

export type { SubjectRequestRecord } from '../../store/subject-request-store';

/** A request as the API shows it: the record and what its clock says now. */
export type SubjectRequestView = Omit<SubjectRequestRecord, 'officeId' | 'overdue'> & RequestClock;

export const viewRequest =
  (now: Date) =>
  ({ officeId: _office, overdue: _overdue, ...record }: SubjectRequestRecord): SubjectRequestView => ({
    ...record,
    ...requestClock(record, now),
  });

type RequestPorts = Pick<Ports, 'subjectRequests' | 'clients' | 'now'>;

export interface NewRequestInput {
  readonly clientId?: string;
  readonly requesterName?: string;
  readonly kind: SubjectRequestKind;
  readonly channel: SubjectRequestChannel;
  readonly receivedAt: string;
  readonly details: string;
}

/**
 * Logs a request with its deadline. Refuses invalid when it was received in the future
 * (PDP-REQUEST-DEADLINE) and not-found-as-invalid when `clientId` names no client of the office.
 */
export async function logRequest(
  ports: RequestPorts,
  grant: OfficeGrant,
  input: NewRequestInput,
): Promise<SubjectRequestView> {
  const now = ports.now();
  const receivedAt = new Date(input.receivedAt);
  const violations = checkReceivedAt(receivedAt, now);
  if (violations.length > 0) throw refuse.invalid(violations);
  const client = input.clientId ? await ports.clients.get(grant.office.id, input.clientId) : undefined;
  if (input.clientId && !client) {
    throw refuse.invalid([{ path: 'clientId', message: 'No such client in this office.' }]);
  }
  const record = await ports.subjectRequests.create(
    grant.office.id,
    ports.subjectRequests.newId(now),
    {
      ...(client ? { clientId: client.id, clientName: client.fullName } : {}),
      ...(input.requesterName ? { requesterName: input.requesterName } : {}),
      kind: input.kind,
      channel: input.channel,
      details: input.details,
      receivedAt: receivedAt.toISOString(),
      deadline: requestDeadline(input.kind, receivedAt).toISOString(),
    },
    actorOf(grant, now),
  );
  return viewRequest(now)(record);
}

/** A request of the caller's office; refuses not-found for anyone else's. */
export async function loadRequest(
  ports: Pick<Ports, 'subjectRequests'>,
  grant: OfficeGrant,
  requestId: string,
): Promise<SubjectRequestRecord> {
  return found(
    await ports.subjectRequests.get(grant.office.id, requestId),
    'No such request in this office.',
  );
}

export async function getRequest(
  ports: Pick<Ports, 'subjectRequests' | 'now'>,
  grant: OfficeGrant,
  requestId: string,
): Promise<SubjectRequestView> {
  return viewRequest(ports.now())(await loadRequest(ports, grant, requestId));
}

/** A page of the log: open requests first, by deadline; or those of one status. */
export async function listRequests(
  ports: Pick<Ports, 'subjectRequests' | 'now'>,
  grant: OfficeGrant,
  input: { readonly status?: SubjectRequestStatus; readonly page: PageRequest },
): Promise<Page<SubjectRequestView>> {
  const page = await ports.subjectRequests.list(grant.office.id, input.status, input.page);
  return { items: page.items.map(viewRequest(ports.now())), lastKey: page.lastKey };
}

/**
 * Answers a request: answered (with a note, and the export or correction that answered it), or refused
 * with a reason (PDP-REQUEST-REFUSAL). Only an open request (PDP-REQUEST-ANSWER-ONCE: conflict
 * otherwise); late is flagged, not refused. An `exportId` names an export of this office's.
 */
export async function answerRequest(
  ports: RequestPorts,
  grant: OfficeGrant,
  requestId: string,
  answer: RequestAnswer & { readonly correctionAuditId?: string },
): Promise<SubjectRequestView> {
  const current = await loadRequest(ports, grant, requestId);
  const now = ports.now();
  const decided = decideAnswer(current, answer, now);
  if (!decided.ok) {
    throw decided.conflict
      ? refuse.conflict('The request is no longer open.', decided.violations)
      : refuse.invalid(decided.violations);
  }
  const value = {
    ...decided.value,
    ...(answer.correctionAuditId ? { correctionAuditId: answer.correctionAuditId } : {}),
  };
  try {
    const record = await ports.subjectRequests.answer(current, value, actorOf(grant, now));
    return viewRequest(now)(record);
  } catch (error) {
    if (error instanceof WriteConflict)
      throw refuse.conflict('The request was answered meanwhile; reload it.');
    throw error;
  }
}
