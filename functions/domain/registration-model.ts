/**
 * The vocabulary of registering a court order (origins, replaced penalties, conversion bases, the
 * windows and ages the law sets) and the collector its checks report into. The checks are in
 * registration-checks.ts and registration-time-and-age.ts; case-registration.ts runs them.
 */
import { type LocalDate } from './calendar';
import { type DecisionLevel, type DecisionNumber } from './decision-number';
import { violation, type RuleId, type RuleViolation } from './rules';
import type { OfficePolicy } from './office-policy';
import { type NonComplianceSanction, type SentenceKind } from './sentence';

export const CASE_ORIGINS = ['decision', 'diversion', 'fine_conversion'] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];

/** The penalty a decision's kerja sosial stands in for (85(7)(b)/(c)). */
export const REPLACED_PENALTIES = ['prison', 'fine'] as const;
export type ReplacedPenalty = (typeof REPLACED_PENALTIES)[number];

/** The articles that turn another penalty into kerja sosial, as a conversion records them. */
export const CONVERSION_BASES = ['KUHP 82', 'KUHP 92(3)', 'KUHP 93(2)', 'KUHP 94(2)', 'KUHP 96(4)'] as const;
export type ConversionBasis = (typeof CONVERSION_BASES)[number];

/** KUHP 85(5) with Pasal 184: 6 months of 30 days, counted from the start day inclusive. */
export const ADULT_WINDOW_DAYS = 180;
/** SPPA 73(6): a conditional sentence's period is at most 3 years. */
export const CHILD_PERIOD_YEARS = 3;
/** SPPA 10(2): community service agreed in diversion for an offence without a victim, at most 3 months. */
export const DIVERSION_WINDOW_DAYS = 90;
/** SPPA 1(3): an Anak is 12 to under 18 at the offence. */
export const CHILD_MIN_AGE_AT_OFFENCE = 12;
export const CHILD_MAX_AGE_AT_OFFENCE = 17;
/** SPPA 69(2): under 14 at the offence, only a tindakan, never a pidana. */
export const CHILD_MIN_AGE_FOR_PIDANA = 14;
/** SPPA 20: tried after 18 but before 21 stays in the children's track; 21 or more is flagged. */
export const CHILD_TRACK_AGE_LIMIT = 21;

/** Something the PK and the jaksa should look at: recorded, shown, never a reason to refuse. */
export interface CaseFlag {
  readonly rule: RuleId;
  readonly path: string;
  readonly message: string;
}

/** The parts of `POST /cases` the law speaks about, plus the client's birth date looked up by `clientId`. */
export interface CaseRegistrationInput {
  /** Default `decision`. */
  readonly origin?: CaseOrigin;
  readonly decision: {
    /** Required except for a diversion, which has a penetapan number instead. */
    readonly number?: string;
    readonly court?: string;
    /** The decision's date (a diversion's: its penetapan's). */
    readonly date: LocalDate;
    /** Required for pelayanan masyarakat: a child's age is counted at the offence (SPPA 1(3)). */
    readonly offenceDate?: LocalDate | null;
    readonly offenceArticles?: readonly string[];
    /** The offence's threatened maximum prison term; 0 for an offence that carries only a fine. */
    readonly threatenedMaxMonths?: number | null;
    readonly imposed?: { readonly prisonMonths?: number | null; readonly fineRupiah?: number | null };
    /** Which imposed penalty the kerja sosial replaces; needed when both prison and a fine are imposed. */
    readonly replaces?: ReplacedPenalty | null;
    readonly nonComplianceSanction: NonComplianceSanction;
  };
  readonly diversion?: {
    readonly penetapanNumber: string;
    readonly agreementDate: LocalDate;
    /** An offence without a victim: the agreed service lasts at most 3 months (SPPA 10(2)). */
    readonly withoutVictim?: boolean;
  } | null;
  readonly conversion?: { readonly fineRupiah: number; readonly legalBasis: ConversionBasis } | null;
  readonly sentence: {
    readonly kind: SentenceKind;
    readonly hours: number;
    readonly maxHoursPerDay: number;
    readonly daysPerWeek?: number | null;
    readonly startDate: LocalDate;
    readonly deadline: LocalDate;
  };
  /** The consent the judge weighed (85(2)); missing or refused is flagged, not refused. */
  readonly consent?: { readonly given: boolean; readonly recordedOn: LocalDate } | null;
  /** Looked up from `clientId`; violations about it are reported on `clientId`. */
  readonly client: { readonly birthDate: LocalDate };
}

export interface ValidatedRegistration {
  readonly origin: CaseOrigin;
  readonly decisionNumber?: DecisionNumber;
  readonly level?: DecisionLevel;
  /** The penalty the kerja sosial replaces, stated or derived (a conversion replaces a fine). */
  readonly replaces?: ReplacedPenalty;
  readonly clientAgeOnDecision: number;
  readonly clientAgeAtOffence?: number;
  /** Days in `[startDate, deadline]`, both included. */
  readonly windowDays: number;
  readonly flags: readonly CaseFlag[];
}

export interface RegistrationOptions {
  readonly policy?: Pick<OfficePolicy, 'childMaxHoursPerDay'>;
  /** Court codes this deployment serves; omit to accept any well-formed code. */
  readonly allowedCourtCodes?: readonly string[];
}

export const includes = <T>(list: readonly T[], value: unknown): value is T =>
  (list as readonly unknown[]).includes(value);
export const present = (v: number | null | undefined): v is number => v !== undefined && v !== null;

/** Collects the violations (refusals) and flags of one registration. */
export class Findings {
  readonly violations: RuleViolation[] = [];
  readonly flags: CaseFlag[] = [];
  refuse(rule: RuleId, path: string, message: string) {
    this.violations.push(violation(rule, path, message));
  }
  flag(rule: RuleId, path: string, message: string) {
    this.flags.push({ rule, path, message });
  }
  has(path: string) {
    return this.violations.some((v) => v.path === path);
  }
}

export interface DatesOk {
  readonly decision: boolean;
  readonly start: boolean;
  readonly deadline: boolean;
  readonly birth: boolean;
  readonly offence: boolean;
}
