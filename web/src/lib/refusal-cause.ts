/**
 * Why the API refused a record a supervisor made offline, as a cause the screens put in words
 * (refusal-reason.ts). No messages here, so it is unit-tested on its own
 * (test/unit/web/offline-refusals.test.ts).
 */

/** The API's answer as the device kept it and the office received it. */
export interface RefusalAnswer {
  readonly status: number;
  readonly title: string;
  readonly detail?: string | undefined;
  readonly fields?: readonly string[] | undefined;
  readonly rules?: readonly string[] | undefined;
}

/**
 * Why a record was refused, from the answer the app received:
 * - `case-changed`: 409 (the case closed, or its status changed) or a stale version (412, 428);
 * - `case-hidden`: 404, the case (or session) no longer visible to the sender, e.g. moved to another site;
 * - `not-allowed`: 403, the sender's role no longer allows it;
 * - `rule`: 400 or 422 naming rules of the law or the office (their ids are in `rules`);
 * - `invalid`: 400 or 422 naming only fields;
 * - `other`: anything else (too large, too many requests).
 */
export type RefusalCause = 'case-changed' | 'case-hidden' | 'not-allowed' | 'rule' | 'invalid' | 'other';

export function refusalCause(answer: Pick<RefusalAnswer, 'status' | 'rules'>): RefusalCause {
  const { status } = answer;
  if (status === 409 || status === 412 || status === 428) return 'case-changed';
  if (status === 404) return 'case-hidden';
  if (status === 403) return 'not-allowed';
  if (status === 400 || status === 422) return answer.rules?.length ? 'rule' : 'invalid';
  return 'other';
}
