import { keys } from './keys';
import type { TransactItem } from './transactions';

/** What a session write needs of the slot its attendance fulfils, read in the session's own BatchGet. */
export interface SlotToFulfil {
  readonly status: string;
  readonly version: number;
}

export const toSlotToFulfil = (item: Record<string, unknown>): SlotToFulfil => ({
  status: String(item.status),
  version: Number(item.version),
});

/**
 * The Update, in a new session's own transaction, that marks the case's slot of the session's date
 * fulfilled by it (ADR 0014). Conditioned on the slot as read: a schedule change meanwhile fails the
 * session's write, which then decides again, rather than fulfilling a slot that moved.
 */
export function fulfilSlot(
  tableName: string,
  officeId: string,
  session: {
    readonly id: string;
    readonly caseId: string;
    readonly date: string;
    readonly updatedAt: string;
  },
  slot: SlotToFulfil,
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.slot(officeId, session.caseId, session.date),
      UpdateExpression: 'SET #status = :fulfilled, sessionId = :session, version = :next, updatedAt = :at',
      ConditionExpression: '#status = :scheduled AND version = :v',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':fulfilled': 'fulfilled',
        ':scheduled': 'scheduled',
        ':session': session.id,
        ':v': slot.version,
        ':next': slot.version + 1,
        ':at': session.updatedAt,
      },
    },
  };
}
