import type * as z from 'zod';
import { endPlacement as finishPlacement } from '../../actions/placements/end-placement';
import { placeCase } from '../../actions/placements/place-case';
import { placementsOfCase, type PlacementRecord } from '../../actions/placements/queries';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { defineRoute } from '../route';
import { caseListRoute, officePath, readAheadCaseAndSite } from '../route-kit';
import {
  caseIdParams,
  createPlacementBody,
  endPlacementQuery,
  listPlacementsQuery,
  placementParams,
  placementSchema,
} from '../schemas/placements';

type CaseParams = z.infer<typeof caseIdParams>;
type CreateBody = z.infer<typeof createPlacementBody>;

const PLACEMENT_WRITERS = ['admin', 'officer', 'integration'] as const;

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

export const createPlacement = defineRoute<CaseParams, unknown, CreateBody, InOffice>({
  operationId: 'createPlacement',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases/{caseId}/placements',
  summary: 'Place the client at a work site on a weekly schedule; an assessed case becomes placed',
  tags: ['placements'],
  access: access.office(PLACEMENT_WRITERS, 'cases:write'),
  params: caseIdParams,
  readAhead: readAheadCaseAndSite,
  body: createPlacementBody,
  responses: {
    201: { description: 'Placed; the site keeps one place per weekday for it', schema: placementSchema },
  },
  async handle({ access: grant, params, body, deps }) {
    const placement = await placeCase(deps, grant, params.caseId, body);
    const location = officePath(grant, 'placements', placement.id);
    return { status: 201, body: presentPlacement(placement), headers: { location } };
  },
});

export const listPlacements = caseListRoute('placements', {
  operationId: 'listPlacements',
  summary: "A case's placements, newest first (a supervisor: those at their own sites)",
  access: access.office(staff.readers, 'cases:read'),
  query: listPlacementsQuery,
  item: placementSchema,
  read: placementsOfCase,
  present: presentPlacement,
});

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
    const ended = await finishPlacement(deps, grant, { placementId: params.placementId, endOn: query.endOn });
    return { status: 200, body: presentPlacement(ended) };
  },
});
