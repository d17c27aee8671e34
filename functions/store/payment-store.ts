import { CasePartitionStore } from './case-partition';
import type { CaseRecord } from './case-store';
import type { Actor } from './user-store';

/** A payment toward a fine converted into kerja sosial (KUHP 82), as recorded. */
export interface PaymentRecord {
  /** `<caseId>-<ulid>` (`newId`). */
  readonly id: string;
  readonly caseId: string;
  readonly amountRupiah: number;
  readonly paidOn: string;
  /** Paid in total after this payment, and the hours of the terms it left. */
  readonly paidTotalRupiah: number;
  readonly hoursAfter: number;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

const PAYMENT = 'PAYMENT#';

/**
 * Payments toward a converted fine, in the case partition (`PAYMENT#<caseId>-<ulid>`). A payment is
 * written with the case's new terms (version check, audit entry) in one transaction, so the hours owed
 * never disagree with the payments.
 */
export class PaymentStore extends CasePartitionStore {
  /** Records `payment`; the case becomes `next` (its terms after it). Throws `WriteConflict` when it moved. */
  async record(current: CaseRecord, next: CaseRecord, payment: PaymentRecord, actor: Actor) {
    return this.saveWithCase(
      current,
      next,
      { ...actor, action: 'payment.create', record: { name: 'payment', after: payment } },
      [this.putNew(current.officeId, `${PAYMENT}${payment.id}`, 'payment', payment)],
      'payment',
    );
  }
}
