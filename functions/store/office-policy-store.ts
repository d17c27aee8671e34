import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OfficeDocumentSettings } from '../domain/documents';
import type { OfficeHolidays } from '../domain/office-holidays';
import type { OfficePolicy } from '../domain/office-policy';
import { auditItem, fieldChanges } from './audit';
import { keys } from './keys';
import { officeCache } from './office-cache';
import { ConditionFailed, transact } from './transactions';

/**
 * An office's policy and holiday calendar, kept on the office item itself: the guard reads that item on
 * every office request anyway, so every use case has them without another call. The operator's office
 * sync (ops `sync-offices`) updates the other fields and leaves these alone.
 */
export class OfficePolicyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Replaces the policy with its audit entry; `false` when there is no such office. */
  replace(officeId: string, before: OfficePolicy, after: OfficePolicy, actor: { actor: string; at: Date }) {
    return this.replaceField(officeId, 'policy', before, after, actor);
  }

  /** Replaces the holiday calendar (its lists and edits) with its audit entry; `false` when no such office. */
  replaceHolidays(
    officeId: string,
    before: OfficeHolidays,
    after: OfficeHolidays,
    actor: { actor: string; at: Date },
  ) {
    return this.replaceField(officeId, 'holidays', before, after, actor);
  }

  /** Replaces the letterhead, head and register documents are issued with; `false` when no such office. */
  replaceDocumentSettings(
    officeId: string,
    before: OfficeDocumentSettings | undefined,
    after: OfficeDocumentSettings,
    actor: { actor: string; at: Date },
  ) {
    return this.replaceField(officeId, 'documentSettings', before ?? {}, after, actor);
  }

  private async replaceField(
    officeId: string,
    field: 'policy' | 'holidays' | 'documentSettings',
    before: object,
    after: object,
    actor: { actor: string; at: Date },
  ): Promise<boolean> {
    try {
      await transact(this.db, [
        {
          Update: {
            TableName: this.tableName,
            Key: keys.office(officeId),
            UpdateExpression: 'SET #field = :value',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#field': field },
            ExpressionAttributeValues: { ':value': after },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: auditItem({
              officeId,
              ...actor,
              action: `office.${field}`,
              subject: { type: 'office', id: officeId },
              changes: fieldChanges({ [field]: before }, { [field]: after }),
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
