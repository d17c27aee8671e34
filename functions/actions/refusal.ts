import type { RuleId, RuleViolation } from '../domain';

/**
 * What a refusal names: the field, the message and, when a rule of the law or the business refused
 * it, the rule's id. A wrong reference (an id of another office) names the field and no rule.
 */
export type Violation = Omit<RuleViolation, 'rule'> & { readonly rule?: RuleId };

/** Why a use case did not do what it was asked. The API maps each kind to one HTTP status, in one place. */
export type RefusalKind =
  /** The record does not exist, or the caller may not know it exists (another office, another site). */
  | 'not-found'
  /** The domain refused the input: each violation names the field and the rule id. */
  | 'invalid'
  /** The record's state does not allow it (a closed case, a used username, a full site). */
  | 'conflict'
  /** The caller's copy is stale: the version they read is no longer the current one. */
  | 'stale'
  /** Concurrent writes kept winning; the caller should retry shortly. */
  | 'busy'
  /** The caller's grant does not allow this on this record. */
  | 'forbidden';

/**
 * A use case's refusal. Use cases return their value or throw a `Refusal`; they know nothing of HTTP.
 * Anything else thrown is a fault (store outage, bug), never a refusal.
 */
export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    detail: string,
    readonly violations: readonly Violation[] = [],
  ) {
    super(detail);
    this.name = 'Refusal';
  }
}

/** The refusals use cases throw, named for what happened. */
export const refuse = {
  notFound: (detail = 'No such resource.') => new Refusal('not-found', detail),
  invalid: (
    violations: readonly Violation[],
    detail = 'The request breaks a rule of the sentence or the law.',
  ) => new Refusal('invalid', detail, violations),
  conflict: (detail: string, violations: readonly Violation[] = []) =>
    new Refusal('conflict', detail, violations),
  stale: (detail = 'The resource has changed since you read it; reload and try again.') =>
    new Refusal('stale', detail),
  busy: (detail: string) => new Refusal('busy', detail),
  forbidden: (detail = 'Your role does not allow this action.') => new Refusal('forbidden', detail),
};

/** `record` when there is one, else a not-found refusal with `detail`. */
export function found<T>(record: T | undefined, detail: string): T {
  if (record === undefined) throw refuse.notFound(detail);
  return record;
}
