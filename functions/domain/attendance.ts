/**
 * Session outcomes as reference data with flags, after the UK Community Payback model: code branches on
 * the flags, never on the outcome name, so adding an outcome is a data change.
 *
 * Keys are English and stable (they are stored and sent over the API); Bahasa labels live in the web
 * app's message catalogue.
 */

export interface OutcomeFlags {
  /** The client was present and worked. */
  readonly attended: boolean;
  /**
   * A breach the officer may act on (warning, referral to the jaksa): absence without lawful reason
   * (tanpa alasan yang sah, KUHP 85(7)).
   */
  readonly enforceable: boolean;
  /** The session's time counts towards the ordered hours (subject to the crediting caps). */
  readonly credits: boolean;
}

/**
 * `partial` (came late or left early) credits the time actually worked and is **not** enforceable by
 * itself: leaving early is often lawful (illness, school), and the recorded times already limit the
 * credit. Where leaving was misconduct, the officer flags the session as misconduct and a warning may
 * cite it (see warnings.ts), so the decision is a person's, not the outcome code's.
 */
export const SESSION_OUTCOMES = {
  attended: { attended: true, enforceable: false, credits: true },
  partial: { attended: true, enforceable: false, credits: true },
  excused_absence: { attended: false, enforceable: false, credits: false },
  unexcused_absence: { attended: false, enforceable: true, credits: false },
} as const satisfies Record<string, OutcomeFlags>;

export type SessionOutcome = keyof typeof SESSION_OUTCOMES;

export const SESSION_OUTCOME_KEYS = Object.keys(SESSION_OUTCOMES) as SessionOutcome[];

export const isSessionOutcome = (value: unknown): value is SessionOutcome =>
  typeof value === 'string' && Object.hasOwn(SESSION_OUTCOMES, value);

/** The flags of an outcome. */
export const outcomeFlags = (outcome: SessionOutcome): OutcomeFlags => SESSION_OUTCOMES[outcome];
