import type * as z from 'zod';
import { createIntegration } from '../../actions/integrations/create-integration';
import { findIntegrations, readIntegration } from '../../actions/integrations/queries';
import { revokeIntegration } from '../../actions/integrations/revoke-integration';
import { rotateIntegrationSecret } from '../../actions/integrations/rotate-integration-secret';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { defineRoute } from '../route';
import { officePath, pagedRoute, recordRoute, versioned } from '../route-kit';
import { officeParams } from '../schemas/common';
import {
  createIntegrationBody,
  integrationParams,
  integrationSchema,
  issuedIntegrationSchema,
} from '../schemas/integrations';
import { pageQuery } from '../schemas/paging';

/**
 * Partner systems' machine clients (a Kejaksaan's case system, a Pemda's), each with its own offices,
 * scopes and secret, managed by the admins of the office that owns it. Answers that carry a secret are
 * never stored for an `Idempotency-Key` replay: the idempotency table would hold it in plain text.
 */

export const listIntegrations = pagedRoute({
  operationId: 'listIntegrations',
  path: '/v1/offices/{officeId}/integrations',
  summary: "The partner systems' machine clients serving the office, revoked ones included",
  tags: ['integrations'],
  access: access.office(staff.adminOnly),
  params: officeParams,
  query: pageQuery,
  items: 'integrations',
  item: integrationSchema,
  list: () => 'integrations',
  read: ({ access: grant, deps }, page) => findIntegrations(deps, grant, page),
});

export const createIntegrationRoute = defineRoute<
  z.infer<typeof officeParams>,
  unknown,
  z.infer<typeof createIntegrationBody>,
  InOffice
>({
  operationId: 'createIntegration',
  method: 'POST',
  path: '/v1/offices/{officeId}/integrations',
  summary: 'Create a machine client for a partner system; its secret is shown in this answer only',
  tags: ['integrations'],
  access: access.office(staff.adminOnly),
  params: officeParams,
  body: createIntegrationBody,
  replayable: false,
  responses: { 201: { description: 'Created', schema: issuedIntegrationSchema } },
  async handle({ access: grant, body, deps }) {
    const { integration, secret } = await createIntegration(deps, grant, body);
    return versioned(
      { integration, clientSecret: secret },
      integration.version,
      officePath(grant, 'integrations', integration.clientId),
    );
  },
});

export const getIntegration = recordRoute({
  operationId: 'getIntegration',
  method: 'GET',
  path: '/v1/offices/{officeId}/integrations/{integrationId}',
  summary: 'One machine client serving the office (never its secret)',
  tags: ['integrations'],
  access: access.office(staff.adminOnly),
  params: integrationParams,
  responses: { 200: { description: 'The client', schema: integrationSchema } },
  run: ({ access: grant, params, deps }) => readIntegration(deps, grant, params.integrationId),
});

export const rotateIntegrationSecretRoute = defineRoute<
  z.infer<typeof integrationParams>,
  unknown,
  unknown,
  InOffice
>({
  operationId: 'rotateIntegrationSecret',
  method: 'POST',
  path: '/v1/offices/{officeId}/integrations/{integrationId}/rotate',
  summary: "Give the office's client a new secret, shown in this answer only; the old one stops working",
  tags: ['integrations'],
  access: access.office(staff.adminOnly),
  params: integrationParams,
  replayable: false,
  responses: { 200: { description: 'Rotated', schema: issuedIntegrationSchema } },
  async handle({ access: grant, params, deps }) {
    const { integration, secret } = await rotateIntegrationSecret(deps, grant, {
      clientId: params.integrationId,
    });
    return versioned({ integration, clientSecret: secret }, integration.version);
  },
});

export const revokeIntegrationRoute = recordRoute({
  operationId: 'revokeIntegration',
  method: 'POST',
  path: '/v1/offices/{officeId}/integrations/{integrationId}/revoke',
  summary: "Revoke the office's client for good: its next request is refused (the record is kept)",
  tags: ['integrations'],
  access: access.office(staff.adminOnly),
  params: integrationParams,
  responses: { 200: { description: 'Revoked', schema: integrationSchema } },
  run: ({ access: grant, params, deps }) =>
    revokeIntegration(deps, grant, { clientId: params.integrationId }),
});
