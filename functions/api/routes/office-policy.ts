import type * as z from 'zod';
import { setOfficePolicy } from '../../actions/offices/set-office-policy';
import type { InOffice } from '../../identity/grant';
import { access } from '../access';
import { presentOffice } from '../presenters';
import { defineRoute } from '../route';
import { officeParams } from '../schemas/common';
import { officeSchema } from '../schemas/identity';
import { officePolicySchema } from '../schemas/office-policy';

/** Applies to cases registered and sessions recorded from now on; flags already raised stay. Audited. */
export const putOfficePolicy = defineRoute<
  z.infer<typeof officeParams>,
  unknown,
  z.infer<typeof officePolicySchema>,
  InOffice
>({
  operationId: 'putOfficePolicy',
  method: 'PUT',
  path: '/v1/offices/{officeId}/policy',
  summary: "Set the office's policy: a child's advisory hours a day and the school hours",
  tags: ['identity'],
  access: access.office(['admin']),
  params: officeParams,
  body: officePolicySchema,
  responses: { 200: { description: 'The office with its new policy', schema: officeSchema } },
  async handle({ access: grant, body, deps }) {
    return { status: 200, body: presentOffice(await setOfficePolicy(deps, grant, body)) };
  },
});
