/** The case as the store keeps it: the court order, the sentence and what the store maintains. */
import type {
  AssessmentSummary,
  CaseTerms,
  CaseFlag,
  CaseOrigin,
  CaseStatus,
  ConversionBasis,
  FeasibilityState,
  DecisionLevel,
  ReplacedPenalty,
  WarningResolution,
} from '../domain';
import type { Actor } from './user-store';

/** The court order. v1 records have no offenceDate, replaces or level, and always a number. */
export interface CaseDecision {
  /** Absent for a diversion, which has a penetapan number instead. */
  readonly number?: string;
  readonly court: string;
  readonly date: string;
  readonly offenceDate?: string;
  readonly offenceArticles: readonly string[];
  readonly threatenedMaxMonths?: number;
  readonly imposed?: { readonly prisonMonths?: number; readonly fineRupiah?: number };
  /** The penalty the kerja sosial replaces, as stated or derived at registration. */
  readonly replaces?: ReplacedPenalty;
  readonly nonComplianceSanction: 'repeat' | 'serve_prison' | 'pay_fine';
  /** Derived from the number at registration. */
  readonly level?: DecisionLevel;
}

export interface CaseSentence {
  readonly kind: 'kerja_sosial' | 'pelayanan_masyarakat';
  readonly hours: number;
  readonly maxHoursPerDay: number;
  readonly daysPerWeek?: number;
  readonly startDate: string;
  readonly deadline: string;
}

/** The fields a person enters; everything else on a case is derived or maintained by the store. */
export interface CaseInput {
  readonly clientId: string;
  readonly officerUsername: string;
  readonly prosecutor: { readonly name: string; readonly office: string };
  /** Absent on v1 records, which are all `decision`. */
  readonly origin?: CaseOrigin;
  readonly decision: CaseDecision;
  readonly diversion?: {
    readonly penetapanNumber: string;
    readonly agreementDate: string;
    readonly withoutVictim?: boolean;
  };
  readonly conversion?: { readonly fineRupiah: number; readonly legalBasis: ConversionBasis };
  readonly sentence: CaseSentence;
  readonly consent?: { readonly given: boolean; readonly recordedOn: string };
  readonly notes?: string;
}

export interface CaseRecord extends CaseInput {
  readonly id: string;
  readonly officeId: string;
  /** Denormalised for lists and supervisors, who never read the client record itself. */
  readonly clientName: string;
  readonly status: CaseStatus;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Whole minutes; the domain works in minutes so totals never drift. */
  readonly creditedMinutes: number;
  readonly remainingMinutes: number;
  /** The work site of the latest placement, which also decides what a supervisor sees. */
  readonly currentSiteId?: string;
  readonly openWarnings: number;
  /** What registration flagged (absent on v1 records: none). */
  readonly flags?: readonly CaseFlag[];
  /** The latest assessment (Litmas), as the case shows it (absent until one is recorded). */
  readonly assessment?: AssessmentSummary;
  /** The hours and deadline in force (absent until an outcome or a payment sets them: the sentence's). */
  readonly terms?: CaseTerms;
  /** The resolutions of the case's warnings, oldest first, each naming what it resolved (WARN-RESOLUTION). */
  readonly warningResolutions?: readonly WarningResolution[];
  /** The planner's latest verdict, stored by the re-planner after each change (absent until then). */
  readonly plan?: CasePlanSummary;
  /** The completion record (berita acara penyelesaian) issued for it; closing a completed case needs one. */
  readonly completionRecord?: {
    readonly documentId: string;
    readonly number: string;
    readonly issuedOn: string;
  };
  /** The office-local date the case was closed (status `closed`): every retention period counts from it. */
  readonly closedOn?: string;
  /** What the retention job has done to the case (issue 17); set by the job only. */
  readonly retention?: CaseRetention;
  /** Hours served on paper before Abdi, counted in `creditedMinutes` once (issue 22). */
  readonly openingCredit?: OpeningCredit;
  /** The spreadsheet import and row that brought the case in (issue 22). */
  readonly imported?: { readonly importId: string; readonly row: number };
}

/** The hours a case had served on paper when it came into Abdi, and the paper that says so. */
export interface OpeningCredit {
  readonly minutes: number;
  readonly documentNumber?: string;
  /** Office-local date of that document. */
  readonly documentDate?: string;
  readonly signedBy?: string;
}

/**
 * The retention job's marks on a closed case: each step's instant once done (so a rerun or a resumed
 * run repeats nothing), the date its evidence locks were extended to, and when every step was done.
 */
export interface CaseRetention {
  readonly done?: Readonly<Partial<Record<string, string>>>;
  readonly evidenceLockedUntil?: string;
  /**
   * The first date a step left to do falls due, or absent when one waits on something other than a
   * date (the client's open case): the nightly job skips a case whose date has not come.
   */
  readonly nextDueOn?: string;
  /** The ids of the evidence the evidence step deleted, for the read logs that outlive it. */
  readonly evidenceIds?: readonly string[];
  readonly completedAt?: string;
}

/** What the re-planner keeps of a plan (issue 15): enough for a list to sort and a screen to explain. */
export interface CasePlanSummary {
  readonly state: FeasibilityState;
  readonly latestStart?: string;
  readonly slackDays?: number;
  readonly possibleMinutes: number;
  readonly remainingMinutes: number;
  readonly deadline: string;
  /** When the plan was made, as an instant. */
  readonly plannedAt: string;
}

export interface CaseListFilter {
  readonly status?: CaseStatus;
  readonly officerUsername?: string;
  readonly siteId?: string;
  /** Deadline on or before this date. */
  readonly dueBefore?: string;
}

/** What registration decides about a new case; the store adds its id, office, version and timestamps. */
export type NewCase = Omit<CaseRecord, 'id' | 'officeId' | 'version' | 'createdAt' | 'updatedAt'>;

/** Who made a change to a case and why, with the audit action it is recorded as. */
export type CaseChange = Actor & { action: string; record?: RecordChange };

/** A record written together with its case (placement, warning, referral), for the audit entry. */
export interface RecordChange {
  /** Prefix of its fields in the entry, e.g. `placement` → `placement.siteId`. */
  readonly name: string;
  readonly before?: object;
  readonly after: object;
}
