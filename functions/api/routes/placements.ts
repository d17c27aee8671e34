import * as z from 'zod';
import {
  hoursToMinutes,
  minutesBetween,
  Rule,
  validatePlacement,
  violation,
  type CaseStatus,
  type RuleViolation,
} from '../../domain';
import type { CaseRecord } from '../../store/case-store';
import { caseIdOfPlacement, placementIdFor, type PlacementRecord } from '../../store/placement-store';
import { WEEKDAY_KEYS, type Site } from '../../store/site-store';
import { ConditionFailed } from '../../store/transactions';
import { retryOnCaseRace } from '../case-races';
import { access, staff } from '../access';
import { violationsProblem } from '../domain-errors';
import type { GuardResult } from '../guard';
import { HttpProblem, problems, type FieldError } from '../problem';
import { defineRoute, type ApiDependencies } from '../route';
import {
  caseIdParams,
  createPlacementBody,
  endPlacementQuery,
  listPlacementsQuery,
  placementParams,
  placementSchema,
} from '../schemas/placements';
import { pageOf } from '../schemas/paging';
import { actorOf, officeToday } from '../office-context';
import { loadVisibleCase } from './cases';

const RACE_DETAIL = 'The case or the site changed while this request ran; try again.';

type InOffice = Extract<GuardResult, { kind: 'office' }>;
type CaseParams = z.infer<typeof caseIdParams>;
type CreateBody = z.infer<typeof createPlacementBody>;

const PLACEMENT_WRITERS = ['admin', 'officer', 'integration'] as const;
/** A case gets a (further) placement once assessed and while the work is under way. */
const PLACEABLE: ReadonlySet<CaseStatus> = new Set(['assessed', 'placed', 'active', 'warned']);
/** Re-reads and re-checks after losing a race on the case or a transaction conflict on the site. */

/** The response shape. */
export const presentPlacement = (p: PlacementRecord) => ({
  id: p.id,
  caseId: p.caseId,
  siteId: p.siteId,
  weekdays: p.weekdays,
  startTime: p.startTime,
  endTime: p.endTime,
  from: p.from,
  until: p.until,
  status: p.status,
  createdAt: p.createdAt,
});

/** Places on the site are a conflict with its current state (409), named on `siteId` and each weekday. */
function capacityConflict(site: Site, weekdays: readonly number[]) {
  const full = weekdays.filter(
    (d) => site.occupancy[String(d) as (typeof WEEKDAY_KEYS)[number]] >= site.capacity,
  );
  const errors: FieldError[] = [
    {
      path: 'siteId',
      rule: Rule.PL_CAPACITY,
      message: `The site is full (capacity ${site.capacity}) on weekday ${(full.length ? full : weekdays).join(', ')}.`,
    },
    ...weekdays.flatMap((d, i) =>
      full.includes(d)
        ? [{ path: `weekdays.${i}`, rule: Rule.PL_CAPACITY, message: `The site is full on weekday ${d}.` }]
        : [],
    ),
  ];
  return problems.conflict('The site has no free place on some of these weekdays.', errors);
}

/**
 * The case's whole schedule per weekday: the new placement plus the case's other active placements
 * whose periods overlap it must fit the case's hours per day together (PL-PER-DAY), since one client
 * works at most that many hours on any day. Race-free: every placement change saves the case with a
 * version check, so two placements of one case are never checked against the same stale list.
 */
function combinedScheduleViolations(
  body: CreateBody,
  others: readonly PlacementRecord[],
  maxHoursPerDay: number,
): RuleViolation[] {
  const minutes = minutesBetween(body.startTime, body.endTime);
  if (minutes === undefined || minutes <= 0) return [];
  const limit = hoursToMinutes(maxHoursPerDay);
  const overlapping = others.filter(
    (p) => p.status === 'active' && p.from <= body.until && body.from <= p.until,
  );
  return body.weekdays.flatMap((day, i) => {
    const sameDay = overlapping.filter((p) => p.weekdays.includes(day));
    const total = sameDay.reduce((sum, p) => sum + (minutesBetween(p.startTime, p.endTime) ?? 0), minutes);
    return sameDay.length > 0 && total > limit
      ? [
          violation(
            Rule.PL_PER_DAY,
            `weekdays.${i}`,
            `With the case's other placements (${sameDay.map((p) => p.id).join(', ')}) weekday ${day} ` +
              `would have ${total / 60} hours, over the case's ${maxHoursPerDay} hours a day.`,
          ),
        ]
      : [];
  });
}

async function loadSite(deps: ApiDependencies, officeId: string, siteId: string) {
  const site = await deps.sites.get(officeId, siteId);
  if (!site) throw problems.invalidInput([{ path: 'siteId', message: 'No such site in this office.' }]);
  const partner = await deps.partners.get(officeId, site.partnerId);
  if (!partner) {
    throw problems.invalidInput([
      { path: 'siteId', message: "The site's partner is not a partner of this office." },
    ]);
  }
  return { site, partner };
}

export const createPlacement = defineRoute<CaseParams, unknown, CreateBody, InOffice>({
  operationId: 'createPlacement',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases/{caseId}/placements',
  summary: 'Place the client at a work site on a weekly schedule; an assessed case becomes placed',
  tags: ['placements'],
  access: access.office(PLACEMENT_WRITERS, 'cases:write'),
  params: caseIdParams,
  body: createPlacementBody,
  responses: {
    201: { description: 'Placed; the site keeps one place per weekday for it', schema: placementSchema },
  },
  async handle({ access: grant, params, body, deps }) {
    const officeId = grant.office.id;
    const now = deps.now();
    const today = officeToday(grant.office, now);
    const actor = actorOf(grant, now);
    const placement = await retryOnCaseRace(async () => {
      const current = await loadVisibleCase(deps, grant, params.caseId);
      if (!PLACEABLE.has(current.status)) {
        throw problems.conflict('A case is placed once assessed, and until its work ends.', [
          { path: 'caseId', rule: Rule.LC_TRANSITION, message: `The case is ${current.status}.` },
        ]);
      }
      const [{ site, partner }, others] = await Promise.all([
        loadSite(deps, officeId, body.siteId),
        deps.placements.list(officeId, current.id),
      ]);
      const verdict = validatePlacement(body, {
        partner: { nonCommercial: partner.nonCommercial, agreement: partner.agreement },
        site: { active: site.active, capacity: site.capacity },
        case: {
          startDate: current.sentence.startDate,
          deadline: current.sentence.deadline,
          maxHoursPerDay: current.sentence.maxHoursPerDay,
        },
        occupancyByWeekday: Object.fromEntries(WEEKDAY_KEYS.map((d) => [Number(d), site.occupancy[d]])),
      });
      const violations = [
        ...(verdict.ok ? [] : verdict.violations),
        // A placement that is over before today would hold a place at the site for work nobody does.
        ...(body.until < today && body.from <= body.until
          ? [violation(Rule.PL_WINDOW, 'until', `The placement would already be over (today is ${today}).`)]
          : []),
        ...combinedScheduleViolations(body, others.items, current.sentence.maxHoursPerDay),
      ];
      if (violations.length > 0) {
        if (violations.every((v) => v.rule === Rule.PL_CAPACITY)) throw capacityConflict(site, body.weekdays);
        throw violationsProblem(violations, 'The placement breaks a rule of the sentence or the law.');
      }
      const record: PlacementRecord = {
        id: placementIdFor(current.id, now),
        officeId,
        caseId: current.id,
        siteId: site.id,
        weekdays: [...body.weekdays].sort((a, b) => a - b),
        startTime: body.startTime,
        endTime: body.endTime,
        from: body.from,
        until: body.until,
        status: 'active',
        createdAt: now.toISOString(),
      };
      const next: CaseRecord = {
        ...current,
        status: current.status === 'assessed' ? 'placed' : current.status,
        currentSiteId: site.id,
      };
      try {
        await deps.cases.save(
          current,
          next,
          { ...actor, action: 'placement.create', record: { name: 'placement', after: record } },
          deps.placements.createItems(record),
        );
      } catch (error) {
        // CaseStore.save turns the case's own condition into StaleCase; the only other conditions are
        // the new placement's (a fresh id) and the site's, so this is the site: full, or deactivated.
        if (!(error instanceof ConditionFailed)) throw error;
        const { site: fresh } = await loadSite(deps, officeId, site.id);
        if (!fresh.active) {
          throw problems.conflict('The site was deactivated meanwhile.', [
            { path: 'siteId', rule: Rule.PL_SITE_ACTIVE, message: 'The site is not active.' },
          ]);
        }
        throw capacityConflict(fresh, record.weekdays);
      }
      return record;
    }, RACE_DETAIL);
    return {
      status: 201,
      body: presentPlacement(placement),
      headers: { location: `/v1/offices/${officeId}/placements/${placement.id}` },
    };
  },
});

export const listPlacements = defineRoute<CaseParams, z.infer<typeof listPlacementsQuery>, unknown, InOffice>(
  {
    operationId: 'listPlacements',
    method: 'GET',
    path: '/v1/offices/{officeId}/cases/{caseId}/placements',
    summary: "A case's placements, newest first (a supervisor: those at their own sites)",
    tags: ['placements'],
    access: access.office(staff.readers, 'cases:read'),
    params: caseIdParams,
    query: listPlacementsQuery,
    responses: { 200: { description: 'A page of placements', schema: pageOf(placementSchema) } },
    async handle({ access: grant, params, query, deps }) {
      const record = await loadVisibleCase(deps, grant, params.caseId);
      const scope = { officeId: grant.office.id, list: `placements:${record.id}` };
      const page = await deps.placements.list(grant.office.id, record.id, {
        limit: query.limit,
        startKey: await deps.cursors.decode(scope, query.cursor),
      });
      const siteIds = grant.siteIds;
      const items = siteIds ? page.items.filter((p) => siteIds.includes(p.siteId)) : page.items;
      return {
        status: 200,
        body: {
          items: items.map(presentPlacement),
          nextCursor: await deps.cursors.encode(scope, page.lastKey),
        },
      };
    },
  },
);

export const endPlacement = defineRoute<
  z.infer<typeof placementParams>,
  z.infer<typeof endPlacementQuery>,
  unknown,
  InOffice
>({
  operationId: 'endPlacement',
  method: 'DELETE',
  path: '/v1/offices/{officeId}/placements/{placementId}',
  summary: 'End a placement from a date on (default today) and give its places back to the site',
  tags: ['placements'],
  access: access.office(PLACEMENT_WRITERS, 'cases:write'),
  params: placementParams,
  query: endPlacementQuery,
  responses: {
    200: { description: 'The ended placement (unchanged if it had ended already)', schema: placementSchema },
  },
  async handle({ access: grant, params, query, deps }) {
    const officeId = grant.office.id;
    // The schema accepted the id, so the case id is in it (see PLACEMENT_ID).
    const caseId = caseIdOfPlacement(params.placementId) ?? '';
    const now = deps.now();
    const today = officeToday(grant.office, now);
    const actor = actorOf(grant, now);
    const notFound = () => problems.notFound('No such placement in this office.');
    const ended = await retryOnCaseRace(async () => {
      const current = await loadVisibleCase(deps, grant, caseId).catch((error: unknown) => {
        throw error instanceof HttpProblem && error.status === 404 ? notFound() : error;
      });
      const all = (await deps.placements.list(officeId, caseId)).items;
      const placement = all.find((p) => p.id === params.placementId);
      if (!placement) throw notFound();
      if (placement.status === 'ended') return placement;
      const endOn =
        query.endOn ??
        (today < placement.from ? placement.from : today > placement.until ? placement.until : today);
      if (endOn < placement.from || endOn > placement.until) {
        throw problems.invalidInput([
          {
            path: 'query.endOn',
            rule: Rule.PL_WINDOW,
            message: `The placement runs from ${placement.from} to ${placement.until}; end it within that period.`,
          },
        ]);
      }
      const result: PlacementRecord = {
        ...placement,
        until: endOn,
        status: 'ended',
        endedAt: now.toISOString(),
      };
      await deps.cases.save(
        current,
        nextCurrentSite(current, placement, all),
        {
          ...actor,
          action: 'placement.end',
          record: { name: 'placement', before: placement, after: result },
        },
        deps.placements.endItems(placement, result),
      );
      return result;
    }, RACE_DETAIL);
    return { status: 200, body: presentPlacement(ended) };
  },
});

/**
 * The case's current site after `ending` ends: unchanged unless it was this placement's site; then the
 * site of the newest other active placement, or none.
 */
function nextCurrentSite(
  current: CaseRecord,
  ending: PlacementRecord,
  all: readonly PlacementRecord[],
): CaseRecord {
  if (current.currentSiteId !== ending.siteId) return current;
  const { currentSiteId: _previous, ...rest } = current;
  // `all` is newest first.
  const still = all.find((p) => p.status === 'active' && p.id !== ending.id);
  return still ? { ...rest, currentSiteId: still.siteId } : rest;
}
