import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OfficePolicy } from '../domain/office-policy';
import { auditItem, fieldChanges } from './audit';
import { keys } from './keys';
import { officeCache } from './office-cache';
import { ConditionFailed, transact } from './transactions';

/**
 * An office's policy, kept on the office item itself: the guard reads that item on every office
 * request anyway, so every use case has the policy without another call. The operator's office sync
 * (ops `sync-offices`) updates the other fields and leaves this one alone.
 */
export class OfficePolicyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Replaces the policy with its audit entry; `false` when there is no such office. */
  async replace(
    officeId: string,
    before: OfficePolicy,
    after: OfficePolicy,
    actor: { actor: string; at: Date },
  ): Promise<boolean> {
    try {
      await transact(this.db, [
        {
          Update: {
            TableName: this.tableName,
            Key: keys.office(officeId),
            UpdateExpression: 'SET policy = :policy',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':policy': after },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: auditItem({
              officeId,
              ...actor,
              action: 'office.policy',
              subject: { type: 'office', id: officeId },
              changes: fieldChanges({ policy: before }, { policy: after }),
            }),
          },
        },
      ]);
      officeCache.forget(this.tableName, officeId);
      return true;
    } catch (error) {
      if (error instanceof ConditionFailed) return false;
      throw error;
    }
  }
}
