/**
 * Nomor putusan: the court's case number, at whichever level the decision became final (inkracht):
 * - first instance, Pengadilan Negeri: `231/Pid.B/2026/PN Mks`;
 * - appeal, Pengadilan Tinggi: `45/Pid.Sus-Anak/2026/PT Mks`, also written `45/PID/2026/PT MKS`;
 * - cassation at the Mahkamah Agung: `1234 K/Pid.Sus/2026`;
 * - review (peninjauan kembali) at the Mahkamah Agung: `56 PK/Pid/2026`.
 *
 * Letter case varies in practice, so types and court codes are matched without regard to case and
 * stored in their usual spelling. The year is the year the case was registered at that court, so a
 * decision may be dated a later year.
 */
import { fail, ok, Rule, violation, type Result } from './rules';

/**
 * Criminal case types (klasifikasi perkara): Pid.B ordinary (biasa), Pid.S short (singkat), Pid.C quick
 * (cepat), Pid.Sus special offences (khusus), Pid.Sus-Anak children; plain `Pid` is how appeal and
 * Supreme Court registries often write any criminal case.
 */
export const DECISION_TYPES = ['Pid.B', 'Pid.S', 'Pid.C', 'Pid.Sus', 'Pid.Sus-Anak', 'Pid'] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

/** The type a child's case (pelayanan masyarakat, SPPA) carries where the registry writes it out. */
export const CHILD_DECISION_TYPE: DecisionType = 'Pid.Sus-Anak';
/** The generic type that says nothing about whether the case is a child's. */
export const GENERIC_DECISION_TYPE: DecisionType = 'Pid';

/** The level of the court whose decision is executed. */
export const DECISION_LEVELS = ['first_instance', 'appeal', 'cassation', 'review'] as const;
export type DecisionLevel = (typeof DECISION_LEVELS)[number];

export interface DecisionNumber {
  readonly number: number;
  readonly type: DecisionType;
  readonly year: number;
  /**
   * The court code after `PN ` or `PT ` (e.g. `Mks`, `Plp`, `Jkt.Pst`), or `MA` for the Supreme Court.
   */
  readonly court: string;
  readonly level: DecisionLevel;
}

export interface DecisionNumberOptions {
  /**
   * PN and PT court codes the deployment accepts (e.g. `['Plp', 'Mks', 'Blp']`). Omit to accept any
   * well-formed code; the national list of 300+ courts changes, so it lives in deployment config.
   * The Supreme Court is always accepted.
   */
  readonly allowedCourtCodes?: readonly string[];
  /** Request field reported in violations. Default `decision.number`. */
  readonly path?: string;
}

// Court codes are letters, optionally in dotted or spaced parts: `Mks`, `Jkt.Pst` (Jakarta Pusat).
const COURT = '[A-Za-z]+(?:[. ][A-Za-z]+)*';
const NUMBER = '[1-9]\\d*';
const TYPE = '[A-Za-z][A-Za-z.-]*';
const REGIONAL = new RegExp(`^(${NUMBER})/(${TYPE})/(\\d{4})/(PN|PT) (${COURT})$`, 'i');
const SUPREME = new RegExp(`^(${NUMBER}) (K|PK)/(${TYPE})/(\\d{4})$`, 'i');

const LEVEL_OF_MARK: Readonly<Record<string, DecisionLevel>> = {
  PN: 'first_instance',
  PT: 'appeal',
  K: 'cassation',
  PK: 'review',
};

const EXAMPLES = '231/Pid.B/2026/PN Mks, 45/Pid/2026/PT Mks, 1234 K/Pid.Sus/2026 or 56 PK/Pid/2026';

/**
 * Parses and validates a nomor putusan of any level.
 * @example parseDecisionNumber('1234 K/pid.sus/2026') // ok: { number: 1234, type: 'Pid.Sus', year: 2026, court: 'MA', level: 'cassation' }
 */
export const parseDecisionNumber = (
  value: string,
  options: DecisionNumberOptions = {},
): Result<DecisionNumber> => {
  const path = options.path ?? 'decision.number';
  const refuse = (message: string) =>
    fail<DecisionNumber>([violation(Rule.ID_DECISION_NUMBER, path, message)]);
  const parts = splitNumber(value);
  if (!parts) {
    return refuse(
      `A decision number looks like ${EXAMPLES} (number without leading zero, type, 4-digit year).`,
    );
  }
  const type = canonicalType(parts.type);
  if (!type) return refuse(`Decision type ${parts.type} is not one of ${DECISION_TYPES.join(', ')}.`);
  const level = LEVEL_OF_MARK[parts.mark.toUpperCase()]!;
  const court = parts.court ?? 'MA';
  if (parts.court && options.allowedCourtCodes && !matchesCourt(options.allowedCourtCodes, parts.court)) {
    return refuse(`Court ${parts.mark.toUpperCase()} ${parts.court} is not served by this deployment.`);
  }
  const canonicalCourt = parts.court
    ? (options.allowedCourtCodes?.find((c) => c.toLowerCase() === court.toLowerCase()) ?? court)
    : court;
  return ok({ number: Number(parts.number), type, year: Number(parts.year), court: canonicalCourt, level });
};

function splitNumber(value: string) {
  const regional = REGIONAL.exec(value);
  if (regional) {
    const [, number, type, year, mark, court] = regional as unknown as string[];
    return { number: number!, type: type!, year: year!, mark: mark!, court };
  }
  const supreme = SUPREME.exec(value);
  if (supreme) {
    const [, number, mark, type, year] = supreme as unknown as string[];
    return { number: number!, type: type!, year: year!, mark: mark!, court: undefined };
  }
  return undefined;
}

const canonicalType = (written: string): DecisionType | undefined =>
  DECISION_TYPES.find((type) => type.toLowerCase() === written.toLowerCase());

const matchesCourt = (allowed: readonly string[], court: string) =>
  allowed.some((code) => code.toLowerCase() === court.toLowerCase());

export const isDecisionType = (value: string): value is DecisionType =>
  (DECISION_TYPES as readonly string[]).includes(value);

/** Whether a decision of this type may be a child's: Pid.Sus-Anak, or the generic type that hides it. */
export const mayBeChildDecision = (type: DecisionType): boolean =>
  type === CHILD_DECISION_TYPE || type === GENERIC_DECISION_TYPE;

/** Formats parts back into the canonical string of their level. */
export const formatDecisionNumber = (d: DecisionNumber): string => {
  switch (d.level) {
    case 'cassation':
      return `${d.number} K/${d.type}/${d.year}`;
    case 'review':
      return `${d.number} PK/${d.type}/${d.year}`;
    case 'appeal':
      return `${d.number}/${d.type}/${d.year}/PT ${d.court}`;
    case 'first_instance':
      return `${d.number}/${d.type}/${d.year}/PN ${d.court}`;
  }
};
