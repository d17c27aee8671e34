/**
 * The catalogue of legal and business rules the domain enforces, and the one result shape every domain
 * decision returns.
 *
 * Each rule has a stable id. Ids are part of the public contract: the HTTP layer puts them in
 * problem+json `errors[].rule`, the docs list them, and every id has at least one unit test whose name
 * starts with it (checked by `test/unit/domain/rules.test.ts`). Never rename an id; retire it instead.
 */

/** Rule id → one-line description (English) with its legal source where there is one. */
export const RULE_CATALOGUE = {
  'INPUT-FORMAT': 'Dates are YYYY-MM-DD, times HH:mm, numbers finite; malformed values are refused.',
  'TIME-RANGE': 'A session or schedule ends after it starts, on the same local date.',
  'ID-NIK': 'NIK is 16 digits: province, regency, district, birth date DDMMYY (women day+40), serial.',
  'ID-NIK-MATCH': "The NIK's birth date and sex agree with the client's recorded birth date and sex.",
  'ID-DECISION-NUMBER': 'Nomor putusan follows `number/type/year/PN code`, e.g. `231/Pid.B/2026/PN Mks`.',
  'KS-HOURS':
    'Hours ordered: kerja_sosial 8–240 (KUHP 85(4)), pelayanan_masyarakat 7–120 (SPPA 76(3)), whole.',
  'KS-ELIGIBILITY':
    'kerja_sosial needs a threatened maximum under 5 years and prison ≤ 6 months or fine ≤ Rp10,000,000 (KUHP 85(1)).',
  'KS-SANCTION':
    'The non-compliance sanction refers to something imposed: serve_prison needs a prison term, pay_fine a fine (85(7)).',
  'KS-START': 'The sentence starts on or after the decision date.',
  'KS-DEADLINE': 'The deadline is after the start and at most 180 days (6 × 30, KUHP 184) after it (85(5)).',
  'KS-PER-DAY': 'Hours per day 1–8 (KUHP 85(5)); for children at most the office limit (default 3).',
  'KS-DAYS-PER-WEEK': 'Days per week, when stated, is a whole number 1–7.',
  'KS-CONSENT': "The client's consent after explanation is recorded as given (KUHP 85(2)).",
  'KS-FEASIBLE': 'The ordered hours fit in the window at the per-day limit and days per week.',
  'KS-FINE-SUBSTITUTE':
    'An unpaid fine ≤ Rp10,000,000 converts to 1 hour per Rp50,000 or part, 8–240 hours; payment reduces it (KUHP 82).',
  'CHILD-CASE':
    'pelayanan_masyarakat needs a Pid.Sus-Anak decision and a client aged 12–17 on the decision date, and vice versa.',
  'PROGRESS-ON-TRACK': 'A case is on track when its remaining hours still fit before the deadline.',
  'CR-WINDOW': 'A session lies within the case window [startDate, deadline].',
  'CR-NOT-FUTURE': 'A session is not in the future (its date, or its end time today, has passed).',
  'CR-OVERLAP': 'A session does not overlap another session of the same client, in any case.',
  'CR-DAILY-CAP': "Credited time for one client on one local date never exceeds the case's hours per day.",
  'CR-TOTAL-CAP': 'Credited time for a case never exceeds the hours ordered.',
  'CR-ABSENCE-ZERO': 'Absences, excused or not, credit nothing.',
  'CR-CASE-STATUS':
    'Sessions are recorded and corrected only while the work is under way: placed, active, warned or repeated.',
  'CR-SESSION-SITE':
    "A session of a case placed at a work site takes place at that site (the case's current site).",
  'CR-OWN-SITE': 'A site supervisor records sessions only at their own work sites.',
  'LC-TRANSITION': 'A case moves only along the lifecycle in domain.md.',
  'LC-COMPLETE-HOURS': 'A case is completed only when no ordered hours remain.',
  'LC-REASON': 'Terminating a case needs a reason.',
  'LC-REFERRAL-OUTCOME':
    'A referred case leaves `referred` only by the recorded outcome of the jaksa/court (or termination).',
  'LC-SENTENCE-EDITABLE':
    'The decision and sentence may be corrected only while the case is received or assessed (before placement).',
  'LC-END-WARNINGS':
    'A case that ends (leaves the open statuses) resolves its open warnings in the same write.',
  'CL-BIRTH-DATE': "A client's birth date is not in the future.",
  'CL-GUARDIAN': 'A child client (under 18, Anak) has a guardian (wali) on record.',
  'CL-NIK-UNIQUE': 'A NIK belongs to at most one client of an office.',
  'CASE-CLIENT': 'A case is about a client registered in its own office.',
  'CASE-OFFICER': 'A case is run by an active probation officer (PK) of its own office.',
  'CASE-SITE-SCOPE': 'A site supervisor lists the cases of one of their own work sites at a time.',
  'WARN-LEVEL': 'A warning level is 1, 2 or 3.',
  'WARN-REASON': 'A warning states its reason.',
  'WARN-SESSIONS': 'Sessions cited by a warning belong to the case and are unexcused absences or misconduct.',
  'REFERRAL-NEEDS-WARNING': "A referral cites at least the office's minimum number of the case's warnings.",
  'REFERRAL-ONE-OUTCOME': 'A referral takes one outcome; a decided referral is not decided again.',
  'REFERRAL-OUTCOME-DATE': "A referral's outcome is decided on or after the referral and not after today.",
  'PL-NONCOMMERCIAL': 'A placement is only with a non-commercial partner (KUHP 85(3)).',
  'PL-AGREEMENT': "The partner's agreement (PKS) is valid for the whole placement period.",
  'PL-SITE-ACTIVE': 'A placement is only at an active site.',
  'PL-CAPACITY': "A placement does not exceed the site's capacity on any of its weekdays.",
  'PL-PER-DAY': "A placement's daily schedule fits the case's hours per day.",
  'PL-WINDOW': 'A placement period lies within the case window, and starts no later than it ends.',
  'PL-WEEKDAYS': 'Placement weekdays are a non-empty list of distinct ISO weekdays 1 (Monday) – 7 (Sunday).',
  'PKS-STATUS':
    'An agreement (PKS) is not yet valid before its first day, expired after its last, expiring within 30 days of it, else valid.',
  'SITE-PARTNER': "A work site belongs to one of its office's partners.",
  'SITE-CAPACITY': "A site's capacity is never below its placements on the busiest weekday.",
  'USER-ONE-MEMBERSHIP': 'A person is a member of an office at most once.',
  'USER-SUPERVISOR-SITES': "A supervisor's membership names at least one work site; other roles name none.",
  'USER-NOT-SELF': 'An admin cannot disable their own account.',
  'EV-TYPE':
    'Evidence is JPEG, PNG, WebP, HEIC or PDF (a photo an image), and its bytes are of the declared type.',
  'EV-SIZE':
    "Evidence is at least 1 byte and at most the deployment's upload limit (default 20 MB), as declared.",
  'EV-CHECKSUM': 'The stored bytes have exactly the declared size and SHA-256.',
  'EV-LOCATION': "A photo's location lies within its session site's radius (a warning, never a rejection).",
  'EV-TIME':
    "A photo's capture time lies within its session's hours, ±30 minutes (a warning, never a rejection).",
  'EV-DUPLICATE': 'The same bytes uploaded twice for one case are flagged (a warning, never a rejection).',
  'EV-SESSION':
    "Evidence names a session of its case; a site supervisor's names one at their own site, always.",
  'EV-VERDICT':
    'Only pending or expired evidence takes a verdict from its bytes; verified and rejected are final.',
  'EV-DOWNLOAD': 'Only verified evidence is offered for download or as a thumbnail.',
  'EV-EXPIRY': "An upload still pending after the deployment's expiry time (default 60 minutes) is expired.",
} as const satisfies Record<string, string>;

export type RuleId = keyof typeof RULE_CATALOGUE;

/** Every rule id, in catalogue order. */
export const RULE_IDS = Object.keys(RULE_CATALOGUE) as RuleId[];

/**
 * Named constants for the ids, so code can write `Rule.KS_HOURS` and a typo fails to compile.
 * @example violation(Rule.KS_HOURS, 'sentence.hours', 'Hours must be 8–240.')
 */
export const Rule = {
  INPUT_FORMAT: 'INPUT-FORMAT',
  TIME_RANGE: 'TIME-RANGE',
  ID_NIK: 'ID-NIK',
  ID_NIK_MATCH: 'ID-NIK-MATCH',
  ID_DECISION_NUMBER: 'ID-DECISION-NUMBER',
  KS_HOURS: 'KS-HOURS',
  KS_ELIGIBILITY: 'KS-ELIGIBILITY',
  KS_SANCTION: 'KS-SANCTION',
  KS_START: 'KS-START',
  KS_DEADLINE: 'KS-DEADLINE',
  KS_PER_DAY: 'KS-PER-DAY',
  KS_DAYS_PER_WEEK: 'KS-DAYS-PER-WEEK',
  KS_CONSENT: 'KS-CONSENT',
  KS_FEASIBLE: 'KS-FEASIBLE',
  KS_FINE_SUBSTITUTE: 'KS-FINE-SUBSTITUTE',
  CHILD_CASE: 'CHILD-CASE',
  PROGRESS_ON_TRACK: 'PROGRESS-ON-TRACK',
  CR_WINDOW: 'CR-WINDOW',
  CR_NOT_FUTURE: 'CR-NOT-FUTURE',
  CR_OVERLAP: 'CR-OVERLAP',
  CR_DAILY_CAP: 'CR-DAILY-CAP',
  CR_TOTAL_CAP: 'CR-TOTAL-CAP',
  CR_ABSENCE_ZERO: 'CR-ABSENCE-ZERO',
  CR_CASE_STATUS: 'CR-CASE-STATUS',
  CR_SESSION_SITE: 'CR-SESSION-SITE',
  CR_OWN_SITE: 'CR-OWN-SITE',
  LC_TRANSITION: 'LC-TRANSITION',
  LC_COMPLETE_HOURS: 'LC-COMPLETE-HOURS',
  LC_REASON: 'LC-REASON',
  LC_REFERRAL_OUTCOME: 'LC-REFERRAL-OUTCOME',
  LC_SENTENCE_EDITABLE: 'LC-SENTENCE-EDITABLE',
  LC_END_WARNINGS: 'LC-END-WARNINGS',
  CL_BIRTH_DATE: 'CL-BIRTH-DATE',
  CL_GUARDIAN: 'CL-GUARDIAN',
  CL_NIK_UNIQUE: 'CL-NIK-UNIQUE',
  CASE_CLIENT: 'CASE-CLIENT',
  CASE_OFFICER: 'CASE-OFFICER',
  CASE_SITE_SCOPE: 'CASE-SITE-SCOPE',
  WARN_LEVEL: 'WARN-LEVEL',
  WARN_REASON: 'WARN-REASON',
  WARN_SESSIONS: 'WARN-SESSIONS',
  REFERRAL_NEEDS_WARNING: 'REFERRAL-NEEDS-WARNING',
  REFERRAL_ONE_OUTCOME: 'REFERRAL-ONE-OUTCOME',
  REFERRAL_OUTCOME_DATE: 'REFERRAL-OUTCOME-DATE',
  PL_NONCOMMERCIAL: 'PL-NONCOMMERCIAL',
  PL_AGREEMENT: 'PL-AGREEMENT',
  PL_SITE_ACTIVE: 'PL-SITE-ACTIVE',
  PL_CAPACITY: 'PL-CAPACITY',
  PL_PER_DAY: 'PL-PER-DAY',
  PL_WINDOW: 'PL-WINDOW',
  PL_WEEKDAYS: 'PL-WEEKDAYS',
  PKS_STATUS: 'PKS-STATUS',
  SITE_PARTNER: 'SITE-PARTNER',
  SITE_CAPACITY: 'SITE-CAPACITY',
  USER_ONE_MEMBERSHIP: 'USER-ONE-MEMBERSHIP',
  USER_SUPERVISOR_SITES: 'USER-SUPERVISOR-SITES',
  USER_NOT_SELF: 'USER-NOT-SELF',
  EV_TYPE: 'EV-TYPE',
  EV_SIZE: 'EV-SIZE',
  EV_CHECKSUM: 'EV-CHECKSUM',
  EV_LOCATION: 'EV-LOCATION',
  EV_TIME: 'EV-TIME',
  EV_DUPLICATE: 'EV-DUPLICATE',
  EV_SESSION: 'EV-SESSION',
  EV_VERDICT: 'EV-VERDICT',
  EV_DOWNLOAD: 'EV-DOWNLOAD',
  EV_EXPIRY: 'EV-EXPIRY',
} as const satisfies Record<string, RuleId>;

/**
 * One broken rule. `path` is the dotted path of the offending field in the API request body
 * (array items by index, as zod joins them: `weekdays.2`), so the HTTP layer can copy it into
 * problem+json `errors[{path, message, rule}]` unchanged.
 */
export interface RuleViolation {
  readonly rule: RuleId;
  readonly path: string;
  readonly message: string;
}

/** A domain decision: the value, or every rule the input broke (never just the first). */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly violations: RuleViolation[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(violations: RuleViolation[]): Result<T> => ({ ok: false, violations });

export const violation = (rule: RuleId, path: string, message: string): RuleViolation => ({
  rule,
  path,
  message,
});

/** `ok(value)` when no violations were collected, else `fail(violations)`. */
export const resultOf = <T>(violations: RuleViolation[], value: () => T): Result<T> =>
  violations.length === 0 ? ok(value()) : fail(violations);

/** Joins a base path and a key the way the API reports nested fields (`''` + `x` → `x`). */
export const joinPath = (base: string, key: string | number): string =>
  base === '' ? String(key) : `${base}.${key}`;
