/**
 * Placing a client at a work site (`POST /cases/{caseId}/placements`).
 *
 * Weekdays are ISO numbers, 1 = Monday … 7 = Sunday.
 */
import { isLocalDate, isLocalTime, minutesBetween, type LocalDate, type LocalTime } from './calendar';
import { hoursToMinutes } from './hours';
import { joinPath, resultOf, Rule, violation, type Result, type RuleId, type RuleViolation } from './rules';

export interface PlacementRequest {
  readonly siteId: string;
  readonly weekdays: readonly number[];
  readonly startTime: LocalTime;
  readonly endTime: LocalTime;
  readonly from: LocalDate;
  readonly until: LocalDate;
}

export interface PartnerForPlacement {
  /** KUHP 85(3): kerja sosial must not be commercialised. */
  readonly nonCommercial: boolean;
  /** The cooperation agreement (PKS). `validUntil` absent means open-ended. */
  readonly agreement: { readonly validFrom: LocalDate; readonly validUntil?: LocalDate | null };
}

export interface SiteForPlacement {
  readonly active: boolean;
  /** Clients at once. */
  readonly capacity: number;
}

export interface CaseForPlacement {
  readonly startDate: LocalDate;
  readonly deadline: LocalDate;
  readonly maxHoursPerDay: number;
}

export interface PlacementContext {
  readonly partner: PartnerForPlacement;
  readonly site: SiteForPlacement;
  readonly case: CaseForPlacement;
  /**
   * Other placements at the site per ISO weekday whose periods overlap `[from, until]`. Time of day is not
   * considered: two clients on the same weekday count against capacity even at different hours, which is
   * conservative and keeps the store's counter a simple per-weekday number.
   */
  readonly occupancyByWeekday: Readonly<Partial<Record<number, number>>>;
}

/**
 * Checks a placement. Rules: PL-NONCOMMERCIAL, PL-AGREEMENT, PL-SITE-ACTIVE, PL-CAPACITY, PL-PER-DAY,
 * PL-WINDOW, PL-WEEKDAYS, TIME-RANGE and INPUT-FORMAT. Partner and site problems are reported on `siteId`,
 * the request field that brought them in.
 */
export const validatePlacement = (req: PlacementRequest, ctx: PlacementContext): Result<PlacementRequest> => {
  const v: RuleViolation[] = [];
  const add = (rule: RuleId, path: string, message: string) => v.push(violation(rule, path, message));

  if (!ctx.partner.nonCommercial) {
    add(
      Rule.PL_NONCOMMERCIAL,
      'siteId',
      'The partner is commercial; kerja sosial must not be commercialised.',
    );
  }
  if (!ctx.site.active) add(Rule.PL_SITE_ACTIVE, 'siteId', 'The site is not active.');

  const fromOk = isLocalDate(req.from);
  const untilOk = isLocalDate(req.until);
  if (!fromOk) add(Rule.INPUT_FORMAT, 'from', 'From must be a YYYY-MM-DD date.');
  if (!untilOk) add(Rule.INPUT_FORMAT, 'until', 'Until must be a YYYY-MM-DD date.');
  if (fromOk && untilOk) {
    if (req.until < req.from) add(Rule.PL_WINDOW, 'until', 'Until must not be before from.');
    if (req.from < ctx.case.startDate) {
      add(Rule.PL_WINDOW, 'from', `The placement cannot start before the sentence (${ctx.case.startDate}).`);
    }
    if (req.until > ctx.case.deadline) {
      add(Rule.PL_WINDOW, 'until', `The placement cannot run past the deadline (${ctx.case.deadline}).`);
    }
    const { validFrom, validUntil } = ctx.partner.agreement;
    if (req.from < validFrom) {
      add(Rule.PL_AGREEMENT, 'from', `The partner's agreement is only valid from ${validFrom}.`);
    }
    if (validUntil !== undefined && validUntil !== null && req.until > validUntil) {
      add(Rule.PL_AGREEMENT, 'until', `The partner's agreement ends on ${validUntil}.`);
    }
  }

  if (!isLocalTime(req.startTime)) add(Rule.INPUT_FORMAT, 'startTime', 'Start time must be HH:mm.');
  if (!isLocalTime(req.endTime)) add(Rule.INPUT_FORMAT, 'endTime', 'End time must be HH:mm.');
  const minutes = minutesBetween(req.startTime, req.endTime);
  if (minutes !== undefined) {
    if (minutes <= 0) add(Rule.TIME_RANGE, 'endTime', 'End time must be after start time.');
    else if (minutes > hoursToMinutes(ctx.case.maxHoursPerDay)) {
      add(
        Rule.PL_PER_DAY,
        'endTime',
        `The schedule exceeds the case's ${ctx.case.maxHoursPerDay} hours a day.`,
      );
    }
  }

  if (req.weekdays.length === 0) add(Rule.PL_WEEKDAYS, 'weekdays', 'Choose at least one weekday.');
  const seen = new Set<number>();
  req.weekdays.forEach((d, i) => {
    const path = joinPath('weekdays', i);
    if (!Number.isInteger(d) || d < 1 || d > 7)
      add(Rule.PL_WEEKDAYS, path, 'A weekday is 1 (Monday) to 7 (Sunday).');
    else if (seen.has(d)) add(Rule.PL_WEEKDAYS, path, 'The weekday is listed twice.');
    else {
      seen.add(d);
      if ((ctx.occupancyByWeekday[d] ?? 0) + 1 > ctx.site.capacity) {
        add(Rule.PL_CAPACITY, path, `The site is full on weekday ${d} (capacity ${ctx.site.capacity}).`);
      }
    }
  });

  return resultOf(v, () => req);
};
