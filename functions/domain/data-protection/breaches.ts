/**
 * The breach register (kegagalan pelindungan data pribadi, UU 27/2022 Pasal 46): what happened, when the
 * office discovered it, which offices and which kinds of records it touched, and the written notices to
 * the data subjects and to the authority that the law wants within 3 × 24 hours of discovery. Why the
 * clock runs from discovery and how affected clients are found: docs/adr/0022-breach-register.md.
 */
import { Rule, joinPath, resultOf, violation, type Result, type RuleViolation } from '../rules';
import { RETENTION_RECORD_TYPES, type RetentionRecordType } from './retention-schedule';

/** Pasal 46 ayat (1): notice "paling lambat 3 x 24 (tiga kali dua puluh empat) jam". */
export const BREACH_NOTICE_HOURS = 72;
const HOUR_MS = 3_600_000;

/** Every office named gets its own copy in the breach's one transaction (at most 100 items). */
export const BREACH_MAX_OFFICES = 96;

/** The kinds of records a breach may touch: the retention schedule's list, so both speak alike. */
export const BREACH_RECORD_TYPES = RETENTION_RECORD_TYPES;
export type BreachRecordType = RetentionRecordType;

/** open: a notice is still due; notified: both notices recorded; closed: closed with its evidence. */
export const BREACH_STATUSES = ['open', 'notified', 'closed'] as const;
export type BreachStatus = (typeof BREACH_STATUSES)[number];

/** Who must be told (Pasal 46 ayat (1) huruf a and b). */
export const BREACH_AUDIENCES = ['subjects', 'authority'] as const;
export type BreachAudience = (typeof BREACH_AUDIENCES)[number];

/** How a notice went out; Pasal 46 asks for a written notice, so each is a written channel. */
export const BREACH_NOTICE_CHANNELS = ['letter', 'email', 'sms', 'portal', 'website', 'other'] as const;
export type BreachNoticeChannel = (typeof BREACH_NOTICE_CHANNELS)[number];

/** What an admin states when opening a breach; instants are ISO-8601 UTC. */
export interface BreachReport {
  readonly what: string;
  readonly discoveredAt: string;
  readonly exposure: { readonly from: string; readonly to: string };
  readonly officeIds: readonly string[];
  readonly recordTypes: readonly BreachRecordType[];
  /** The principal id (username) whose access is suspected, when one is. */
  readonly suspectActor?: string;
}

export interface BreachNoticeInput {
  readonly audience: BreachAudience;
  readonly sentAt: string;
  readonly channel: BreachNoticeChannel;
  readonly reference: string;
  readonly note?: string;
}

/** A recorded notice: `late` when it went out after the deadline (recorded all the same). */
export interface BreachNotice extends BreachNoticeInput {
  readonly late: boolean;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

export interface BreachClosingInput {
  readonly summary: string;
  readonly evidence: readonly { readonly description: string; readonly reference: string }[];
}

export interface BreachClosing extends BreachClosingInput {
  readonly closedAt: string;
  readonly closedBy: string;
}

/** What the clock and the status are decided on. */
export interface BreachState {
  readonly discoveredAt: string;
  readonly notices: Partial<Readonly<Record<BreachAudience, BreachNotice>>>;
  readonly closing?: BreachClosing;
}

/** What the clock reads: when it was discovered, which notices exist, whether it is closed. */
export interface ClockState {
  readonly discoveredAt: string;
  readonly notices: Partial<Readonly<Record<BreachAudience, unknown>>>;
  readonly closing?: unknown;
}

/** PDP-BREACH-CLOCK: discovery plus 3 × 24 hours. */
export const noticeDeadline = (discoveredAt: string): string =>
  new Date(Date.parse(discoveredAt) + BREACH_NOTICE_HOURS * HOUR_MS).toISOString();

/** The audiences no notice has been recorded for yet. */
export const pendingAudiences = (state: Pick<ClockState, 'notices'>): BreachAudience[] =>
  BREACH_AUDIENCES.filter((audience) => state.notices[audience] === undefined);

export function breachStatus(state: BreachState): BreachStatus {
  if (state.closing) return 'closed';
  return pendingAudiences(state).length === 0 ? 'notified' : 'open';
}

/**
 * PDP-BREACH-CLOCK as a person reads it: the deadline, the whole hours left (negative once overdue),
 * and who is still to be told. The clock stops when both notices are recorded.
 */
export function breachClock(state: ClockState, now: Date) {
  const deadline = noticeDeadline(state.discoveredAt);
  const pending = pendingAudiences(state);
  const msLeft = Date.parse(deadline) - now.getTime();
  return {
    deadline,
    running: pending.length > 0 && !state.closing,
    pending,
    /** Whole hours left, rounded down; -1 as soon as the deadline passed. */
    hoursLeft: Math.floor(msLeft / HOUR_MS),
    overdue: msLeft < 0,
  };
}

/** A little slack for a browser's clock, so "sent just now" from a device slightly ahead is not refused. */
const CLOCK_SKEW_MS = 5 * 60_000;
const isInstant = (value: string) => !Number.isNaN(Date.parse(value));

/**
 * PDP-BREACH-REPORT: a breach says what happened, was discovered no later than now, was exposed from a
 * time no later than its discovery until a time no earlier than that start and no later than now, names
 * the office recording it among at most 96 distinct offices, and at least one kind of record.
 */
export function checkBreachReport(
  report: BreachReport,
  context: { readonly officeId: string; readonly now: Date },
): Result<BreachReport> {
  const found: RuleViolation[] = [];
  const bad = (path: string, message: string) => found.push(violation(Rule.PDP_BREACH_REPORT, path, message));
  const now = context.now.getTime() + CLOCK_SKEW_MS;
  if (report.what.trim() === '') bad('what', 'Say what happened.');
  const discovered = Date.parse(report.discoveredAt);
  if (!isInstant(report.discoveredAt)) bad('discoveredAt', 'discoveredAt is an ISO-8601 instant.');
  else if (discovered > now) bad('discoveredAt', 'A breach is not discovered in the future.');
  const from = Date.parse(report.exposure.from);
  const to = Date.parse(report.exposure.to);
  if (from > discovered) bad('exposure.from', 'The exposure starts no later than its discovery.');
  if (to < from) bad('exposure.to', 'The exposure ends no earlier than it starts.');
  if (to > now) bad('exposure.to', 'The exposure window ends no later than now; update it as it is known.');
  const offices = new Set(report.officeIds);
  if (offices.size !== report.officeIds.length) bad('officeIds', 'Name each office once.');
  if (!offices.has(context.officeId))
    bad('officeIds', 'The office recording the breach is among those named.');
  if (offices.size > BREACH_MAX_OFFICES) bad('officeIds', `At most ${BREACH_MAX_OFFICES} offices.`);
  if (report.recordTypes.length === 0) bad('recordTypes', 'Name at least one kind of record.');
  report.recordTypes.forEach((type, i) => {
    if (!BREACH_RECORD_TYPES.includes(type)) bad(joinPath('recordTypes', i), `Unknown record type ${type}.`);
  });
  return resultOf(found, () => ({ ...report, recordTypes: [...new Set(report.recordTypes)] }));
}

/**
 * PDP-BREACH-CLOCK for a notice: one per audience, on a breach not yet closed, sent no earlier than the
 * discovery and not in the future. A notice sent after the deadline is recorded and flagged `late`,
 * never refused: a late notice is still owed, and refusing it would hide that it was given.
 */
export function decideNotice(
  state: BreachState,
  input: BreachNoticeInput,
  by: { readonly actor: string; readonly now: Date },
): Result<BreachNotice> {
  const found: RuleViolation[] = [];
  const bad = (path: string, message: string) => found.push(violation(Rule.PDP_BREACH_CLOCK, path, message));
  if (state.closing) bad('audience', 'The breach is closed.');
  if (state.notices[input.audience]) bad('audience', `The notice to ${input.audience} is already recorded.`);
  const sent = Date.parse(input.sentAt);
  if (!isInstant(input.sentAt)) bad('sentAt', 'sentAt is an ISO-8601 instant.');
  else if (sent > by.now.getTime() + CLOCK_SKEW_MS) bad('sentAt', 'A notice is not sent in the future.');
  else if (sent < Date.parse(state.discoveredAt))
    bad('sentAt', 'A notice is sent no earlier than the discovery.');
  return resultOf(found, () => ({
    ...input,
    sentAt: new Date(sent).toISOString(),
    late: sent > Date.parse(noticeDeadline(state.discoveredAt)),
    recordedAt: by.now.toISOString(),
    recordedBy: by.actor,
  }));
}

/**
 * PDP-BREACH-CLOSE: a breach closes once both notices are recorded, with a summary of what was done and
 * at least one piece of evidence (a reference another person can find); a closed breach stays closed.
 */
export function decideClosing(
  state: BreachState,
  input: BreachClosingInput,
  by: { readonly actor: string; readonly now: Date },
): Result<BreachClosing> {
  const found: RuleViolation[] = [];
  const bad = (path: string, message: string) => found.push(violation(Rule.PDP_BREACH_CLOSE, path, message));
  if (state.closing) bad('summary', 'The breach is already closed.');
  for (const audience of pendingAudiences(state)) {
    bad('notices', `Record the notice to ${audience} before closing.`);
  }
  if (input.summary.trim() === '') bad('summary', 'Summarise what was done.');
  if (input.evidence.length === 0) bad('evidence', 'Give at least one piece of evidence.');
  input.evidence.forEach((item, i) => {
    if (item.description.trim() === '') bad(joinPath(`evidence.${i}`, 'description'), 'Describe it.');
    if (item.reference.trim() === '') bad(joinPath(`evidence.${i}`, 'reference'), 'Say where it is.');
  });
  return resultOf(found, () => ({ ...input, closedAt: by.now.toISOString(), closedBy: by.actor }));
}

/** One office-wide audit entry as the affected-clients reader needs it. */
export interface AuditTouch {
  readonly at: string;
  readonly actor: string;
  readonly subjectType: string;
  readonly subjectId: string;
}

/** A client or a case an audit entry names: what an affected client is derived from. */
export type TouchedRecord = { readonly kind: 'client' | 'case'; readonly id: string };

/**
 * The clients and cases audit entries touched inside the exposure window (both ends included), by the
 * suspect only when one is named, each once, in the entries' order. Entries about a case's evidence
 * list count as the case; other subjects (partners, sites, users) hold no client's data. It stops
 * before the entry that would make more than `max` records, and says how many entries it consumed,
 * so a page of answers can end where the next one starts.
 */
export function touchedRecords(
  entries: readonly AuditTouch[],
  window: { readonly from: string; readonly to: string; readonly actor?: string },
  max = Number.POSITIVE_INFINITY,
): { records: TouchedRecord[]; consumed: number } {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const seen = new Map<string, TouchedRecord>();
  let consumed = 0;
  for (const entry of entries) {
    const at = Date.parse(entry.at);
    const inWindow = at >= from && at <= to && (window.actor === undefined || entry.actor === window.actor);
    const kind = !inWindow
      ? undefined
      : entry.subjectType === 'client'
        ? 'client'
        : CASE_SUBJECTS.has(entry.subjectType)
          ? 'case'
          : undefined;
    const key = `${kind}#${entry.subjectId}`;
    if (kind && !seen.has(key)) {
      if (seen.size >= max) break;
      seen.set(key, { kind, id: entry.subjectId });
    }
    consumed += 1;
  }
  return { records: [...seen.values()], consumed };
}

const CASE_SUBJECTS = new Set(['case', 'case-evidence']);
