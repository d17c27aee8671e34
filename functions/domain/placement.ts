/**
 * Placing a client at a work site (`POST /cases/{caseId}/placements`).
 *
 * Weekdays are ISO numbers, 1 = Monday … 7 = Sunday.
 */
import { isLocalDate, isLocalTime, minutesBetween, type LocalDate, type LocalTime } from './calendar';
import { hoursToMinutes } from './hours';
import type { CaseStatus } from './lifecycle';
import {
  fail,
  joinPath,
  ok,
  resultOf,
  Rule,
  violation,
  type Result,
  type RuleId,
  type RuleViolation,
} from './rules';

/** A placement is active until it is ended (its places at the site given back). */
export const PLACEMENT_STATUSES = ['active', 'ended'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

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

/** A case gets a (further) placement once assessed and while the work is under way (LC-TRANSITION). */
export const PLACEABLE_STATUSES: readonly CaseStatus[] = ['assessed', 'placed', 'active', 'warned'];

/** Whether a case in `status` may be placed; reported on `caseId`. */
export const canPlace = (status: CaseStatus): Result<CaseStatus> =>
  PLACEABLE_STATUSES.includes(status)
    ? ok(status)
    : fail([violation(Rule.LC_TRANSITION, 'caseId', `The case is ${status}.`)]);

/** The status a case takes with a placement: an assessed case becomes placed, others keep theirs. */
export const statusAfterPlacement = (status: CaseStatus): CaseStatus =>
  status === 'assessed' ? 'placed' : status;

/** A placement of the case as it stands, as far as schedules and the current site care. */
export interface ScheduledPlacement extends PlacementRequest {
  readonly id: string;
  readonly status: PlacementStatus;
}

/**
 * The case's whole schedule per weekday: the new placement plus the case's other active placements
 * whose periods overlap it must fit the case's hours per day together (PL-PER-DAY), since one client
 * works at most that many hours on any day.
 */
export const combinedScheduleViolations = (
  req: PlacementRequest,
  others: readonly ScheduledPlacement[],
  maxHoursPerDay: number,
): RuleViolation[] => {
  const minutes = minutesBetween(req.startTime, req.endTime);
  if (minutes === undefined || minutes <= 0) return [];
  const limit = hoursToMinutes(maxHoursPerDay);
  const overlapping = others.filter(
    (p) => p.status === 'active' && p.from <= req.until && req.from <= p.until,
  );
  return req.weekdays.flatMap((day, i) => {
    const sameDay = overlapping.filter((p) => p.weekdays.includes(day));
    const total = sameDay.reduce((sum, p) => sum + (minutesBetween(p.startTime, p.endTime) ?? 0), minutes);
    return sameDay.length > 0 && total > limit
      ? [
          violation(
            Rule.PL_PER_DAY,
            joinPath('weekdays', i),
            `With the case's other placements (${sameDay.map((p) => p.id).join(', ')}) weekday ${day} ` +
              `would have ${total / 60} hours, over the case's ${maxHoursPerDay} hours a day.`,
          ),
        ]
      : [];
  });
};

/**
 * A new placement of a case: `validatePlacement`, and PL-WINDOW for a placement already over before
 * `today` (it would hold a place at the site for work nobody does), and PL-PER-DAY with the case's
 * other placements.
 */
export const validateNewPlacement = (
  req: PlacementRequest,
  ctx: PlacementContext & { readonly today: LocalDate; readonly others: readonly ScheduledPlacement[] },
): Result<PlacementRequest> => {
  const verdict = validatePlacement(req, ctx);
  return resultOf(
    [
      ...(verdict.ok ? [] : verdict.violations),
      ...(req.until < ctx.today && req.from <= req.until
        ? [violation(Rule.PL_WINDOW, 'until', `The placement would already be over (today is ${ctx.today}).`)]
        : []),
      ...combinedScheduleViolations(req, ctx.others, ctx.case.maxHoursPerDay),
    ],
    () => req,
  );
};

/**
 * PL-CAPACITY as the site's state refuses it: on `siteId`, naming the full weekdays (or all of them
 * when the site is not full on any, e.g. it filled and emptied meanwhile), then on each full weekday.
 */
export const capacityViolations = (
  weekdays: readonly number[],
  site: { readonly capacity: number; readonly occupancyByWeekday: Readonly<Partial<Record<number, number>>> },
): RuleViolation[] => {
  const full = weekdays.filter((d) => (site.occupancyByWeekday[d] ?? 0) >= site.capacity);
  return [
    violation(
      Rule.PL_CAPACITY,
      'siteId',
      `The site is full (capacity ${site.capacity}) on weekday ${(full.length ? full : weekdays).join(', ')}.`,
    ),
    ...weekdays.flatMap((d, i) =>
      full.includes(d)
        ? [violation(Rule.PL_CAPACITY, joinPath('weekdays', i), `The site is full on weekday ${d}.`)]
        : [],
    ),
  ];
};

/**
 * The last day of a placement ended on `requested`, or by default today (moved into the placement's
 * period when today lies outside it). PL-WINDOW: the end lies within the period.
 */
export const placementEndDate = (
  placement: Pick<ScheduledPlacement, 'from' | 'until'>,
  today: LocalDate,
  requested?: LocalDate,
): Result<LocalDate> => {
  const { from, until } = placement;
  const endOn = requested ?? (today < from ? from : today > until ? until : today);
  return resultOf(
    endOn < from || endOn > until
      ? [
          violation(
            Rule.PL_WINDOW,
            'query.endOn',
            `The placement runs from ${from} to ${until}; end it within that period.`,
          ),
        ]
      : [],
    () => endOn,
  );
};

/**
 * The case's current site once `ending` ends: unchanged unless it was that placement's site; then the
 * site of the newest other active placement (`placements` newest first), or none.
 */
export const siteAfterEnding = (
  currentSiteId: string | undefined,
  ending: Pick<ScheduledPlacement, 'id' | 'siteId'>,
  placements: readonly ScheduledPlacement[],
): string | undefined =>
  currentSiteId !== ending.siteId
    ? currentSiteId
    : placements.find((p) => p.status === 'active' && p.id !== ending.id)?.siteId;
