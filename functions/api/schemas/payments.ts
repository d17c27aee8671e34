import * as z from 'zod';
import { termsSchema } from './cases';
import { localDate } from './common';
import { caseStateSchema } from './warnings';

/** The amount is only typed here: the domain (decidePayment) refuses with rule ids. */
export const createPaymentBody = z
  .object({
    amountRupiah: z.number().describe('Rupiah paid toward the converted fine (KUHP 82)'),
    paidOn: localDate.describe('The day it was paid'),
  })
  .strict();

export const paymentSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    amountRupiah: z.number().int(),
    paidOn: z.string(),
    paidTotalRupiah: z.number().int(),
    hoursAfter: z.number().describe('The hours of the terms this payment left: ceil(H × (F − P) ÷ F)'),
    recordedBy: z.string(),
    recordedAt: z.string(),
  })
  .meta({ id: 'Payment' });

export const recordedPaymentSchema = paymentSchema.extend({
  case: caseStateSchema.extend({ terms: termsSchema }),
});
