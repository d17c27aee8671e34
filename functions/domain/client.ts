/**
 * The client of a sentence (Klien Pemasyarakatan, or Anak for a child) as the office registers them.
 */
import { ageOn, type LocalDate } from './calendar';
import { checkNikMatchesClient, type Sex } from './nik';
import { resultOf, Rule, violation, type Result, type RuleViolation } from './rules';

/** Below this age a client is a child (Anak, UU 11/2012 SPPA) and needs a guardian on record. */
export const ADULT_AGE = 18;

/** Whether a client born on `birthDate` is a child on `today` (the office's local date). */
export const isChild = (birthDate: LocalDate, today: LocalDate): boolean =>
  ageOn(birthDate, today) < ADULT_AGE;

export interface ClientRegistrationInput {
  readonly nik: string;
  readonly birthDate: LocalDate;
  readonly sex: Sex;
  readonly guardian?: unknown;
  /** Marked by a case for an offence as a child: a guardian stays required after 18 (PDP-CHILD-AT-OFFENCE). */
  readonly childAtOffence?: unknown;
}

/**
 * The checks on a new client: the NIK agrees with the birth date and sex (ID-NIK-MATCH, ID-NIK), the
 * birth date has passed (CL-BIRTH-DATE) and a child has a guardian (CL-GUARDIAN): a child today, or, on a
 * correction, a client marked as a child at the offence.
 * @example validateClientRegistration({ nik, birthDate: '2011-02-01', sex: 'F' }, '2026-03-10') // CL-GUARDIAN
 */
export const validateClientRegistration = (
  input: ClientRegistrationInput,
  today: LocalDate,
): Result<ClientRegistrationInput> => {
  const nik = checkNikMatchesClient(input.nik, input, today);
  const violations: RuleViolation[] = nik.ok ? [] : [...nik.violations];
  if (input.birthDate > today) {
    violations.push(violation(Rule.CL_BIRTH_DATE, 'birthDate', 'The birth date is in the future.'));
  }
  if ((input.childAtOffence || isChild(input.birthDate, today)) && !input.guardian) {
    violations.push(violation(Rule.CL_GUARDIAN, 'guardian', 'A child needs a guardian (wali) on record.'));
  }
  return resultOf(violations, () => input);
};

/**
 * The refusal of a second client with a NIK the office already has (CL-NIK-UNIQUE). The store holds
 * the rule (a uniqueness guard written with the client); this is how it is reported.
 */
export const nikAlreadyRegistered = (): RuleViolation =>
  violation(Rule.CL_NIK_UNIQUE, 'nik', 'Already registered.');
