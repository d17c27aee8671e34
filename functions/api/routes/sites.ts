import type * as z from 'zod';
import { changeSite } from '../../actions/sites/change-site';
import { findSites, readSite, type Site } from '../../actions/sites/queries';
import { recordSite } from '../../actions/sites/record-site';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { etag, expectedVersion } from '../preconditions';
import { defineRoute } from '../route';
import { officeParams } from '../schemas/common';
import { pageOf } from '../schemas/paging';
import { createSiteBody, listSitesQuery, siteParams, siteSchema, updateSiteBody } from '../schemas/sites';

type SiteParams = z.infer<typeof siteParams>;

const withEtag = (site: Site, status = 200, location?: string) => ({
  status,
  body: site,
  headers: { etag: etag(site.version), ...(location ? { location } : {}) },
});

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
  async handle({ access: grant, query, deps }) {
    // The filters are part of the list's identity: a cursor of one filter is refused by another, and a
    // supervisor's list (their own sites) is another list than the office's.
    const filters = `partnerId=${query.partnerId ?? ''}&active=${query.active ?? ''}`;
    const list = `${grant.siteIds ? 'supervisor-sites' : 'sites'}?${filters}`;
    const scope = { officeId: grant.office.id, list };
    const startKey = await deps.cursors.decode(scope, query.cursor);
    const { limit, partnerId, active } = query;
    const page = await findSites(deps, grant, { limit, startKey, partnerId, active });
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
    const site = await recordSite(deps, grant, body);
    return withEtag(site, 201, `/v1/offices/${grant.office.id}/sites/${site.id}`);
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
  async handle({ access: grant, params, deps }) {
    return withEtag(await readSite(deps, grant, params.siteId));
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
  async handle({ access: grant, params, body, deps, headers }) {
    const expected = expectedVersion(headers);
    return withEtag(await changeSite(deps, grant, { siteId: params.siteId, expected, changes: body }));
  },
});
