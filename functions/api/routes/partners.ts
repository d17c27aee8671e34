import * as z from 'zod';
import { addDays, type LocalDate } from '../../domain/calendar';
import { newId } from '../../store/audit';
import { PartnerExists, type Agreement, type Partner } from '../../store/partner-store';
import { StaleVersion } from '../../store/user-store';
import { access, staff } from '../access';
import { actorOf, officeToday } from '../office-context';
import type { GuardResult } from '../guard';
import { etag, expectedVersion } from '../preconditions';
import { problems } from '../problem';
import { defineRoute, type RouteContext } from '../route';
import { officeParams } from '../schemas/common';
import { pageOf } from '../schemas/paging';
import {
  createPartnerBody,
  listPartnersQuery,
  partnerParams,
  partnerSchema,
  updatePartnerBody,
  type AGREEMENT_STATUSES,
} from '../schemas/partners';

type InOffice = Extract<GuardResult, { kind: 'office' }>;
type PartnerParams = z.infer<typeof partnerParams>;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** An agreement ending this many days from today or sooner is `expiring`. */
export const EXPIRING_WITHIN_DAYS = 30;

/**
 * Where an agreement (PKS) stands on `today`, an office-local date. Both ends are valid days.
 * @example agreementStatus({ validFrom: '2026-01-12', validUntil: '2026-07-01', … }, '2026-06-01') === 'expiring'
 */
export function agreementStatus(
  agreement: Pick<Agreement, 'validFrom' | 'validUntil'>,
  today: LocalDate,
): AgreementStatus {
  if (today < agreement.validFrom) return 'not_yet_valid';
  if (today > agreement.validUntil) return 'expired';
  if (agreement.validUntil <= addDays(today, EXPIRING_WITHIN_DAYS)) return 'expiring';
  return 'valid';
}

const view = (partner: Partner, today: LocalDate) => ({
  ...partner,
  agreementStatus: agreementStatus(partner.agreement, today),
});

const withEtag = (partner: Partner, today: LocalDate, status = 200) => ({
  status,
  body: view(partner, today),
  headers: { etag: etag(partner.version) },
});

/** Loads the partner or answers 404; partners of other offices are as invisible as nobody's. */
async function loadPartner(context: RouteContext<PartnerParams, unknown, unknown, InOffice>) {
  const partner = await context.deps.partners.get(context.access.office.id, context.params.partnerId);
  if (!partner) throw problems.notFound('No such partner in this office.');
  return partner;
}

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
  async handle({ access: { office }, query, deps }) {
    // The filter is part of the list's identity: a cursor of one filter is refused by another.
    const scope = { officeId: office.id, list: `partners?kind=${query.kind ?? ''}` };
    const startKey = await deps.cursors.decode(scope, query.cursor);
    const page = await deps.partners.list(office.id, { limit: query.limit, startKey, kind: query.kind });
    const today = officeToday(office, deps.now());
    return {
      status: 200,
      body: {
        items: page.items.map((partner) => view(partner, today)),
        nextCursor: await deps.cursors.encode(scope, page.lastKey),
      },
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
    const now = deps.now();
    let partner: Partner;
    try {
      partner = await deps.partners.create(grant.office.id, newId(now), body, actorOf(grant, now));
    } catch (error) {
      // A fresh ULID never collides; this only guards the impossible against a silent overwrite.
      if (error instanceof PartnerExists) throw problems.conflict('A partner with this id already exists.');
      throw error;
    }
    const response = withEtag(partner, officeToday(grant.office, now), 201);
    return {
      ...response,
      headers: { ...response.headers, location: `/v1/offices/${grant.office.id}/partners/${partner.id}` },
    };
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
  async handle(context) {
    const partner = await loadPartner(context);
    return withEtag(partner, officeToday(context.access.office, context.deps.now()));
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
    async handle(context) {
      const { access: grant, body, deps, headers } = context;
      const expected = expectedVersion(headers);
      const partner = await loadPartner(context);
      if (partner.version !== expected) throw problems.preconditionFailed();
      const now = deps.now();
      let updated: Partner;
      try {
        updated = await deps.partners.update(grant.office.id, partner, body, expected, actorOf(grant, now));
      } catch (error) {
        if (error instanceof StaleVersion) throw problems.preconditionFailed();
        throw error;
      }
      return withEtag(updated, officeToday(grant.office, now));
    },
  },
);
