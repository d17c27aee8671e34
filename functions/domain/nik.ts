/**
 * NIK (Nomor Induk Kependudukan), the 16-digit national identity number on the KTP.
 *
 * Layout: province(2) + regency/city(2) + district/kecamatan(2) + birth date DDMMYY + serial(4). For a
 * woman 40 is added to the day, so a day part of 41–71 means female. The year has two digits; the
 * century is inferred as the latest one that does not put the birth after a reference date the caller
 * passes in (usually today or the decision date).
 */
import { formatYmd, isLocalDate, isValidYmd, type LocalDate } from './calendar';
import { fail, ok, resultOf, Rule, violation, type Result, type RuleViolation } from './rules';

/**
 * Province codes (kode wilayah, Kemendagri) as of the 2022 Papua split: 93 Papua Selatan, 94 Papua
 * Tengah, 95 Papua Pegunungan, 96 Papua Barat Daya. A NIK keeps the code of where it was issued.
 */
// prettier-ignore
export const PROVINCE_CODES: readonly string[] = [
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21',
  '31', '32', '33', '34', '35', '36',
  '51', '52', '53',
  '61', '62', '63', '64', '65',
  '71', '72', '73', '74', '75', '76',
  '81', '82',
  '91', '92', '93', '94', '95', '96',
];

export type Sex = 'M' | 'F';

export interface ParsedNik {
  readonly provinceCode: string;
  readonly regencyCode: string;
  readonly districtCode: string;
  /** `YYYY-MM-DD`, century inferred relative to the reference date. */
  readonly birthDate: LocalDate;
  readonly sex: Sex;
  readonly serial: string;
}

/**
 * Validates a NIK and reads what it encodes.
 * @param referenceDate the latest possible birth date (e.g. today); fixes the century of `YY`.
 * @param path the request field reported in violations.
 * @example parseNik('7371014501050003', '2026-03-01') // ok: born 2005-01-05, F, province 73
 */
export const parseNik = (nik: string, referenceDate: LocalDate, path = 'nik'): Result<ParsedNik> => {
  if (!/^\d{16}$/.test(nik)) return fail([violation(Rule.ID_NIK, path, 'NIK must be exactly 16 digits.')]);
  if (!isLocalDate(referenceDate)) throw new RangeError(`Bad reference date: ${referenceDate}`);

  const provinceCode = nik.slice(0, 2);
  const regencyCode = nik.slice(2, 4);
  const districtCode = nik.slice(4, 6);
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const serial = nik.slice(12, 16);

  const violations: RuleViolation[] = [];
  const bad = (message: string) => violations.push(violation(Rule.ID_NIK, path, message));
  if (!PROVINCE_CODES.includes(provinceCode)) bad(`NIK province code ${provinceCode} does not exist.`);
  if (regencyCode === '00') bad('NIK regency/city code cannot be 00.');
  if (districtCode === '00') bad('NIK district code cannot be 00.');
  if (serial === '0000') bad('NIK serial cannot be 0000.');

  const sex: Sex = rawDay > 40 ? 'F' : 'M';
  const day = sex === 'F' ? rawDay - 40 : rawDay;
  const refYear = Number(referenceDate.slice(0, 4));
  // Latest century that keeps the birth on or before the reference date.
  let year = Math.floor(refYear / 100) * 100 + yy;
  if (isValidYmd(year, month, day) && formatYmd(year, month, day) > referenceDate) year -= 100;
  else if (year > refYear) year -= 100;
  if (!isValidYmd(year, month, day)) {
    bad(`NIK birth date part ${nik.slice(6, 12)} is not a valid date (women add 40 to the day).`);
  }

  return resultOf(violations, () => ({
    provinceCode,
    regencyCode,
    districtCode,
    birthDate: formatYmd(year, month, day),
    sex,
    serial,
  }));
};

/** Boolean form of {@link parseNik}. */
export const isValidNik = (nik: string, referenceDate: LocalDate): boolean => parseNik(nik, referenceDate).ok;

/**
 * Checks a NIK against the client's recorded birth date and sex (rule ID-NIK-MATCH). A mismatch usually
 * means a typo in one of the fields; the caller decides whether it blocks or only warns.
 */
export const checkNikMatchesClient = (
  nik: string,
  client: { birthDate: LocalDate; sex: Sex },
  referenceDate: LocalDate,
  paths: { nik?: string; birthDate?: string; sex?: string } = {},
): Result<ParsedNik> => {
  const parsed = parseNik(nik, referenceDate, paths.nik ?? 'nik');
  if (!parsed.ok) return parsed;
  const violations: RuleViolation[] = [];
  // Compare day and month and the two-digit year: the century is only inferred.
  if (parsed.value.birthDate.slice(2) !== client.birthDate.slice(2)) {
    violations.push(
      violation(
        Rule.ID_NIK_MATCH,
        paths.birthDate ?? 'birthDate',
        'Birth date does not match the one in the NIK.',
      ),
    );
  }
  if (parsed.value.sex !== client.sex) {
    violations.push(
      violation(Rule.ID_NIK_MATCH, paths.sex ?? 'sex', 'Sex does not match the one in the NIK.'),
    );
  }
  return violations.length === 0 ? ok(parsed.value) : fail(violations);
};
