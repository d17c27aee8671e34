/**
 * The API's resources as the dashboard reads them. Written by hand for the bundle's sake (zod stays on
 * the server), and kept equal to the server's zod schemas by a type-level test
 * (test/unit/web/api-types.test.ts): a change on either side that the other does not follow fails
 * `npm run typecheck`.
 */
import type { CaseStatus } from '../../../functions/domain/lifecycle';

export type { CaseStatus };
export type SessionOutcome = 'attended' | 'partial' | 'excused_absence' | 'unexcused_absence';
export type SentenceKind = 'kerja_sosial' | 'pelayanan_masyarakat';
export type Sanction = 'repeat' | 'serve_prison' | 'pay_fine';
export type ReferralDecision = 'repeat' | 'serve_prison' | 'pay_fine' | 'continue';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Decision {
  number: string;
  court: string;
  date: string;
  offenceArticles: string[];
  threatenedMaxMonths: number;
  imposed: { prisonMonths?: number | undefined; fineRupiah?: number | undefined };
  nonComplianceSanction: Sanction;
}

export interface Sentence {
  kind: SentenceKind;
  hours: number;
  maxHoursPerDay: number;
  daysPerWeek?: number | undefined;
  startDate: string;
  deadline: string;
}

export interface CaseProgress {
  hoursOrdered: number;
  hoursCredited: number;
  hoursRemaining: number;
  deadline: string;
  daysLeft: number;
  onTrack: boolean;
}

export interface Case {
  id: string;
  status: CaseStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  client: { id: string; fullName: string };
  officerUsername: string;
  prosecutor?: { name: string; office: string } | undefined;
  decision?: Decision | undefined;
  sentence: Sentence;
  consent?: { given: boolean; recordedOn: string } | undefined;
  notes?: string | undefined;
  currentSiteId?: string | undefined;
  openWarnings: number;
  progress: CaseProgress;
}

export interface CreateCaseBody {
  clientId: string;
  officerUsername: string;
  prosecutor: { name: string; office: string };
  decision: Decision;
  sentence: Sentence;
  consent: { given: boolean; recordedOn: string };
  notes?: string | undefined;
}

export interface Guardian {
  name: string;
  relation: string;
  phone?: string | undefined;
}

export interface Client {
  id: string;
  fullName: string;
  nik: string;
  nikMasked: boolean;
  birthDate: string;
  sex: 'M' | 'F';
  isChild: boolean;
  address: string;
  phone?: string | undefined;
  guardian?: Guardian | undefined;
  version: number;
  createdAt: string;
}

export interface CreateClientBody {
  fullName: string;
  nik: string;
  birthDate: string;
  sex: 'M' | 'F';
  address: string;
  phone?: string | undefined;
  guardian?: Guardian | undefined;
}

export interface WorkSession {
  id: string;
  caseId: string;
  siteId: string;
  date: string;
  startTime: string;
  endTime: string;
  outcome: SessionOutcome;
  activity?: string | undefined;
  notes?: string | undefined;
  misconduct: boolean;
  durationHours: number;
  hoursCredited: number;
  clipped: boolean;
  clippedBy: string[];
  verified: boolean;
  recordedBy: string;
  verifiedBy?: string | undefined;
  version: number;
  createdAt: string;
}

export interface CreateSessionBody {
  date: string;
  startTime: string;
  endTime: string;
  siteId: string;
  outcome: SessionOutcome;
  activity?: string | undefined;
  notes?: string | undefined;
  misconduct?: boolean | undefined;
}

export interface UpdateSessionBody {
  verified?: true | undefined;
  startTime?: string | undefined;
  endTime?: string | undefined;
  outcome?: SessionOutcome | undefined;
  activity?: string | undefined;
  notes?: string | undefined;
  misconduct?: boolean | undefined;
}

export interface Placement {
  id: string;
  caseId: string;
  siteId: string;
  weekdays: number[];
  startTime: string;
  endTime: string;
  from: string;
  until: string;
  status: 'active' | 'ended';
  createdAt: string;
}

export interface CreatePlacementBody {
  siteId: string;
  weekdays: number[];
  startTime: string;
  endTime: string;
  from: string;
  until: string;
}

export interface CaseState {
  id: string;
  status: CaseStatus;
  version: number;
  openWarnings: number;
}

export interface Warning {
  id: string;
  caseId: string;
  level: number;
  reason: string;
  sessionIds: string[];
  status: 'open' | 'resolved';
  issuedBy: string;
  issuedAt: string;
  resolvedAt?: string | undefined;
  resolvedByReferralId?: string | undefined;
}

export interface Referral {
  id: string;
  caseId: string;
  reason: string;
  warningIds: string[];
  status: 'awaiting_outcome' | 'decided';
  referredBy: string;
  referredAt: string;
  outcome?:
    | {
        decision: ReferralDecision;
        decidedOn: string;
        reference: string;
        recordedBy: string;
        recordedAt: string;
      }
    | undefined;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  reason?: string | undefined;
  changes: { field: string; before: unknown; after: unknown }[];
}

export interface Summary {
  asOf: string;
  casesByStatus: Record<CaseStatus, number>;
  openCases: number;
  hoursCreditedThisMonth: number;
  casesDueIn30Days: number;
  casesOffTrack: number;
  openWarnings: number;
  /** Sessions recorded for work in this ISO week. */
  sessionsThisWeek: number;
  /** The last 8 ISO weeks, oldest first, by the date the work was done. */
  weeks: { weekStart: string; hoursCredited: number; sessions: number }[];
}

export interface Site {
  id: string;
  partnerId: string;
  name: string;
  address: string;
  kelurahan: string;
  kecamatan: string;
  kabupatenKota: string;
  location: { lat: number; lng: number; radiusMeters: number };
  capacity: number;
  activities: string[];
  active: boolean;
  occupancy: Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', number>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type PartnerKind = 'government' | 'religious' | 'education' | 'health' | 'social' | 'ngo' | 'other';
export const PARTNER_KINDS: readonly PartnerKind[] = [
  'government',
  'religious',
  'education',
  'health',
  'social',
  'ngo',
  'other',
];

/** Where the agreement (PKS) stands today in the office's zone; `expiring` = ends within 30 days. */
export type AgreementStatus = 'not_yet_valid' | 'valid' | 'expiring' | 'expired';

export interface PartnerContact {
  name: string;
  phone?: string | undefined;
  email?: string | undefined;
}

export interface Agreement {
  number: string;
  signedOn: string;
  validFrom: string;
  validUntil: string;
}

export interface Partner {
  id: string;
  name: string;
  kind: PartnerKind;
  nonCommercial: boolean;
  contact: PartnerContact;
  agreement: Agreement;
  agreementStatus: AgreementStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CreatePartnerBody {
  name: string;
  kind: PartnerKind;
  nonCommercial: boolean;
  contact: PartnerContact;
  agreement: Agreement;
}

export type UpdatePartnerBody = Partial<CreatePartnerBody>;

export interface SiteLocation {
  lat: number;
  lng: number;
  radiusMeters: number;
}

export interface CreateSiteBody {
  partnerId: string;
  name: string;
  address: string;
  kelurahan: string;
  kecamatan: string;
  kabupatenKota: string;
  location: SiteLocation;
  capacity: number;
  activities: string[];
  active?: boolean | undefined;
}

export type UpdateSiteBody = Partial<Omit<CreateSiteBody, 'active'> & { active: boolean }>;

/** Roles an office admin can grant (a Kanwil's `regional` comes with its region, not from an office). */
export type OfficeRole = 'admin' | 'officer' | 'supervisor' | 'prosecutor';
export const OFFICE_ROLES: readonly OfficeRole[] = ['admin', 'officer', 'supervisor', 'prosecutor'];

export interface OfficeMember {
  username: string;
  fullName: string;
  email: string;
  roles: OfficeRole[];
  siteIds: string[];
  status: 'active' | 'disabled';
  version: number;
}

export interface Invitation {
  delivery: 'email' | 'link';
  /** Local mode: a one-time path such as `/set-password?token=…`. */
  setPasswordUrl?: string | undefined;
  expiresAt?: string | undefined;
}

export interface CreateUserBody {
  username: string;
  email: string;
  fullName: string;
  roles: OfficeRole[];
  siteIds?: string[] | undefined;
}

export interface UpdateUserBody {
  roles?: OfficeRole[] | undefined;
  siteIds?: string[] | undefined;
}

export interface OfficeDetail {
  id: string;
  name: string;
  class: 'I' | 'II';
  timeZone: string;
  regionId: string;
  address: string;
}

export type EvidenceKind = 'photo' | 'attendance_sheet' | 'document';
export type EvidenceStatus = 'pending' | 'verified' | 'rejected' | 'expired';
export type RejectionReason = 'checksum_mismatch' | 'type_mismatch' | 'too_large' | 'unknown_key';

export interface EvidenceWarning {
  rule: 'EV-LOCATION' | 'EV-TIME' | 'EV-DUPLICATE';
  message: string;
}

/** What the verifier measured; the context checks (location, time, duplicate) only ever warn. */
export interface EvidenceChecks {
  storedBytes?: number | undefined;
  sha256Matches?: boolean | undefined;
  detectedType?: string | null | undefined;
  location?:
    | {
        source: 'declared' | 'exif';
        distanceMeters: number;
        radiusMeters: number;
        accuracyMeters?: number | undefined;
        insideRadius: boolean;
      }
    | undefined;
  time?:
    | {
        source: 'exif' | 'declared';
        capturedAtLocal: string;
        session: { date: string; startTime: string; endTime: string };
        withinSession: boolean;
        minutesOutside: number;
      }
    | undefined;
  duplicateOf?: string | undefined;
}

export interface Evidence {
  id: string;
  caseId: string;
  kind: EvidenceKind;
  sessionId?: string | undefined;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  capturedAt?: string | undefined;
  status: EvidenceStatus;
  rejectionReason?: RejectionReason | undefined;
  checks: EvidenceChecks;
  warnings: EvidenceWarning[];
  uploadedBy: string;
  createdAt: string;
  decidedAt?: string | undefined;
  /** Verified images: a 5-minute URL of a small JPEG, once the verifier has made it. */
  thumbnailUrl?: string | undefined;
  /** A verified image that will get no thumbnail (HEIC, or bytes the codec cannot read). */
  thumbnail?: 'unavailable' | undefined;
}

export interface EvidenceDetail extends Evidence {
  /** Verified evidence only: a presigned GET of the verified bytes, valid 5 minutes. */
  download?: { url: string; expiresAt: string } | undefined;
}

export interface EvidenceUploadTicket {
  id: string;
  status: 'pending';
  upload: { url: string; method: 'PUT'; headers: Record<string, string>; expiresAt: string };
}

export interface CreateEvidenceBody {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  kind: EvidenceKind;
  sessionId?: string | undefined;
  capturedAt?: string | undefined;
  location?: { lat: number; lng: number; accuracyMeters?: number | undefined } | undefined;
}
