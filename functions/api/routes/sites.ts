import * as z from 'zod';
import { newId } from '../../store/audit';
import { keys } from '../../store/keys';
import {
  busiestWeekday,
  CapacityBelowOccupancy,
  PartnerMissing,
  SiteExists,
  type Site,
} from '../../store/site-store';
import { StaleVersion } from '../../store/user-store';
import { actorOf } from '../office-context';
import { access, staff } from '../access';
import type { GuardResult } from '../guard';
import { etag, expectedVersion } from '../preconditions';
import { problems } from '../problem';
import { defineRoute, type ApiDependencies, type RouteContext } from '../route';
import { officeParams } from '../schemas/common';
import { pageOf } from '../schemas/paging';
import { createSiteBody, listSitesQuery, siteParams, siteSchema, updateSiteBody } from '../schemas/sites';

type InOffice = Extract<GuardResult, { kind: 'office' }>;
type SiteParams = z.infer<typeof siteParams>;

const withEtag = (site: Site, status = 200) => ({
  status,
  body: site,
  headers: { etag: etag(site.version) },
});

const unknownPartner = () =>
  problems.invalidInput([{ path: 'partnerId', message: 'No such partner in this office.' }]);

const capacityConflict = (occupied: number) =>
  problems.conflict('The site has more placements on one weekday than the new capacity.', [
    { path: 'capacity', message: `At least ${occupied}: placements fill that many places on one weekday.` },
  ]);

/** A site's partner must be one of this office's; anything else is a bad `partnerId`, not a 404. */
async function requirePartner(deps: ApiDependencies, officeId: string, partnerId: string) {
  if (!(await deps.partners.get(officeId, partnerId))) throw unknownPartner();
}

/**
 * Loads the site or answers 404. A supervisor (pengawas lapangan) sees only their own sites: any other
 * is as invisible as a site of another office.
 */
async function loadSite(context: RouteContext<SiteParams, unknown, unknown, InOffice>) {
  const { access: grant, params, deps } = context;
  const notFound = () => problems.notFound('No such site in this office.');
  if (grant.siteIds && !grant.siteIds.includes(params.siteId)) throw notFound();
  const site = await deps.sites.get(grant.office.id, params.siteId);
  if (!site) throw notFound();
  return site;
}

export const listSites = defineRoute<
  z.infer<typeof officeParams>,
  z.infer<typeof listSitesQuery>,
  unknown,
  InOffice
>({
  operationId: 'listSites',
  method: 'GET',
  path: '/v1/offices/{officeId}/sites',
  summary: "The office's work sites by name (a supervisor: their own sites only)",
  tags: ['sites'],
  access: access.office(staff.readers, 'cases:read'),
  params: officeParams,
  query: listSitesQuery,
  responses: { 200: { description: 'A page of sites', schema: pageOf(siteSchema) } },
  async handle({ access: { office, siteIds }, query, deps }) {
    // The filters are part of the list's identity: a cursor of one filter is refused by another.
    const filters = `partnerId=${query.partnerId ?? ''}&active=${query.active ?? ''}`;
    if (siteIds) {
      // A supervisor's handful of sites: one BatchGet, filtered and paged here by name.
      const scope = { officeId: office.id, list: `supervisor-sites?${filters}` };
      const after = (await deps.cursors.decode(scope, query.cursor))?.after;
      const mine = (await deps.sites.getMany(office.id, siteIds)).filter(
        (site) =>
          (query.partnerId === undefined || site.partnerId === query.partnerId) &&
          (query.active === undefined || site.active === query.active) &&
          (typeof after !== 'string' || keys.byName(site.name, site.id) > after),
      );
      const items = mine.slice(0, query.limit);
      const last = items.at(-1);
      const more = mine.length > items.length && last !== undefined;
      return {
        status: 200,
        body: {
          items,
          nextCursor: more
            ? await deps.cursors.encode(scope, { after: keys.byName(last.name, last.id) })
            : null,
        },
      };
    }
    const scope = { officeId: office.id, list: `sites?${filters}` };
    const startKey = await deps.cursors.decode(scope, query.cursor);
    const page = await deps.sites.list(office.id, {
      limit: query.limit,
      startKey,
      partnerId: query.partnerId,
      active: query.active,
    });
    return {
      status: 200,
      body: { items: page.items, nextCursor: await deps.cursors.encode(scope, page.lastKey) },
    };
  },
});

export const createSite = defineRoute<
  z.infer<typeof officeParams>,
  unknown,
  z.infer<typeof createSiteBody>,
  InOffice
>({
  operationId: 'createSite',
  method: 'POST',
  path: '/v1/offices/{officeId}/sites',
  summary: "Record a work site of one of the office's partners",
  tags: ['sites'],
  access: access.office(staff.adminOnly),
  params: officeParams,
  body: createSiteBody,
  responses: { 201: { description: 'Recorded', schema: siteSchema } },
  async handle({ access: grant, body, deps }) {
    const officeId = grant.office.id;
    await requirePartner(deps, officeId, body.partnerId);
    const now = deps.now();
    let site: Site;
    try {
      site = await deps.sites.create(officeId, newId(now), body, actorOf(grant, now));
    } catch (error) {
      if (error instanceof PartnerMissing) throw unknownPartner();
      if (error instanceof SiteExists) throw problems.conflict('A site with this id already exists.');
      throw error;
    }
    const response = withEtag(site, 201);
    return {
      ...response,
      headers: { ...response.headers, location: `/v1/offices/${officeId}/sites/${site.id}` },
    };
  },
});

export const getSite = defineRoute<SiteParams, unknown, unknown, InOffice>({
  operationId: 'getSite',
  method: 'GET',
  path: '/v1/offices/{officeId}/sites/{siteId}',
  summary: 'One work site with its occupancy per weekday',
  tags: ['sites'],
  access: access.office(staff.readers, 'cases:read'),
  params: siteParams,
  responses: { 200: { description: 'The site', schema: siteSchema } },
  async handle(context) {
    return withEtag(await loadSite(context));
  },
});

export const updateSite = defineRoute<SiteParams, unknown, z.infer<typeof updateSiteBody>, InOffice>({
  operationId: 'updateSite',
  method: 'PATCH',
  path: '/v1/offices/{officeId}/sites/{siteId}',
  summary:
    'Change a work site (If-Match required); capacity never below the placements of its busiest weekday',
  tags: ['sites'],
  access: access.office(staff.adminOnly),
  params: siteParams,
  body: updateSiteBody,
  responses: { 200: { description: 'Updated', schema: siteSchema } },
  async handle(context) {
    const { access: grant, body, deps, headers } = context;
    const expected = expectedVersion(headers);
    const site = await loadSite(context);
    if (site.version !== expected) throw problems.preconditionFailed();
    if (body.partnerId !== undefined && body.partnerId !== site.partnerId) {
      await requirePartner(deps, grant.office.id, body.partnerId);
    }
    const occupied = busiestWeekday(site.occupancy);
    if (body.capacity !== undefined && body.capacity < occupied) throw capacityConflict(occupied);
    let updated: Site;
    try {
      updated = await deps.sites.update(grant.office.id, site, body, expected, actorOf(grant, deps.now()));
    } catch (error) {
      if (error instanceof StaleVersion) throw problems.preconditionFailed();
      if (error instanceof CapacityBelowOccupancy) throw capacityConflict(error.occupied);
      if (error instanceof PartnerMissing) throw unknownPartner();
      throw error;
    }
    return withEtag(updated);
  },
});
