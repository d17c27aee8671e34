/**
 * Whether a work session could have happened as recorded (issue 10, item 11), whoever records it (PK,
 * admin, integration or site supervisor): at the site of a placement of its case in force that day,
 * with a non-commercial partner whose agreement (PKS) held that day, and within the days a week the
 * decision allows. These are refusals: a session the placement, the agreement or the court's order
 * rules out is not a fact Abdi can record. Who may record where is recording.ts; how much a session
 * credits (and the daily cap on time worked) is crediting.ts.
 */
import { isoWeekday, weekStart, addDays, type LocalDate } from './calendar';
import { outcomeFlags, type SessionOutcome } from './attendance';
import type { PartnerForPlacement, ScheduledPlacement } from './placement';
import { Rule, violation, type RuleViolation } from './rules';

/** A placement of the case as the session rules read it. An ended placement's `until` is its last day. */
export type PlacementOnRecord = Pick<ScheduledPlacement, 'siteId' | 'weekdays' | 'from' | 'until'>;

/** The session as recorded: where, on which office-local date, and whether it was work. */
export interface SessionFacts {
  readonly date: LocalDate;
  readonly siteId: string;
  readonly outcome: SessionOutcome;
}

/** Another session of the same case in the session's ISO week, with the minutes it worked. */
export interface WorkInWeek {
  readonly date: LocalDate;
  readonly workedMinutes: number;
}

/** The seven dates of `date`'s ISO week, Monday first: the days CR-DAYS-PER-WEEK counts. */
export const isoWeekOf = (date: LocalDate): LocalDate[] =>
  Array.from({ length: 7 }, (_, i) => addDays(weekStart(date), i));

/**
 * The case's placement at `siteId` in force on `date`: `date` within its period (both ends included)
 * and on one of its weekdays. Ended placements count for the days they ran.
 */
export const placementInForce = <P extends PlacementOnRecord>(
  placements: readonly P[],
  siteId: string,
  date: LocalDate,
): P | undefined =>
  placements.find(
    (p) => p.siteId === siteId && p.from <= date && date <= p.until && p.weekdays.includes(isoWeekday(date)),
  );

/**
 * CR-SESSION-SITE: the session's site is that of a placement of its case in force on its date.
 * CR-SESSION-PARTNER: that site's partner is non-commercial (KUHP 85(3)) and its agreement is valid on
 * the session's date (`partner` undefined: the partner is not on record, which no agreement covers).
 */
export function sessionSiteViolations(
  session: Pick<SessionFacts, 'date' | 'siteId'>,
  placements: readonly PlacementOnRecord[],
  partner: PartnerForPlacement | undefined,
): RuleViolation[] {
  if (!placementInForce(placements, session.siteId, session.date)) {
    const atSite = placements.filter((p) => p.siteId === session.siteId);
    const message =
      atSite.length === 0
        ? 'The case has no placement at this site; record the session where the case is placed.'
        : `No placement of the case at this site covers ${session.date} ` +
          `(${atSite.map((p) => `${p.from} to ${p.until}, weekdays ${p.weekdays.join(',')}`).join('; ')}).`;
    return [violation(Rule.CR_SESSION_SITE, 'siteId', message)];
  }
  if (!partner) {
    return [violation(Rule.CR_SESSION_PARTNER, 'siteId', "The site's partner is not on record.")];
  }
  const v: RuleViolation[] = [];
  if (!partner.nonCommercial) {
    v.push(
      violation(
        Rule.CR_SESSION_PARTNER,
        'siteId',
        "The site's partner is commercial; kerja sosial must not be commercialised.",
      ),
    );
  }
  const { validFrom, validUntil } = partner.agreement;
  if (session.date < validFrom || (validUntil != null && session.date > validUntil)) {
    v.push(
      violation(
        Rule.CR_SESSION_PARTNER,
        'date',
        `The partner's agreement (PKS) is not valid on ${session.date} ` +
          `(valid from ${validFrom}${validUntil != null ? ` to ${validUntil}` : ''}).`,
      ),
    );
  }
  return v;
}

/**
 * CR-DAYS-PER-WEEK: with the decision's `daysPerWeek`, work on a day of the ISO week that has no work
 * of the case yet is refused once the week already has that many days of work. Only work uses a day:
 * an absence is recorded whatever the count (it is the fact a warning may cite), and a day with only
 * absences is not a day worked. No limit without `daysPerWeek`.
 */
export function daysPerWeekViolations(
  session: Pick<SessionFacts, 'date' | 'outcome'>,
  daysPerWeek: number | undefined,
  otherWork: readonly WorkInWeek[],
): RuleViolation[] {
  if (daysPerWeek === undefined || !outcomeFlags(session.outcome).credits) return [];
  const week = isoWeekOf(session.date);
  const days = new Set(
    otherWork.filter((w) => w.workedMinutes > 0 && week.includes(w.date)).map((w) => w.date),
  );
  if (days.has(session.date) || days.size < daysPerWeek) return [];
  return [
    violation(
      Rule.CR_DAYS_PER_WEEK,
      'date',
      `The decision allows ${daysPerWeek} day(s) of work a week; the week of ${week[0]} already has work ` +
        `on ${[...days].sort().join(', ')}.`,
    ),
  ];
}

/** Every reality check of a new session: CR-SESSION-SITE, CR-SESSION-PARTNER and CR-DAYS-PER-WEEK. */
export const sessionRealityViolations = (input: {
  readonly session: SessionFacts;
  readonly placements: readonly PlacementOnRecord[];
  readonly partner: PartnerForPlacement | undefined;
  readonly daysPerWeek: number | undefined;
  readonly otherWork: readonly WorkInWeek[];
}): RuleViolation[] => [
  ...sessionSiteViolations(input.session, input.placements, input.partner),
  ...daysPerWeekViolations(input.session, input.daysPerWeek, input.otherWork),
];
