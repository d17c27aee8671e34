import { changePartner } from '../../actions/partners/change-partner';
import { findPartners, readPartner } from '../../actions/partners/queries';
import { recordPartner } from '../../actions/partners/record-partner';
import { access, staff } from '../access';
import { ifMatchRoute, officePath, pagedRoute, readAheadOf, recordRoute } from '../route-kit';
import { officeParams } from '../schemas/common';
import {
  createPartnerBody,
  listPartnersQuery,
  partnerParams,
  partnerSchema,
  updatePartnerBody,
} from '../schemas/partners';

const readAheadPartner = readAheadOf('partner', 'partnerId');

export const listPartners = pagedRoute({
  operationId: 'listPartners',
  path: '/v1/offices/{officeId}/partners',
  summary: "The office's partners and the state of their agreements (PKS), by name",
  tags: ['partners'],
  access: access.office(staff.readers, 'cases:read'),
  params: officeParams,
  query: listPartnersQuery,
  items: 'partners',
  item: partnerSchema,
  list: ({ query }) => `partners?kind=${query.kind ?? ''}`,
  read: ({ query, access: grant, deps }, page) => findPartners(deps, grant, { ...page, kind: query.kind }),
});

export const createPartner = recordRoute({
  operationId: 'createPartner',
  method: 'POST',
  path: '/v1/offices/{officeId}/partners',
  summary: 'Record a partner and its cooperation agreement (PKS)',
  tags: ['partners'],
  access: access.office(staff.adminOnly),
  params: officeParams,
  body: createPartnerBody,
  responses: { 201: { description: 'Recorded', schema: partnerSchema } },
  run: ({ access: grant, body, deps }) => recordPartner(deps, grant, body),
  location: (partner, grant) => officePath(grant, 'partners', partner.id),
});

export const getPartner = recordRoute({
  operationId: 'getPartner',
  method: 'GET',
  path: '/v1/offices/{officeId}/partners/{partnerId}',
  summary: 'One partner',
  tags: ['partners'],
  access: access.office(staff.readers, 'cases:read'),
  params: partnerParams,
  readAhead: readAheadPartner,
  responses: { 200: { description: 'The partner', schema: partnerSchema } },
  run: ({ access: grant, params, deps }) => readPartner(deps, grant, params.partnerId),
});

export const updatePartner = ifMatchRoute({
  operationId: 'updatePartner',
  method: 'PATCH',
  path: '/v1/offices/{officeId}/partners/{partnerId}',
  summary:
    'Change a partner or renew its agreement (If-Match required); `contact` and `agreement` are replaced whole',
  tags: ['partners'],
  access: access.office(staff.adminOnly),
  params: partnerParams,
  readAhead: readAheadPartner,
  body: updatePartnerBody,
  responses: { 200: { description: 'Updated', schema: partnerSchema } },
  change: ({ access: grant, params, body, deps }, expected) =>
    changePartner(deps, grant, { partnerId: params.partnerId, expected, changes: body }),
});
