import type * as z from 'zod';
import { recordPayment } from '../../actions/payments/record-payment';
import { termsOf } from '../../domain';
import type { InOffice } from '../../identity/grant';
import { access } from '../access';
import { defineRoute } from '../route';
import { readAheadCase } from '../route-kit';
import { caseIdParams } from '../schemas/cases';
import { createPaymentBody, recordedPaymentSchema } from '../schemas/payments';
import { caseState } from './warnings';

/** A payment is proven by the Kejaksaan's receipt: the PK or the jaksa records it, or their systems. */
const PAYMENT_RECORDERS = ['admin', 'officer', 'prosecutor', 'integration'] as const;

export const createPayment = defineRoute<
  z.infer<typeof caseIdParams>,
  unknown,
  z.infer<typeof createPaymentBody>,
  InOffice
>({
  operationId: 'createPayment',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases/{caseId}/payments',
  summary: 'Record a payment toward a converted fine (KUHP 82); the hours owed shrink in proportion',
  tags: ['payments'],
  access: access.office(PAYMENT_RECORDERS, 'cases:write'),
  params: caseIdParams,
  readAhead: readAheadCase,
  body: createPaymentBody,
  responses: {
    201: { description: 'The payment, and the case with its terms after it', schema: recordedPaymentSchema },
  },
  async handle({ access: grant, params, body, deps }) {
    const paid = await recordPayment(deps, grant, params.caseId, body);
    return {
      status: 201,
      body: { ...paid.payment, case: { ...caseState(paid.case), terms: termsOf(paid.case) } },
    };
  },
});
