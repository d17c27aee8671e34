/**
 * Nomor putusan: the court's case number, `number/type/year/PN court-code`, e.g. `231/Pid.B/2026/PN Mks`
 * (case 231 of 2026, ordinary criminal, Pengadilan Negeri Makassar).
 *
 * The year is the year the case was registered at the court, so a decision may be dated a later year.
 */
import { fail, ok, Rule, violation, type Result } from './rules';

/**
 * Criminal case types (klasifikasi perkara) this system accepts: Pid.B ordinary (biasa), Pid.Sus special
 * offences (khusus), Pid.Sus-Anak children, Pid.C quick procedure (cepat).
 */
export const DECISION_TYPES = ['Pid.B', 'Pid.Sus', 'Pid.Sus-Anak', 'Pid.C'] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

/** The type a child's case (pelayanan masyarakat, SPPA) must carry. */
export const CHILD_DECISION_TYPE: DecisionType = 'Pid.Sus-Anak';

export interface DecisionNumber {
  readonly number: number;
  readonly type: DecisionType;
  readonly year: number;
  /** The court code after `PN `, e.g. `Mks`, `Plp`, `Jkt.Pst`. */
  readonly court: string;
}

export interface DecisionNumberOptions {
  /**
   * Court codes the deployment accepts (e.g. `['Plp', 'Mks', 'Blp']`). Omit to accept any well-formed code;
   * the national list of 300+ courts changes, so it lives in deployment config, not here.
   */
  readonly allowedCourtCodes?: readonly string[];
  /** Request field reported in violations. Default `decision.number`. */
  readonly path?: string;
}

// Court codes are letters, optionally in dotted or spaced parts: `Mks`, `Jkt.Pst` (Jakarta Pusat),
// `Tjk` — the dot appears in real Jakarta codes even though most codes are letters only.
const FORMAT = /^([1-9]\d*)\/([A-Za-z.-]+)\/(\d{4})\/PN ([A-Za-z]+(?:[. ][A-Za-z]+)*)$/;

/**
 * Parses and validates a nomor putusan.
 * @example parseDecisionNumber('231/Pid.B/2026/PN Mks') // ok: { number: 231, type: 'Pid.B', year: 2026, court: 'Mks' }
 */
export const parseDecisionNumber = (
  value: string,
  options: DecisionNumberOptions = {},
): Result<DecisionNumber> => {
  const path = options.path ?? 'decision.number';
  const m = FORMAT.exec(value);
  if (m === null) {
    return fail([
      violation(
        Rule.ID_DECISION_NUMBER,
        path,
        'Decision number must look like 231/Pid.B/2026/PN Mks (number without leading zero, type, 4-digit year, court).',
      ),
    ]);
  }
  const [, num, type, year, court] = m as unknown as [string, string, string, string, string];
  if (!isDecisionType(type)) {
    return fail([
      violation(
        Rule.ID_DECISION_NUMBER,
        path,
        `Decision type ${type} is not one of ${DECISION_TYPES.join(', ')}.`,
      ),
    ]);
  }
  if (options.allowedCourtCodes !== undefined && !options.allowedCourtCodes.includes(court)) {
    return fail([
      violation(Rule.ID_DECISION_NUMBER, path, `Court PN ${court} is not served by this deployment.`),
    ]);
  }
  return ok({ number: Number(num), type, year: Number(year), court });
};

export const isDecisionType = (value: string): value is DecisionType =>
  (DECISION_TYPES as readonly string[]).includes(value);

/** Formats parts back into the canonical string. */
export const formatDecisionNumber = (d: DecisionNumber): string =>
  `${d.number}/${d.type}/${d.year}/PN ${d.court}`;
