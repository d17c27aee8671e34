import { monotonicFactory } from 'ulidx';

const ulid = monotonicFactory();

export interface FieldChange {
  /** Dotted path, e.g. `sentence.hours`. */
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditEntry {
  readonly officeId: string;
  /** Principal id: a username, or `client:<id>` for a machine client. */
  readonly actor: string;
  /** Verb in `<subject>.<verb>` form, e.g. `user.create`, `case.transition`, `client.reveal-nik`. */
  readonly action: string;
  readonly subject: { readonly type: string; readonly id: string };
  /**
   * The record of the subject the change is about (a case's session, placement, warning, referral or
   * evidence), named even when its id did not change: webhook events (functions/webhooks) carry it.
   */
  readonly record?: { readonly type: string; readonly id: string };
  readonly changes: readonly FieldChange[];
  readonly reason?: string;
  /** `import`: written by a spreadsheet import's job (issue 22); its webhook events say so. */
  readonly source?: 'import';
  readonly at: Date;
}

/** Where the audit trail of one subject lives: one Query reads it, newest first. */
export const auditPartition = (officeId: string, subject: { type: string; id: string }) =>
  `O#${officeId}#AUDIT#${subject.type}#${subject.id}`;

/**
 * The audit item for a change. Callers put it in the same transaction as the change itself, so a
 * change without its audit entry (or the reverse) cannot exist. gsi1 gives the office-wide log.
 */
export function auditItem(entry: AuditEntry): Record<string, unknown> {
  const at = entry.at.toISOString();
  const id = ulid(entry.at.getTime());
  return {
    pk: auditPartition(entry.officeId, entry.subject),
    sk: `AUDIT#${at}#${id}`,
    gsi1pk: `O#${entry.officeId}#AUDIT`,
    gsi1sk: `${at}#${id}`,
    type: 'audit',
    id,
    at,
    actor: entry.actor,
    action: entry.action,
    subjectType: entry.subject.type,
    subjectId: entry.subject.id,
    ...(entry.record ? { recordType: entry.record.type, recordId: entry.record.id } : {}),
    changes: entry.changes,
    ...(entry.reason ? { reason: entry.reason } : {}),
    ...(entry.source ? { source: entry.source } : {}),
  };
}

/** Bookkeeping fields no reader of an audit trail needs to see change. */
const BOOKKEEPING = ['version', 'createdAt', 'updatedAt'];

/**
 * The audit entry of one record changing from `before` (undefined when created) to `after`, with the
 * field-level differences and without bookkeeping fields.
 */
export function changeEntry(input: {
  officeId: string;
  action: string;
  subject: { type: string; id: string };
  before: object | undefined;
  after: object;
  actor: { actor: string; at: Date; reason?: string };
  ignore?: readonly string[];
}): AuditEntry {
  return {
    officeId: input.officeId,
    actor: input.actor.actor,
    at: input.actor.at,
    reason: input.actor.reason,
    action: input.action,
    subject: input.subject,
    changes: fieldChanges(
      input.before as Record<string, unknown> | undefined,
      input.after as Record<string, unknown>,
      { ignore: [...BOOKKEEPING, ...(input.ignore ?? [])] },
    ),
  };
}

/**
 * Field-level differences between two versions of a record. Arrays and leaves compare by value;
 * `mask` replaces the values of sensitive fields (e.g. NIK) so the audit trail never copies them.
 */
export function fieldChanges(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
  options: { mask?: Readonly<Record<string, (value: unknown) => unknown>>; ignore?: readonly string[] } = {},
): FieldChange[] {
  const left = flatten(before ?? {});
  const right = flatten(after ?? {});
  const ignore = new Set(options.ignore ?? []);
  const fields = [...new Set([...left.keys(), ...right.keys()])].filter((f) => !ignore.has(f)).sort();
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const a = left.get(field);
    const b = right.get(field);
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const mask = options.mask?.[field];
    changes.push({
      field,
      before: mask && a !== undefined ? mask(a) : (a ?? null),
      after: mask && b !== undefined ? mask(b) : (b ?? null),
    });
  }
  return changes;
}

function flatten(value: Record<string, unknown>, prefix = '', into = new Map<string, unknown>()) {
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child !== null && typeof child === 'object' && !Array.isArray(child)) {
      flatten(child as Record<string, unknown>, path, into);
    } else if (child !== undefined) {
      into.set(path, child);
    }
  }
  return into;
}

/** Sortable, unique ids for records and audit entries (ULID: time-ordered, 26 characters). */
export function newId(at: Date): string {
  return ulid(at.getTime());
}
