/**
 * The API's resources as the dashboard reads and sends them, taken from the server's zod schemas and
 * never restated: a change to a schema reaches every screen through `npm run typecheck`.
 *
 * Every import here is `import type`, so the build erases them and no zod or server code reaches the
 * bundle. Responses are what a schema outputs; request bodies are what it accepts (`z.input`, so
 * defaulted members such as a site's `active` stay optional for the sender).
 */
import type * as z from 'zod';
import type {
  assessmentSchema,
  assessmentSummarySchema,
  createAssessmentBody,
} from '../../../functions/api/schemas/assessments';
import type { auditEntrySchema, nikRevealSchema } from '../../../functions/api/schemas/audit';
import type { caseSchema, createCaseBody, progressSchema } from '../../../functions/api/schemas/cases';
import type { clientSchema, createClientBody, guardianSchema } from '../../../functions/api/schemas/clients';
import type {
  createEvidenceBody,
  evidenceDetailSchema,
  evidenceSchema,
  uploadTicketSchema,
} from '../../../functions/api/schemas/evidence';
import type { problemSchema } from '../../../functions/api/schemas/common';
import type { meSchema, officeSchema } from '../../../functions/api/schemas/identity';
import type {
  createIntegrationBody,
  integrationSchema,
  issuedIntegrationSchema,
} from '../../../functions/api/schemas/integrations';
import type { pageOf } from '../../../functions/api/schemas/paging';
import type { officeHolidaysBody, officeHolidaysSchema } from '../../../functions/api/schemas/holidays';
import type { casePlanSchema } from '../../../functions/api/schemas/plans';
import type {
  documentSchema,
  documentVerificationSchema,
  issueDocumentBody,
} from '../../../functions/api/schemas/documents';
import type {
  reminderSchema,
  smsPreferenceBody,
  smsPreferenceSchema,
} from '../../../functions/api/schemas/reminders';
import type {
  officeDaySchema,
  putScheduleBody,
  siteLoadSchema,
  slotSchema,
} from '../../../functions/api/schemas/schedule';
import type {
  createPartnerBody,
  partnerSchema,
  updatePartnerBody,
} from '../../../functions/api/schemas/partners';
import type { createPlacementBody, placementSchema } from '../../../functions/api/schemas/placements';
import type { createPaymentBody, paymentSchema } from '../../../functions/api/schemas/payments';
import type { referralOutcomeBody, referralSchema } from '../../../functions/api/schemas/referrals';
import type {
  createSessionBody,
  sessionSchema,
  updateSessionBody,
} from '../../../functions/api/schemas/sessions';
import type { createSiteBody, siteSchema, updateSiteBody } from '../../../functions/api/schemas/sites';
import type { regionalSummarySchema, summarySchema } from '../../../functions/api/schemas/summary';
import type {
  createUserBody,
  invitationSchema,
  memberSchema,
  updateUserBody,
} from '../../../functions/api/schemas/users';
import type { caseStateSchema, warningSchema } from '../../../functions/api/schemas/warnings';
import type {
  answerRequestBody,
  createExportBody,
  createRequestBody,
  subjectExportSchema,
  subjectRequestSchema,
} from '../../../functions/api/schemas/data-requests';
import type {
  createRefusalBody,
  offlineRefusalSchema,
  resolveRefusalBody,
} from '../../../functions/api/schemas/offline-refusals';

/** One page of a list: `pageOf(item)` with the item's type put back in. */
export type Page<T> = Omit<z.output<ReturnType<typeof pageOf>>, 'items'> & { items: T[] };

/** One entry of a problem's `errors`: the dotted request path, the message and the rule id, if any. */
export type FieldError = Readonly<NonNullable<z.output<typeof problemSchema>['errors']>[number]>;

// The caller
type MeOut = z.output<typeof meSchema>;
/** The caller as `GET /v1/me` describes them; the dashboard serves people, who have both names. */
export type Me = MeOut & Required<Pick<MeOut, 'username' | 'fullName'>>;
export type RoleGrant = MeOut['roles'][number];
export type Role = RoleGrant['role'];
/** An office the caller belongs to; dates are shown in its IANA zone (`timeZone`). */
export type OfficeSummary = MeOut['offices'][number];

// Cases
export type Case = z.output<typeof caseSchema>;
export type CaseStatus = Case['status'];
export type CaseProgress = z.output<typeof progressSchema>;
export type Sentence = Case['sentence'];
export type SentenceKind = Sentence['kind'];
export type CreateCaseBody = z.input<typeof createCaseBody>;
export type Decision = CreateCaseBody['decision'];
export type Sanction = Decision['nonComplianceSanction'];
export type CaseOrigin = NonNullable<CreateCaseBody['origin']>;
export type ReplacedPenalty = NonNullable<Decision['replaces']>;
export type ConversionBasis = NonNullable<CreateCaseBody['conversion']>['legalBasis'];
export type DecisionLevel = NonNullable<NonNullable<Case['decision']>['level']>;
export type CaseFlag = Case['flags'][number];
/** The hours and deadline in force, what set them, and an outcome's or a payment's own terms. */
export type CaseTerms = Case['terms'];
export type CaseState = z.output<typeof caseStateSchema>;
export type AuditEntry = z.output<typeof auditEntrySchema>;
/** One unmasked read of a client's NIK: who, when, why, which client (the admin's review list). */
export type NikReveal = z.output<typeof nikRevealSchema>;
export type Summary = z.output<typeof summarySchema>;
/** A region's offices side by side, and their totals (the Kanwil's view). */
export type RegionalSummary = z.output<typeof regionalSummarySchema>;

// Clients
export type Client = z.output<typeof clientSchema>;
export type Guardian = z.output<typeof guardianSchema>;
export type CreateClientBody = z.input<typeof createClientBody>;

// The assessment (Litmas)
export type AssessmentSummary = z.output<typeof assessmentSummarySchema>;
export type Assessment = z.output<typeof assessmentSchema>;
export type CreateAssessmentBody = z.input<typeof createAssessmentBody>;
export type ConsentStatus = CreateAssessmentBody['consent']['status'];

// Sessions, placements, warnings and referrals
export type WorkSession = z.output<typeof sessionSchema>;
export type SessionOutcome = WorkSession['outcome'];
export type CreateSessionBody = z.input<typeof createSessionBody>;
export type UpdateSessionBody = z.input<typeof updateSessionBody>;
export type Placement = z.output<typeof placementSchema>;
export type CreatePlacementBody = z.input<typeof createPlacementBody>;
export type Warning = z.output<typeof warningSchema>;
export type Referral = z.output<typeof referralSchema>;
export type ReferralOutcomeBody = z.input<typeof referralOutcomeBody>;
export type ReferralDecision = ReferralOutcomeBody['decision'];
export type OutcomeScope = NonNullable<ReferralOutcomeBody['scope']>;
export type OutcomeDecider = NonNullable<ReferralOutcomeBody['decidedBy']>;
export type Payment = z.output<typeof paymentSchema>;
export type CreatePaymentBody = z.input<typeof createPaymentBody>;

// Partners and work sites
export type Partner = z.output<typeof partnerSchema>;
export type PartnerKind = Partner['kind'];
export type PartnerContact = Partner['contact'];
export type Agreement = Partner['agreement'];
/** Where the agreement (PKS) stands today in the office's zone; `expiring` = ends within 30 days. */
export type AgreementStatus = Partner['agreementStatus'];
export type CreatePartnerBody = z.input<typeof createPartnerBody>;
export type UpdatePartnerBody = z.input<typeof updatePartnerBody>;
export type Site = z.output<typeof siteSchema>;
export type SiteLocation = Site['location'];
export type CreateSiteBody = z.input<typeof createSiteBody>;
export type UpdateSiteBody = z.input<typeof updateSiteBody>;

// The office and its people
export type OfficeDetail = z.output<typeof officeSchema>;
export type OfficeMember = z.output<typeof memberSchema>;
/** Roles an office admin can grant (a Kanwil's `regional` comes with its region, not from an office). */
export type OfficeRole = OfficeMember['roles'][number];
export type Invitation = z.output<typeof invitationSchema>;
export type CreateUserBody = z.input<typeof createUserBody>;
export type UpdateUserBody = z.input<typeof updateUserBody>;

// Partner systems' machine clients
export type Integration = z.output<typeof integrationSchema>;
export type IntegrationScope = Integration['scopes'][number];
export type IssuedIntegration = z.output<typeof issuedIntegrationSchema>;
export type CreateIntegrationBody = z.input<typeof createIntegrationBody>;

// Evidence
export type Evidence = z.output<typeof evidenceSchema>;
export type EvidenceKind = Evidence['kind'];
export type EvidenceStatus = Evidence['status'];
export type RejectionReason = NonNullable<Evidence['rejectionReason']>;
export type EvidenceWarning = Evidence['warnings'][number];
/** What the verifier measured; the context checks (location, time, duplicate) only ever warn. */
export type EvidenceChecks = Evidence['checks'];
export type EvidenceDetail = z.output<typeof evidenceDetailSchema>;
export type EvidenceUploadTicket = z.output<typeof uploadTicketSchema>;
export type CreateEvidenceBody = z.input<typeof createEvidenceBody>;

// The planner (issue 15): a case's proposed schedule and the office's holiday calendar
export type CasePlan = z.output<typeof casePlanSchema>;
export type PlannedSlot = CasePlan['slots'][number];
export type Feasibility = CasePlan['feasibility'];
export type FeasibilityState = Feasibility['state'];
export type FeasibilityReason = Feasibility['reason'];
export type OfficeHolidays = z.output<typeof officeHolidaysSchema>;
export type HolidayDay = OfficeHolidays['days'][number];
export type HolidayKind = HolidayDay['kind'];
export type HolidayEdit = OfficeHolidays['edits'][number];
export type HolidayList = OfficeHolidays['lists'][number];
export type OfficeHolidaysBody = z.input<typeof officeHolidaysBody>;

// Accepted schedules, the office's day and site load (ADR 0014)
/** One accepted session-to-be: `missed` is a scheduled slot whose day ended unrecorded (never stored). */
export type ScheduledSlot = z.output<typeof slotSchema>;
export type SlotStatus = ScheduledSlot['status'];
/** `PUT …/schedule`: replaces the case's scheduled slots dated `from..until` (≤ 42 days) by `slots`. */
export type ScheduleBody = z.input<typeof putScheduleBody>;
export type DaySlots = z.output<typeof officeDaySchema>;
export type SiteLoad = z.output<typeof siteLoadSchema>;
export type SiteLoadWeek = SiteLoad['weeks'][number];

// Reminders
/** One line of a case's reminder log; `to` is masked by the API (`+62812****890`). */
export type ReminderEntry = z.output<typeof reminderSchema>;
export type ReminderKind = ReminderEntry['kind'];
export type ReminderRecipient = ReminderEntry['recipient'];
export type SmsPreference = z.output<typeof smsPreferenceSchema>;
export type SmsPreferenceBody = z.input<typeof smsPreferenceBody>;

// Official documents (issue 14, ADR 0015)
/** An issued (or `issuing`) document of the office's register; `downloadUrl` only on a single read. */
export type OfficialDocument = z.output<typeof documentSchema>;
export type DocumentKind = OfficialDocument['kind'];
export type DocumentStatus = OfficialDocument['status'];
/** What to preview or issue (`POST …/documents[/preview]`): the kind says which record it is about. */
export type IssueDocumentBody = z.input<typeof issueDocumentBody>;
/** The public verification record of `GET /v1/verify/{documentId}`: nothing personal beyond initials. */
export type DocumentVerification = z.output<typeof documentVerificationSchema>;

// Data subjects' requests and exports (issue 17, ADR 0021)
export type SubjectRequest = z.output<typeof subjectRequestSchema>;
export type SubjectRequestKind = SubjectRequest['kind'];
export type SubjectRequestChannel = SubjectRequest['channel'];
export type SubjectRequestStatus = SubjectRequest['status'];
export type CreateSubjectRequestBody = z.input<typeof createRequestBody>;
export type AnswerSubjectRequestBody = z.input<typeof answerRequestBody>;
/** A client's export with 15-minute links to its JSON and PDF. */
export type SubjectExport = z.output<typeof subjectExportSchema>;
export type CreateSubjectExportBody = z.input<typeof createExportBody>;

// Field records made offline and refused on sync, kept for the PK (issue 20, ADR 0024)
export type OfflineRefusal = z.output<typeof offlineRefusalSchema>;
export type CreateOfflineRefusalBody = z.input<typeof createRefusalBody>;
export type ResolveOfflineRefusalBody = z.input<typeof resolveRefusalBody>;
