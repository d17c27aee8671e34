/**
 * The webhook event catalogue (issue 13): which changes partner systems hear about, and what each
 * event says. Pure: it reads an audit entry (the record every change leaves in its own transaction,
 * ADR 0013) and names the events it means.
 *
 * Payloads carry ids, the new state and a link, never personal data: no NIK, name, address, phone,
 * no decision number, no free-text notes or reasons (a PK writes names into them). Each event type
 * lists the fields it may copy; anything else in the change is left behind.
 */

export const WEBHOOK_EVENT_TYPES = [
  'case.registered',
  'case.status_changed',
  'case.assessed',
  'case.completed',
  'placement.created',
  'placement.ended',
  'schedule.changed',
  'session.recorded',
  'session.verified',
  'warning.issued',
  'referral.created',
  'referral.outcome_recorded',
  'evidence.verified',
  'evidence.rejected',
  'document.issued',
  'case.withdrawn',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What an audit entry looks like to the catalogue (functions/store/audit.ts writes it). */
export interface AuditView {
  /** The entry's own id (a ULID): event ids derive from it, so a redelivered entry is the same event. */
  readonly id: string;
  readonly at: string;
  readonly officeId: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly recordType?: string;
  readonly recordId?: string;
  /** `import`: the change came from a spreadsheet import (issue 22), not from a person's request. */
  readonly source?: string;
  readonly changes: readonly {
    readonly field: string;
    readonly before?: unknown;
    readonly after?: unknown;
  }[];
}

export interface WebhookEvent {
  /** `msg_<audit id>[_<n>]`: the `webhook-id` receivers de-duplicate by; the same on every retry and replay. */
  readonly id: string;
  readonly type: WebhookEventType;
  readonly officeId: string;
  readonly caseId: string;
  readonly occurredAt: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The fields (of the change, by dotted path) each kind of record may lend an event, under their own names. */
const RECORD_FIELDS: Readonly<Record<string, readonly string[]>> = {
  session: ['date', 'startTime', 'endTime', 'outcome', 'creditedMinutes', 'verified', 'siteId'],
  placement: ['siteId', 'from', 'until', 'status', 'weekdays', 'startTime', 'endTime'],
  warning: ['level', 'status'],
  // A document's number is the register's, not a person's; its content stays behind the API.
  document: ['kind', 'number', 'replaces'],
  referral: ['status'],
  assessment: [],
  evidence: ['kind', 'status', 'rejectionReason', 'sessionId', 'sha256'],
};

/** Which audit actions mean which record event. */
const RECORD_EVENTS: Readonly<Record<string, WebhookEventType>> = {
  'case.create': 'case.registered',
  'assessment.create': 'case.assessed',
  'placement.create': 'placement.created',
  'placement.end': 'placement.ended',
  'case.schedule': 'schedule.changed',
  'session.create': 'session.recorded',
  'warning.create': 'warning.issued',
  'referral.create': 'referral.created',
  'referral.outcome': 'referral.outcome_recorded',
  'evidence.verify': 'evidence.verified',
  'evidence.reject': 'evidence.rejected',
  'document.issue': 'document.issued',
  // An import undone (issue 22): the case it brought in is taken back.
  'case.withdraw': 'case.withdrawn',
};

/** The events an audit entry means, in the order a receiver should apply them (none for most entries). */
export function eventsOfAudit(entry: AuditView): WebhookEvent[] {
  if (entry.subjectType !== 'case') return [];
  const changed = new Map(entry.changes.map((c) => [c.field, c]));
  const status = changed.get('status');
  const types: WebhookEventType[] = [];
  const recordEvent = RECORD_EVENTS[entry.action];
  if (recordEvent) types.push(recordEvent);
  // A correction that verifies a supervisor's session is when its hours start to count.
  if (
    entry.action.startsWith('session.') &&
    changed.get('session.verified')?.after === true &&
    !recordEvent
  ) {
    types.push('session.verified');
  }
  // A case's first entry and its withdrawal say what they are; no status change besides.
  if (status && entry.action !== 'case.create' && entry.action !== 'case.withdraw') {
    types.push('case.status_changed');
    if (status.after === 'completed') types.push('case.completed');
  }
  return types.map((type, n) => ({
    id: `msg_${entry.id}${n === 0 ? '' : `_${n}`}`,
    type,
    officeId: entry.officeId,
    caseId: entry.subjectId,
    occurredAt: entry.at,
    data: { ...dataOf(type, entry, changed), ...(entry.source ? { source: entry.source } : {}) },
  }));
}

type Changed = ReadonlyMap<string, { readonly before?: unknown; readonly after?: unknown }>;

function dataOf(type: WebhookEventType, entry: AuditView, changed: Changed): Record<string, unknown> {
  const caseId = entry.subjectId;
  const link = `/v1/offices/${entry.officeId}/cases/${caseId}`;
  const status = changed.get('status');
  const base: Record<string, unknown> = { officeId: entry.officeId, caseId, link };
  switch (type) {
    case 'case.registered':
      return { ...base, status: status?.after, kind: changed.get('sentence.kind')?.after };
    case 'case.status_changed':
      return { ...base, from: status?.before, to: status?.after };
    case 'case.completed':
      return { ...base, status: 'completed' };
    case 'case.withdrawn':
      return { ...base, status: null };
    case 'schedule.changed':
      return { ...base, slots: scheduleChanges(changed) };
    case 'referral.outcome_recorded': {
      const outcome = changed.get('referral.outcome')?.after as
        { decision?: unknown; decidedOn?: unknown } | undefined;
      const decision = outcome?.decision ?? changed.get('referral.outcome.decision')?.after;
      const decidedOn = outcome?.decidedOn ?? changed.get('referral.outcome.decidedOn')?.after;
      return { ...base, referralId: entry.recordId, decision, decidedOn };
    }
    default:
      return { ...base, ...recordData(entry, changed) };
  }
}

/**
 * The days whose slot a schedule change added, moved or removed (audit fields `slots.<date>`), each with
 * where and when it now is (none when removed): site and times only, as the audit entry keeps them.
 */
function scheduleChanges(changed: Changed) {
  return [...changed.entries()]
    .filter(([field]) => field.startsWith('slots.'))
    .map(([field, change]) => {
      const after = change.after as { siteId?: unknown; startTime?: unknown; endTime?: unknown } | null;
      return {
        date: field.slice('slots.'.length),
        ...(after ? { siteId: after.siteId, startTime: after.startTime, endTime: after.endTime } : {}),
      };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** `<record>Id` and the record's allowed fields as changed; credited minutes become hours, as the API shows them. */
function recordData(entry: AuditView, changed: Changed): Record<string, unknown> {
  const kind = entry.recordType;
  if (!kind || !entry.recordId) return {};
  const data: Record<string, unknown> = { [`${kind}Id`]: entry.recordId };
  for (const field of RECORD_FIELDS[kind] ?? []) {
    const change = changed.get(`${kind}.${field}`);
    if (!change || change.after === undefined) continue;
    if (field === 'creditedMinutes')
      data.hoursCredited = Math.round(((change.after as number) / 60) * 100) / 100;
    else data[field] = change.after;
  }
  return data;
}
