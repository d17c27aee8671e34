/**
 * Requests a data subject makes of an office (UU 27/2022 Pasal 5-13: the subject's rights; Pasal 30-32:
 * the controller's duty to act on them), as the office's request log keeps them: what was asked, when it
 * was received, the deadline the law sets, and how it was answered.
 *
 * The log never refuses a late answer: an office that answers after the deadline must still answer, and
 * the record says it was late (`overdue`), so the lateness is visible rather than hidden.
 */
import type { RuleViolation } from '../rules';

/**
 * What the subject asks for, as the law's rights group them:
 * - `access`: to see and get a copy of their data (Pasal 7; the controller's duty, Pasal 32);
 * - `correction`: to complete, update or correct it (Pasal 6; Pasal 30);
 * - `erasure`: to end processing and delete or destroy it (Pasal 8; Pasal 43-44);
 * - `restriction`: to delay or restrict processing, or object to it (Pasal 10-11; Pasal 41).
 */
export const SUBJECT_REQUEST_KINDS = ['access', 'correction', 'erasure', 'restriction'] as const;
export type SubjectRequestKind = (typeof SUBJECT_REQUEST_KINDS)[number];

/** How the request reached the office. */
export const SUBJECT_REQUEST_CHANNELS = ['in_person', 'letter', 'email', 'phone', 'other'] as const;
export type SubjectRequestChannel = (typeof SUBJECT_REQUEST_CHANNELS)[number];

export const SUBJECT_REQUEST_STATUSES = ['open', 'answered', 'refused'] as const;
export type SubjectRequestStatus = (typeof SUBJECT_REQUEST_STATUSES)[number];

/**
 * Hours from receipt within which the office must act: "paling lambat 3 x 24 (tiga kali dua puluh
 * empat) jam" in UU 27/2022 Pasal 30-32 as we read them, counted in hours from the instant received,
 * not in working days. One constant for every kind; counsel should confirm it per kind (the erasure and
 * restriction articles are worded differently, and an implementing regulation may set other periods),
 * and a different period per kind is a change here alone.
 */
export const SUBJECT_REQUEST_RESPONSE_HOURS: Readonly<Record<SubjectRequestKind, number>> = {
  access: 72,
  correction: 72,
  erasure: 72,
  restriction: 72,
};

/** The article each kind's duty rests on, as printed in the log and the ADR. */
export const SUBJECT_REQUEST_ARTICLES: Readonly<Record<SubjectRequestKind, string>> = {
  access: 'UU 27/2022 Pasal 7 dan Pasal 32',
  correction: 'UU 27/2022 Pasal 6 dan Pasal 30',
  erasure: 'UU 27/2022 Pasal 8 dan Pasal 43-44',
  restriction: 'UU 27/2022 Pasal 11 dan Pasal 41',
};

const HOUR = 3_600_000;

/** The legal deadline of a request received at `receivedAt` (PDP-REQUEST-DEADLINE). */
export const requestDeadline = (kind: SubjectRequestKind, receivedAt: Date): Date =>
  new Date(receivedAt.getTime() + SUBJECT_REQUEST_RESPONSE_HOURS[kind] * HOUR);

/** What the clock of a request says at `now`. */
export interface RequestClock {
  readonly deadline: string;
  /** Whole hours left before the deadline while the request is open (0 once past it). */
  readonly hoursLeft?: number;
  /** Open past its deadline, or answered after it: recorded and shown, never a refusal. */
  readonly overdue: boolean;
}

/** The fields of a request its clock is read from. */
export interface ClockedRequest {
  readonly kind: SubjectRequestKind;
  readonly receivedAt: string;
  readonly status: SubjectRequestStatus;
  readonly answeredAt?: string;
}

/**
 * PDP-REQUEST-DEADLINE: the deadline, the hours left and whether the request is (or was answered)
 * overdue. An open request is overdue once `now` is past the deadline; an answered one if its answer
 * came after it.
 */
export function requestClock(request: ClockedRequest, now: Date): RequestClock {
  const deadline = requestDeadline(request.kind, new Date(request.receivedAt));
  if (request.status !== 'open') {
    const answeredAt = new Date(request.answeredAt ?? request.receivedAt);
    return { deadline: deadline.toISOString(), overdue: answeredAt.getTime() > deadline.getTime() };
  }
  const left = deadline.getTime() - now.getTime();
  return {
    deadline: deadline.toISOString(),
    hoursLeft: Math.max(0, Math.floor(left / HOUR)),
    overdue: left < 0,
  };
}

/**
 * PDP-REQUEST-DEADLINE: a request is logged with the instant it was received, which the deadline counts
 * from, so that instant cannot lie in the future (a few minutes of clock skew between a device and the
 * server are allowed).
 */
export function checkReceivedAt(receivedAt: Date, now: Date): RuleViolation[] {
  const SKEW = 5 * 60_000;
  return receivedAt.getTime() > now.getTime() + SKEW
    ? [
        {
          rule: 'PDP-REQUEST-DEADLINE',
          path: 'receivedAt',
          message: 'A request cannot be received in the future: the deadline counts from its receipt.',
        },
      ]
    : [];
}

/** How an office answers a request. */
export interface RequestAnswer {
  readonly outcome: Exclude<SubjectRequestStatus, 'open'>;
  readonly note: string;
  /** Why it was refused (e.g. UU 27/2022 Pasal 15: law enforcement); required for a refusal. */
  readonly reason?: string;
  /** The subject's export that answers an access request. */
  readonly exportId?: string;
}

/** What an answer writes on the request. */
export interface AnsweredFields {
  readonly status: Exclude<SubjectRequestStatus, 'open'>;
  readonly answeredAt: string;
  readonly note: string;
  readonly reason?: string;
  readonly exportId?: string;
  /** Answered after the deadline (PDP-REQUEST-DEADLINE): kept on the record for the office's report. */
  readonly overdue: boolean;
}

/**
 * An answer to a request. PDP-REQUEST-ANSWER-ONCE: only an open request is answered (an answer is the
 * record of what the office did; a change of mind is a new request). PDP-REQUEST-REFUSAL: a refusal
 * names its reason. PDP-REQUEST-DEADLINE: a late answer is accepted and marked overdue.
 */
export function answerRequest(
  request: ClockedRequest,
  answer: RequestAnswer,
  now: Date,
): { ok: true; value: AnsweredFields } | { ok: false; violations: RuleViolation[]; conflict: boolean } {
  if (request.status !== 'open') {
    return {
      ok: false,
      conflict: true,
      violations: [
        {
          rule: 'PDP-REQUEST-ANSWER-ONCE',
          path: 'outcome',
          message: `The request was already ${request.status}; log a new request to answer it again.`,
        },
      ],
    };
  }
  const reason = answer.reason?.trim();
  if (answer.outcome === 'refused' && !reason) {
    return {
      ok: false,
      conflict: false,
      violations: [
        {
          rule: 'PDP-REQUEST-REFUSAL',
          path: 'reason',
          message: 'A refusal names its reason, e.g. UU 27/2022 Pasal 15 (law enforcement).',
        },
      ],
    };
  }
  const deadline = requestDeadline(request.kind, new Date(request.receivedAt));
  return {
    ok: true,
    value: {
      status: answer.outcome,
      answeredAt: now.toISOString(),
      note: answer.note,
      ...(reason ? { reason } : {}),
      ...(answer.exportId ? { exportId: answer.exportId } : {}),
      overdue: now.getTime() > deadline.getTime(),
    },
  };
}

/** Why an export cannot answer a request, or `undefined` when it can. */
export type ExportMismatch = 'not-open' | 'not-access' | 'other-client';

/**
 * Whether an export of `clientId` may answer `request`: an open (PDP-REQUEST-ANSWER-ONCE) access
 * request about that client, or about nobody named yet.
 */
export function exportMismatch(
  request: ClockedRequest & { readonly clientId?: string },
  clientId: string,
): ExportMismatch | undefined {
  if (request.status !== 'open') return 'not-open';
  if (request.kind !== 'access') return 'not-access';
  if (request.clientId && request.clientId !== clientId) return 'other-client';
  return undefined;
}
