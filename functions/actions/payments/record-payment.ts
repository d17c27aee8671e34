import { decidePayment, officeToday, termsOf, type PaymentInput } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { CaseRecord } from '../../store/case-store';
import type { PaymentRecord } from '../../store/payment-store';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { retryCaseChange } from '../cases/case-change';

export type { PaymentRecord } from '../../store/payment-store';

/**
 * Records a payment toward a fine converted into kerja sosial (KUHP 82): the case's terms take the
 * hours the payments leave, `ceil(H × (F − P) ÷ F)` (PAY-HOURS), and what remains is those less the
 * hours served, written with the payment in one transaction. Paying the whole fine leaves nothing, so
 * the case can be completed.
 *
 * Refuses: not-found (no such case the caller may see); invalid (PAY-CONVERSION, PAY-AMOUNT, PAY-DATE);
 * conflict (the case kept changing, e.g. sessions credited meanwhile).
 */
export async function recordPayment(
  ports: Pick<Ports, 'cases' | 'payments' | 'now'>,
  grant: OfficeGrant,
  caseId: string,
  input: PaymentInput,
): Promise<{ payment: PaymentRecord; case: CaseRecord }> {
  return retryCaseChange(
    'The case kept changing while the payment was being recorded; try again.',
    async () => {
      const current = await loadVisibleCase(ports, grant, caseId);
      const now = ports.now();
      const effect = decidePayment(
        input,
        {
          origin: current.origin ?? 'decision',
          status: current.status,
          fineRupiah: current.conversion?.fineRupiah,
          terms: termsOf(current),
          creditedMinutes: current.creditedMinutes,
          decidedOn: current.decision.date,
        },
        officeToday(grant.office, now),
      );
      if (!effect.ok) throw refuse.invalid(effect.violations, 'This payment cannot be recorded.');
      const actor = actorOf(grant, now);
      const { terms, remainingMinutes } = effect.value;
      const payment: PaymentRecord = {
        id: ports.payments.newId(current.id, now),
        caseId: current.id,
        amountRupiah: input.amountRupiah,
        paidOn: input.paidOn,
        paidTotalRupiah: terms.paidRupiah ?? input.amountRupiah,
        hoursAfter: terms.hours,
        recordedBy: actor.actor,
        recordedAt: now.toISOString(),
      };
      const saved = await ports.payments.record(current, { ...current, terms, remainingMinutes }, payment, {
        ...actor,
        reason: `Rp${input.amountRupiah} paid on ${input.paidOn}`,
      });
      return { payment, case: saved };
    },
  );
}
