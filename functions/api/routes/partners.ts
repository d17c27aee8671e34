import type * as z from 'zod';
import { changePartner } from '../../actions/partners/change-partner';
import { findPartners, readPartner, type PartnerView } from '../../actions/partners/queries';
import { recordPartner } from '../../actions/partners/record-partner';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { etag, expectedVersion } from '../preconditions';
import { defineRoute } from '../route';
import { officeParams } from '../schemas/common';
import { pageOf } from '../schemas/paging';
import {
  createPartnerBody,
  listPartnersQuery,
  partnerParams,
  partnerSchema,
  updatePartnerBody,
} from '../schemas/partners';

type PartnerParams = z.infer<typeof partnerParams>;

const withEtag = (partner: PartnerView, status = 200, location?: string) => ({
  status,
  body: partner,
  headers: { etag: etag(partner.version), ...(location ? { location } : {}) },
});

export const listPartners = defineRoute<
  z.infer<typeof officeParams>,
  z.infer<typeof listPartnersQuery>,
  unknown,
  InOffice
>({
  operationId: 'listPartners',
  method: 'GET',
  path: '/v1/offices/{officeId}/partners',
  summary: "The office's partners and the state of their agreements (PKS), by name",
  tags: ['partners'],
  access: access.office(staff.readers, 'cases:read'),
  params: officeParams,
  query: listPartnersQuery,
  responses: { 200: { description: 'A page of partners', schema: pageOf(partnerSchema) } },
  async handle({ access: grant, query, deps }) {
    // The filter is part of the list's identity: a cursor of one filter is refused by another.
    const scope = { officeId: grant.office.id, list: `partners?kind=${query.kind ?? ''}` };
    const startKey = await deps.cursors.decode(scope, query.cursor);
    const page = await findPartners(deps, grant, { limit: query.limit, startKey, kind: query.kind });
    return {
      status: 200,
      body: { items: page.items, nextCursor: await deps.cursors.encode(scope, page.lastKey) },
    };
  },
});

export const createPartner = defineRoute<
  z.infer<typeof officeParams>,
  unknown,
  z.infer<typeof createPartnerBody>,
  InOffice
>({
  operationId: 'createPartner',
  method: 'POST',
  path: '/v1/offices/{officeId}/partners',
  summary: 'Record a partner and its cooperation agreement (PKS)',
  tags: ['partners'],
  access: access.office(staff.adminOnly),
  params: officeParams,
  body: createPartnerBody,
  responses: { 201: { description: 'Recorded', schema: partnerSchema } },
  async handle({ access: grant, body, deps }) {
    const partner = await recordPartner(deps, grant, body);
    return withEtag(partner, 201, `/v1/offices/${grant.office.id}/partners/${partner.id}`);
  },
});

export const getPartner = defineRoute<PartnerParams, unknown, unknown, InOffice>({
  operationId: 'getPartner',
  method: 'GET',
  path: '/v1/offices/{officeId}/partners/{partnerId}',
  summary: 'One partner',
  tags: ['partners'],
  access: access.office(staff.readers, 'cases:read'),
  params: partnerParams,
  responses: { 200: { description: 'The partner', schema: partnerSchema } },
  async handle({ access: grant, params, deps }) {
    return withEtag(await readPartner(deps, grant, params.partnerId));
  },
});

export const updatePartner = defineRoute<PartnerParams, unknown, z.infer<typeof updatePartnerBody>, InOffice>(
  {
    operationId: 'updatePartner',
    method: 'PATCH',
    path: '/v1/offices/{officeId}/partners/{partnerId}',
    summary:
      'Change a partner or renew its agreement (If-Match required); `contact` and `agreement` are replaced whole',
    tags: ['partners'],
    access: access.office(staff.adminOnly),
    params: partnerParams,
    body: updatePartnerBody,
    responses: { 200: { description: 'Updated', schema: partnerSchema } },
    async handle({ access: grant, params, body, deps, headers }) {
      const expected = expectedVersion(headers);
      return withEtag(
        await changePartner(deps, grant, { partnerId: params.partnerId, expected, changes: body }),
      );
    },
  },
);
