/**
 * Children's protections follow the age at the offence (issue 17, item 5; SPPA 1(3) and 20): a person
 * tried for something done at 17 keeps a child's protections at 19, and does not lose them on an 18th
 * birthday in the middle of the sentence. The moment a case on the children's track (or for an offence
 * before 18) is registered, the client is marked for good (`childAtOffence` on the client record); today's
 * age only adds protection, for a child not yet in any case.
 *
 * What the protections are, in Abdi: a guardian stays on record (CL-GUARDIAN), reminders go to the
 * guardian, letters address the hakim pengawas, and partner systems never see the child's full identity
 * (SPPA 19: a child's identity is kept confidential), only initials.
 */
import { ADULT_AGE, isChild } from '../client';
import { ageOn, type LocalDate } from '../calendar';

/** What decides whether a case makes its client a child at the offence. */
export interface CaseForChildProtection {
  readonly sentence: { readonly kind: 'kerja_sosial' | 'pelayanan_masyarakat' };
  readonly decision?: { readonly offenceDate?: LocalDate };
}

/**
 * Whether a case is for something its client did as a child (PDP-CHILD-AT-OFFENCE): on the children's
 * track, or with an offence date before the 18th birthday.
 * @example committedAsChild('2008-05-10', { sentence: { kind: 'kerja_sosial' }, decision: { offenceDate: '2026-05-09' } }) // true
 */
export const committedAsChild = (birthDate: LocalDate, record: CaseForChildProtection): boolean =>
  record.sentence.kind === 'pelayanan_masyarakat' ||
  (record.decision?.offenceDate !== undefined && ageOn(birthDate, record.decision.offenceDate) < ADULT_AGE);

/** Why a client has children's protections, or undefined when they do not. */
export type ChildProtection = 'age-at-offence' | 'age-today' | undefined;

/**
 * Whether the client has children's protections on the office's local date `today`
 * (PDP-CHILD-AT-OFFENCE): marked at an offence as a child, or a child today.
 */
export const childProtectionOf = (
  client: { readonly birthDate: LocalDate; readonly childAtOffence?: unknown },
  today: LocalDate,
): ChildProtection =>
  client.childAtOffence ? 'age-at-offence' : isChild(client.birthDate, today) ? 'age-today' : undefined;

/**
 * A child's name as a reader outside the office sees it: initials only (`Andi Saputra` → `A. S.`).
 * @example initialsOf('andi  saputra') === 'A. S.'
 */
export const initialsOf = (fullName: string): string =>
  fullName
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${word[0]!.toUpperCase()}.`)
    .join(' ');
