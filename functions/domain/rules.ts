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
  'ID-DECISION-NUMBER':
    'Nomor putusan of any level, in any letter case: `231/Pid.B/2026/PN Mks`, `45/Pid/2026/PT Mks`, `1234 K/Pid.Sus/2026`, `56 PK/Pid/2026`; types Pid.B, Pid.S, Pid.C, Pid.Sus, Pid.Sus-Anak, Pid.',
  'KS-HOURS':
    'Hours ordered: kerja_sosial 8–240 (KUHP 85(4)), pelayanan_masyarakat 7–120 (SPPA 76(3)), whole.',
  'KS-ELIGIBILITY':
    'kerja_sosial by decision needs a threatened maximum under 5 years (0 = fine only) and replaces prison ≤ 6 months or a fine ≤ Rp10,000,000 (KUHP 85(1)); a fine-only offence has no prison.',
  'KS-SANCTION':
    'The adult non-compliance sanction matches what the kerja sosial replaces: serve_prison the prison term, pay_fine the fine (85(7)(b)/(c)).',
  'KS-START': 'The sentence starts on or after the decision date.',
  'KS-DEADLINE':
    'The deadline is after the start; for adults at most 180 days counted from the start day inclusive (start + 179; 85(5), KUHP 184).',
  'KS-PER-DAY':
    "Hours per day 1–8 (KUHP 85(5)); for a child the court's order binds, above the office advisory it is flagged (CHILD-ADVISORY-HOURS).",
  'KS-DAYS-PER-WEEK': 'Days per week, when stated, is a whole number 1–7.',
  'KS-CONSENT':
    "The client's consent after explanation (85(2)) is weighed by the judge: Abdi records it and flags it when missing or refused, never refuses.",
  'KS-FEASIBLE': 'The ordered hours fit in the window at the per-day limit and days per week.',
  'KS-FINE-SUBSTITUTE':
    'An unpaid fine ≤ Rp10,000,000 converts to 1 hour per Rp50,000 or part, 8–240 hours; payment reduces it (KUHP 82).',
  'CHILD-CASE':
    'pelayanan_masyarakat needs a Pid.Sus-Anak (or generically numbered Pid) decision, and a Pid.Sus-Anak decision imposes pelayanan_masyarakat.',
  'KS-REPLACES':
    'A decision imposing prison and a fine says which one the kerja sosial replaces, and it replaces an imposed penalty (85(7)).',
  'CHILD-OFFENCE-AGE':
    "A child's case states the offence date; an Anak is 12 to under 18 at the offence (SPPA 1(3)).",
  'CHILD-UNDER-14':
    'A child under 14 at the offence receives only a tindakan, never pelayanan masyarakat (SPPA 69(2)).',
  'CHILD-ADULT-AT-DECISION':
    'Pelayanan masyarakat for a person aged 21 or more at the decision is flagged for the PK and the jaksa (SPPA 20).',
  'CHILD-PERIOD': "A child's conditional period is at most 3 years from the start (SPPA 73(6)).",
  'CHILD-SANCTION': "A child's non-compliance can only lead to repeating the hours (SPPA 76(2)).",
  'CHILD-ADVISORY-HOURS':
    "A child's order above the office's advisory hours a day (default 3) is flagged, never refused: the court's order binds.",
  'CHILD-SCHOOL-HOURS':
    "A child's session on a school day inside the office's school hours is flagged for the PK, never refused (SPPA 73(8)).",
  'OFFICE-POLICY':
    "An office's settings: a child's advisory hours a day 1–8, school days named once, school ending after it starts.",
  'ORIGIN-DIVERSION':
    'A diversion case is pelayanan_masyarakat registered from its penetapan number, with the agreement dated before it (SPPA 6-14).',
  'DIV-PERIOD':
    'Service agreed in diversion for an offence without a victim lasts at most 3 months (SPPA 10(2)).',
  'CONV-LEGAL-BASIS':
    'A conversion into kerja_sosial states its legal basis: KUHP 82, 92(3), 93(2), 94(2) or 96(4).',
  'PROGRESS-ON-TRACK': 'A case is on track when its remaining hours still fit before the deadline.',
  'CR-WINDOW': 'A session lies within the case window [startDate, deadline].',
  'CR-NOT-FUTURE': 'A session is not in the future (its date, or its end time today, has passed).',
  'CR-OVERLAP': 'A session does not overlap another session of the same client, in any case.',
  'CR-DAILY-CAP':
    "Credited time for one client on one local date never exceeds the case's hours per day (at most 8), less the time already worked that day in any of their cases: a clipped session still used the day.",
  'CR-TOTAL-CAP': 'Credited time for a case never exceeds the hours ordered.',
  'CR-ABSENCE-ZERO': 'Absences, excused or not, credit nothing.',
  'CR-CASE-STATUS':
    'Sessions are recorded and corrected only while the work is under way: placed, active, warned or repeated.',
  'CR-SESSION-SITE':
    'A session takes place at the site of a placement of its case in force on its date (within its period, on one of its weekdays).',
  'CR-SESSION-PARTNER':
    "A session's site belongs to a non-commercial partner (KUHP 85(3)) whose agreement (PKS) is valid on the session's date.",
  'CR-DAYS-PER-WEEK':
    "Work on a case takes at most the decision's days per week: work on a further day of the same ISO week is refused.",
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
  'LC-VIA-ASSESSMENT':
    'A case becomes assessed only by recording an assessment (Litmas), never by a bare status change.',
  'LC-VIA-PLACEMENT': 'A case becomes placed only by a placement at a work site.',
  'LC-VIA-WARNING': 'A case becomes warned only by a warning (teguran).',
  'LC-VIA-REFERRAL': 'A case becomes referred only by a referral to the jaksa.',
  'LC-CLOSE': 'A case is closed only after it has ended: completed, converted or terminated.',
  'AS-LITMAS': "An assessment's Litmas and the consent it records are not dated after today.",
  'AS-AVOID-KIND':
    'A placement with a kind of partner the latest assessment advises against is flagged, never refused.',
  'CHILD-LITMAS': "A child's case is placed only once its Litmas is recorded (SPPA 60(3)-(4)).",
  'CL-BIRTH-DATE': "A client's birth date is not in the future.",
  'CL-GUARDIAN': 'A child client (under 18, Anak) has a guardian (wali) on record.',
  'PDP-CHILD-AT-OFFENCE':
    "Children's protections follow the age at the offence (SPPA 1(3), 20), kept after the 18th birthday.",
  'PDP-RETENTION-CLOSURE':
    "Retention periods count from the case's closure; nothing of an open case is ever due.",
  'PDP-RETENTION-CLIENT-HOLD':
    "A client's own record, guardian, NIK reads and trail count from their last case's closure; an open case holds them.",
  'CL-NIK-UNIQUE': 'A NIK belongs to at most one client of an office.',
  'CL-NIK-MASK':
    'Outside an audited reveal a NIK shows only its last 4 digits; who may not reveal it sees the birth year, never the birth date nor what changes on a birthday (UU 27/2022).',
  'CASE-CLIENT': 'A case is about a client registered in its own office.',
  'CASE-OFFICER': 'A case is run by an active probation officer (PK) of its own office.',
  'CASE-SITE-SCOPE': 'A site supervisor lists the cases of one of their own work sites at a time.',
  'WARN-LEVEL': 'A warning level is 1, 2 or 3.',
  'WARN-REASON': 'A warning states its reason.',
  'WARN-SESSIONS': 'Sessions cited by a warning belong to the case and are unexcused absences or misconduct.',
  'REFERRAL-NEEDS-WARNING': "A referral cites at least the office's minimum number of the case's warnings.",
  'REFERRAL-ONE-OUTCOME': 'A referral takes one outcome; a decided referral is not decided again.',
  'REFERRAL-OUTCOME-DATE': "A referral's outcome is decided on or after the referral and not after today.",
  'OUTCOME-ALLOWED':
    "A referral's outcome is one the decision allows: for an adult its non-compliance sanction or continue (85(7)); for a child repeat or continue (SPPA 76(2)).",
  'OUTCOME-DECIDED-BY':
    "A child's repeat is decided by the hakim pengawas, and the outcome records it (SPPA 76(2)).",
  'OUTCOME-TERMS':
    'An outcome carries only its own terms (repeat: hours and deadline; serve_prison: days; pay_fine: rupiah; continue: deadline), never more than all of it, all meaning the whole, a deadline on or after the decision.',
  'PROGRESS-TERMS':
    'The hours and deadline in force are the latest terms (decision, referral outcome, payment); remaining hours, crediting and progress follow them, credited history is kept.',
  'PROGRESS-PAUSED':
    'While a referral awaits its outcome the completion clock stands still: no session is recorded and daysLeft is shown paused.',
  'WARN-RESOLUTION':
    'A referral outcome or the end of a case resolves every open warning by naming them in its own record, never by rewriting each warning; any number of warnings.',
  'PAY-CONVERSION': 'Payments toward the fine are recorded on an open fine conversion (KUHP 82) only.',
  'PAY-AMOUNT': 'A payment is whole rupiah above 0, and payments never exceed the converted fine.',
  'PAY-DATE': 'A payment is dated between the conversion and today.',
  'PAY-HOURS':
    'After payments P of fine F converted to H hours and S hours served, max(0, ceil(H × (F − P) ÷ F) − S) hours are owed (KUHP 82).',
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
  'INT-OFFICES':
    "A partner system's machine client serves the office that owns it and only other offices its admin administers.",
  'HOLIDAY-EDITS':
    "An office's holiday calendar: real dates, a national list's days in its year with its SKB named, added days named, moves to another date; bounded in number.",
  'WH-URL':
    'A webhook goes to an https URL with a public host (in local mode http and private hosts are allowed); no credentials in it.',
  'WH-DELIVERY':
    "A webhook delivery is retried for at least 24 hours, then marked failed; a failed delivery holds back that case's later events for that subscription until it is replayed or skipped.",
  'USER-GLOBAL-USERNAME':
    'A username names one person in the deployment: inviting one that exists creates no credentials, resets nothing and answers exactly as for a new person.',
  'USER-PENDING-MEMBERSHIP':
    'An invitation is a pending membership that grants nothing until the person accepts it (or a deployment administrator confirms it); only a pending one is answered.',
  'USER-OFFICE-FIELDS':
    "An office sees a member's name and email as it typed them, never the profile another office keeps.",
  'EV-TYPE':
    'Evidence is JPEG, PNG, WebP, HEIC or PDF (a photo an image), and its bytes are of the declared type.',
  'EV-SIZE':
    "Evidence is at least 1 byte and at most the deployment's upload limit (default 20 MB), as declared.",
  'EV-CHECKSUM': 'The stored bytes have exactly the declared size and SHA-256.',
  'EV-LOCATION': "A photo's location lies within its session site's radius (a warning, never a rejection).",
  'EV-LOCATION-MISMATCH':
    "A photo's location declared at upload lies within 100 m of its EXIF GPS position, which is the one checked (a warning, never a rejection).",
  'EV-TIME':
    "A photo's capture time lies within its session's hours, ±30 minutes (a warning, never a rejection).",
  'EV-DUPLICATE': 'The same bytes uploaded twice for one case are flagged (a warning, never a rejection).',
  'EV-SESSION':
    "Evidence names a session of its case; a site supervisor's names one at their own site, always.",
  'EV-VERDICT':
    'Only pending or expired evidence takes a verdict from its bytes; verified and rejected are final.',
  'EV-DOWNLOAD': 'Only verified evidence is offered for download or as a thumbnail.',
  'EV-EXPIRY': "An upload still pending after the deployment's expiry time (default 60 minutes) is expired.",
  'PLAN-CAPS':
    "A planned slot keeps the order's hours per day counting the person's other cases, the days per ISO week (days worked included), a placement's site, weekdays, hours and period, the case window and the site's clients per day.",
  'PLAN-HOLIDAYS':
    'No slot is planned on a national holiday, cuti bersama or local day; a plan reaching past the last year with a published SKB list is provisional.',
  'PLAN-FEASIBILITY':
    'A case is impossible when the most that can be done by the deadline is under its remaining time; otherwise its latest start is the last day from which it still fits, at risk when the slack is under the threshold.',
  'PLAN-CHILD-SCHOOL':
    "A child's planned slot stays out of the office's school hours on school days (SPPA 73(8)).",
  'SLOT-WINDOW':
    "An accepted schedule starts tomorrow at the earliest (office zone) and covers at most 42 days; each slot lies inside it and inside the case's window, one slot a day.",
  'SLOT-FULFILLED':
    'A fulfilled slot (its session recorded) is never replaced or removed by a schedule write.',
  'REMINDER-SMS-NO-PII':
    "A client's SMS says only their first name (or initials), the site, the day and the hours: never a NIK, an offence, a decision or case number.",
  'REMINDER-SMS-MOBILE':
    'An SMS goes only to an Indonesian mobile number, in E.164 as +628 and 8–11 more digits; a landline, a number abroad or a malformed one is logged as not sent.',
  'DOC-NUMBER-PATTERN':
    "An office's document number pattern uses known tokens ({seq}, {seq:N}, {yyyy}, {yy}, {mm}, {mm:roman}, {kind}) once each with exactly one {seq}, letters, digits and . - / _ between them, a separator beside {seq}, {kind} and {mm:roman}, the year when the sequence restarts yearly, {kind} when each kind counts on its own, and kind codes that do not overlap: no two documents share a number.",
  'DOC-SETTINGS':
    "An office issues documents only once its letterhead (the Kanwil and office lines, address and city, one line each), its head's name (an NIP of 18 digits when given) and a valid register (DOC-NUMBER-PATTERN) are set.",
  'LC-CLOSE-RECORD':
    'A completed case is closed only once its berita acara penyelesaian (completion record) has been issued: closing says the paper went to the jaksa.',
  'PDP-BREACH-REPORT':
    'A breach names what happened, a discovery not in the future, an exposure window from no later than discovery to no later than now, its own office among at most 96, and the record types touched.',
  'PDP-BREACH-CLOCK':
    'Notices to the subjects and to the authority are due 3×24 hours after discovery (UU 27/2022 Pasal 46): one each, sent between discovery and now; a late one is recorded and flagged, never refused.',
  'PDP-BREACH-CLOSE':
    'A breach closes only once both notices are recorded, with a summary and at least one piece of evidence.',
  'PDP-REQUEST-DEADLINE':
    "A subject's request is due 3×24 hours after its receipt (not in the future; UU 27/2022 Pasal 30-32); a late answer is recorded and flagged overdue, never refused.",
  'PDP-REQUEST-REFUSAL':
    "Refusing a subject's request names its reason (e.g. UU 27/2022 Pasal 15: law enforcement).",
  'PDP-REQUEST-ANSWER-ONCE':
    'A request is answered once, while open; an export answers only an access request about the client exported.',
  'OFFLINE-RECORD':
    "A record made offline keeps the device's time and position; a clock ahead of receipt by over 5 minutes, a sync over 7 days late or work written down over 30 minutes before its end is flagged, never refused.",
  'IMPORT-CELL':
    'A spreadsheet cell is read, never guessed: a NIK or phone stored as a number, a formula, a month-first or two-way date or number is a row error saying how to fix the file.',
  'IMPORT-DUPLICATE':
    'A natural key (client NIK, case court + decision number, partner agreement number, site partner + name) appears once in a file: a repeat is an error on its later row.',
  'IMPORT-FILE':
    'An import file is an XLSX or CSV of at most 20 MB and 50,000 rows with a header row naming every required column; anything else is refused whole, before a row is read.',
  'IMPORT-UNDO':
    "An import is undone whole, and only while none of the records it created has changed since; a record's later change refuses the undo.",
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
  KS_REPLACES: 'KS-REPLACES',
  CHILD_OFFENCE_AGE: 'CHILD-OFFENCE-AGE',
  CHILD_UNDER_14: 'CHILD-UNDER-14',
  CHILD_ADULT_AT_DECISION: 'CHILD-ADULT-AT-DECISION',
  CHILD_PERIOD: 'CHILD-PERIOD',
  CHILD_SANCTION: 'CHILD-SANCTION',
  CHILD_ADVISORY_HOURS: 'CHILD-ADVISORY-HOURS',
  CHILD_SCHOOL_HOURS: 'CHILD-SCHOOL-HOURS',
  OFFICE_POLICY: 'OFFICE-POLICY',
  ORIGIN_DIVERSION: 'ORIGIN-DIVERSION',
  DIV_PERIOD: 'DIV-PERIOD',
  CONV_LEGAL_BASIS: 'CONV-LEGAL-BASIS',
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
  CR_SESSION_PARTNER: 'CR-SESSION-PARTNER',
  CR_DAYS_PER_WEEK: 'CR-DAYS-PER-WEEK',
  LC_TRANSITION: 'LC-TRANSITION',
  LC_COMPLETE_HOURS: 'LC-COMPLETE-HOURS',
  LC_REASON: 'LC-REASON',
  LC_REFERRAL_OUTCOME: 'LC-REFERRAL-OUTCOME',
  LC_SENTENCE_EDITABLE: 'LC-SENTENCE-EDITABLE',
  LC_END_WARNINGS: 'LC-END-WARNINGS',
  LC_VIA_ASSESSMENT: 'LC-VIA-ASSESSMENT',
  LC_VIA_PLACEMENT: 'LC-VIA-PLACEMENT',
  LC_VIA_WARNING: 'LC-VIA-WARNING',
  LC_VIA_REFERRAL: 'LC-VIA-REFERRAL',
  LC_CLOSE: 'LC-CLOSE',
  AS_LITMAS: 'AS-LITMAS',
  AS_AVOID_KIND: 'AS-AVOID-KIND',
  CHILD_LITMAS: 'CHILD-LITMAS',
  CL_BIRTH_DATE: 'CL-BIRTH-DATE',
  CL_GUARDIAN: 'CL-GUARDIAN',
  PDP_CHILD_AT_OFFENCE: 'PDP-CHILD-AT-OFFENCE',
  PDP_RETENTION_CLOSURE: 'PDP-RETENTION-CLOSURE',
  PDP_RETENTION_CLIENT_HOLD: 'PDP-RETENTION-CLIENT-HOLD',
  CL_NIK_UNIQUE: 'CL-NIK-UNIQUE',
  CL_NIK_MASK: 'CL-NIK-MASK',
  CASE_CLIENT: 'CASE-CLIENT',
  CASE_OFFICER: 'CASE-OFFICER',
  CASE_SITE_SCOPE: 'CASE-SITE-SCOPE',
  WARN_LEVEL: 'WARN-LEVEL',
  WARN_REASON: 'WARN-REASON',
  WARN_SESSIONS: 'WARN-SESSIONS',
  REFERRAL_NEEDS_WARNING: 'REFERRAL-NEEDS-WARNING',
  REFERRAL_ONE_OUTCOME: 'REFERRAL-ONE-OUTCOME',
  REFERRAL_OUTCOME_DATE: 'REFERRAL-OUTCOME-DATE',
  OUTCOME_ALLOWED: 'OUTCOME-ALLOWED',
  OUTCOME_DECIDED_BY: 'OUTCOME-DECIDED-BY',
  OUTCOME_TERMS: 'OUTCOME-TERMS',
  PROGRESS_TERMS: 'PROGRESS-TERMS',
  PROGRESS_PAUSED: 'PROGRESS-PAUSED',
  WARN_RESOLUTION: 'WARN-RESOLUTION',
  PAY_CONVERSION: 'PAY-CONVERSION',
  PAY_AMOUNT: 'PAY-AMOUNT',
  PAY_DATE: 'PAY-DATE',
  PAY_HOURS: 'PAY-HOURS',
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
  INT_OFFICES: 'INT-OFFICES',
  HOLIDAY_EDITS: 'HOLIDAY-EDITS',
  WH_URL: 'WH-URL',
  WH_DELIVERY: 'WH-DELIVERY',
  USER_GLOBAL_USERNAME: 'USER-GLOBAL-USERNAME',
  USER_PENDING_MEMBERSHIP: 'USER-PENDING-MEMBERSHIP',
  USER_OFFICE_FIELDS: 'USER-OFFICE-FIELDS',
  EV_TYPE: 'EV-TYPE',
  EV_SIZE: 'EV-SIZE',
  EV_CHECKSUM: 'EV-CHECKSUM',
  EV_LOCATION: 'EV-LOCATION',
  EV_LOCATION_MISMATCH: 'EV-LOCATION-MISMATCH',
  EV_TIME: 'EV-TIME',
  EV_DUPLICATE: 'EV-DUPLICATE',
  EV_SESSION: 'EV-SESSION',
  EV_VERDICT: 'EV-VERDICT',
  EV_DOWNLOAD: 'EV-DOWNLOAD',
  EV_EXPIRY: 'EV-EXPIRY',
  PLAN_CAPS: 'PLAN-CAPS',
  PLAN_HOLIDAYS: 'PLAN-HOLIDAYS',
  PLAN_FEASIBILITY: 'PLAN-FEASIBILITY',
  PLAN_CHILD_SCHOOL: 'PLAN-CHILD-SCHOOL',
  SLOT_WINDOW: 'SLOT-WINDOW',
  SLOT_FULFILLED: 'SLOT-FULFILLED',
  REMINDER_SMS_NO_PII: 'REMINDER-SMS-NO-PII',
  REMINDER_SMS_MOBILE: 'REMINDER-SMS-MOBILE',
  DOC_NUMBER_PATTERN: 'DOC-NUMBER-PATTERN',
  DOC_SETTINGS: 'DOC-SETTINGS',
  LC_CLOSE_RECORD: 'LC-CLOSE-RECORD',
  PDP_BREACH_REPORT: 'PDP-BREACH-REPORT',
  PDP_BREACH_CLOCK: 'PDP-BREACH-CLOCK',
  PDP_BREACH_CLOSE: 'PDP-BREACH-CLOSE',
  PDP_REQUEST_DEADLINE: 'PDP-REQUEST-DEADLINE',
  PDP_REQUEST_REFUSAL: 'PDP-REQUEST-REFUSAL',
  PDP_REQUEST_ANSWER_ONCE: 'PDP-REQUEST-ANSWER-ONCE',
  OFFLINE_RECORD: 'OFFLINE-RECORD',
  IMPORT_CELL: 'IMPORT-CELL',
  IMPORT_DUPLICATE: 'IMPORT-DUPLICATE',
  IMPORT_FILE: 'IMPORT-FILE',
  IMPORT_UNDO: 'IMPORT-UNDO',
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
