/**
 * Partners (the counterparties of a cooperation agreement, PKS) and their work sites: the words the API
 * uses for them and the rules an admin's edits keep. Placing a client at a site is placement.ts.
 */
import { addDays, type LocalDate } from './calendar';
import { Rule, violation, type RuleViolation } from './rules';

export const PARTNER_KINDS = [
  'government',
  'religious',
  'education',
  'health',
  'social',
  'ngo',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const AGREEMENT_STATUSES = ['not_yet_valid', 'valid', 'expiring', 'expired'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** An agreement ending this many days from today or sooner is `expiring`. */
export const EXPIRING_WITHIN_DAYS = 30;

/**
 * PKS-STATUS: where an agreement stands on `today`, an office-local date. Both ends are valid days.
 * @example agreementStatus({ validFrom: '2026-01-12', validUntil: '2026-07-01' }, '2026-06-01') === 'expiring'
 */
export function agreementStatus(
  agreement: { readonly validFrom: LocalDate; readonly validUntil: LocalDate },
  today: LocalDate,
): AgreementStatus {
  if (today < agreement.validFrom) return 'not_yet_valid';
  if (today > agreement.validUntil) return 'expired';
  if (agreement.validUntil <= addDays(today, EXPIRING_WITHIN_DAYS)) return 'expiring';
  return 'valid';
}

/** ISO weekdays as the keys of a site's occupancy: "1" = Monday … "7" = Sunday. */
export const WEEKDAY_KEYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];
/** Active placements at a site per ISO weekday. */
export type Occupancy = Readonly<Record<WeekdayKey, number>>;

/** The most placements on any one weekday: the least capacity the site may have. */
export const busiestWeekday = (occupancy: Occupancy): number => Math.max(0, ...Object.values(occupancy));

/** SITE-CAPACITY: a capacity below the placements of the site's busiest weekday is refused. */
export function siteCapacityViolations(capacity: number, occupancy: Occupancy): RuleViolation[] {
  const occupied = busiestWeekday(occupancy);
  return capacity >= occupied
    ? []
    : [
        violation(
          Rule.SITE_CAPACITY,
          'capacity',
          `At least ${occupied}: placements fill that many places on one weekday.`,
        ),
      ];
}

/** SITE-PARTNER: a site names one of its office's partners (another office's is as unknown as none). */
export const sitePartnerViolations = (partnerInOffice: boolean): RuleViolation[] =>
  partnerInOffice ? [] : [violation(Rule.SITE_PARTNER, 'partnerId', 'No such partner in this office.')];

/** A site's occupancy keyed by ISO weekday number (1 = Monday), as placement rules count it. */
export const occupancyByIsoWeekday = (occupancy: Occupancy): Record<number, number> =>
  Object.fromEntries(WEEKDAY_KEYS.map((d) => [Number(d), occupancy[d]]));
