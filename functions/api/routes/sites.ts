import { changeSite } from '../../actions/sites/change-site';
import { findSites, readSite } from '../../actions/sites/queries';
import { recordSite } from '../../actions/sites/record-site';
import { access, staff } from '../access';
import { ifMatchRoute, officePath, pagedRoute, readAheadOf, recordRoute } from '../route-kit';
import { officeParams } from '../schemas/common';
import { createSiteBody, listSitesQuery, siteParams, siteSchema, updateSiteBody } from '../schemas/sites';

const readAheadSite = readAheadOf('site', 'siteId');

export const listSites = pagedRoute({
  operationId: 'listSites',
  path: '/v1/offices/{officeId}/sites',
  summary: "The office's work sites by name (a supervisor: their own sites only)",
  tags: ['sites'],
  access: access.office(staff.readers, 'cases:read'),
  params: officeParams,
  query: listSitesQuery,
  items: 'sites',
  item: siteSchema,
  // A supervisor's list (their own sites) is another list than the office's.
  list: ({ query, access: grant }) =>
    `${grant.siteIds ? 'supervisor-sites' : 'sites'}?partnerId=${query.partnerId ?? ''}&active=${query.active ?? ''}`,
  read: ({ query: { partnerId, active }, access: grant, deps }, page) =>
    findSites(deps, grant, { ...page, partnerId, active }),
});

export const createSite = recordRoute({
  operationId: 'createSite',
  method: 'POST',
  path: '/v1/offices/{officeId}/sites',
  summary: "Record a work site of one of the office's partners",
  tags: ['sites'],
  access: access.office(staff.adminOnly),
  params: officeParams,
  // The partner the new site belongs to (SITE-PARTNER), named by the body.
  readAhead: (_p, officeId, keys, body) => {
    const partnerId = body()?.partnerId;
    return partnerId ? [keys.partner(officeId, partnerId)] : [];
  },
  body: createSiteBody,
  responses: { 201: { description: 'Recorded', schema: siteSchema } },
  run: ({ access: grant, body, deps }) => recordSite(deps, grant, body),
  location: (site, grant) => officePath(grant, 'sites', site.id),
});

export const getSite = recordRoute({
  operationId: 'getSite',
  method: 'GET',
  path: '/v1/offices/{officeId}/sites/{siteId}',
  summary: 'One work site with its occupancy per weekday',
  tags: ['sites'],
  access: access.office(staff.readers, 'cases:read'),
  params: siteParams,
  readAhead: readAheadSite,
  responses: { 200: { description: 'The site', schema: siteSchema } },
  run: ({ access: grant, params, deps }) => readSite(deps, grant, params.siteId),
});

export const updateSite = ifMatchRoute({
  operationId: 'updateSite',
  method: 'PATCH',
  path: '/v1/offices/{officeId}/sites/{siteId}',
  summary:
    'Change a work site (If-Match required); capacity never below the placements of its busiest weekday',
  tags: ['sites'],
  access: access.office(staff.adminOnly),
  params: siteParams,
  readAhead: readAheadSite,
  body: updateSiteBody,
  responses: { 200: { description: 'Updated', schema: siteSchema } },
  change: ({ access: grant, params, body, deps }, expected) =>
    changeSite(deps, grant, { siteId: params.siteId, expected, changes: body }),
});
