import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CASE_STATUSES, type CaseStatus } from '../domain';
import { batchGetIn } from './batch-get';
import { keys } from './keys';
import { warningStats } from './warning-store';

export interface OfficeCounters {
  readonly casesByStatus: Record<CaseStatus, number>;
  /** Minutes credited in the month, from the session writes' `creditedMinutes` counter. */
  readonly creditedMinutesThisMonth: number;
  readonly openWarnings: number;
  /** Per requested week (its Monday): minutes credited and sessions recorded for work in that week. */
  readonly weeks: readonly { monday: string; creditedMinutes: number; sessions: number }[];
}

/**
 * The office dashboard's numbers with a fixed number of DynamoDB calls, whatever the office's size:
 * one BatchGet of the running counters (kept in the same transactions as the changes they count), and
 * two count-only Queries on the sparse `due` and `track` indexes.
 */
export class SummaryStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The office counters and the month's credited minutes (`month` is `YYYY-MM` in the office's zone). */
  async counters(officeId: string, month: string, mondays: readonly string[] = []): Promise<OfficeCounters> {
    const wanted = [
      keys.officeStats(officeId),
      keys.monthStats(officeId, month),
      warningStats(officeId),
      ...mondays.map((monday) => keys.weekStats(officeId, monday)),
    ];
    const items = await batchGetIn(this.db, this.tableName, wanted);
    const found = new Map(items.map((item) => [String(item.sk), item]));
    const stats = found.get(keys.officeStats(officeId).sk) ?? {};
    const monthItem = found.get(keys.monthStats(officeId, month).sk) ?? {};
    const warnings = found.get(warningStats(officeId).sk) ?? {};
    const casesByStatus = Object.fromEntries(
      CASE_STATUSES.map((s) => [s, Number(stats[`status_${s}`] ?? 0)]),
    ) as Record<CaseStatus, number>;
    return {
      casesByStatus,
      creditedMinutesThisMonth: Number(monthItem.creditedMinutes ?? 0),
      openWarnings: Number(warnings.openWarnings ?? 0),
      weeks: mondays.map((monday) => {
        const week = found.get(keys.weekStats(officeId, monday).sk) ?? {};
        return {
          monday,
          creditedMinutes: Number(week.creditedMinutes ?? 0),
          sessions: Number(week.sessions ?? 0),
        };
      }),
    };
  }

  /** Open cases whose deadline is on or before `lastDay` (overdue ones included). */
  async countDueBy(officeId: string, lastDay: string): Promise<number> {
    return this.count('due', keys.openCases(officeId), keys.throughDay(lastDay));
  }

  /** Open cases whose last on-track day is before `today`: their remaining hours no longer fit. */
  async countOffTrack(officeId: string, today: string): Promise<number> {
    return this.count('track', keys.openCases(officeId), today);
  }

  /**
   * `Select: COUNT` over `<index>sk < bound`. A page covers up to 1 MB of index entries (thousands of
   * cases on the keys-only `track` index), so the loop runs once or twice even for a large office.
   */
  private async count(index: 'due' | 'track', partition: string, bound: string): Promise<number> {
    let total = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index,
          KeyConditionExpression: '#pk = :pk AND #sk < :bound',
          ExpressionAttributeNames: { '#pk': `${index}pk`, '#sk': `${index}sk` },
          ExpressionAttributeValues: { ':pk': partition, ':bound': bound },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      total += result.Count ?? 0;
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return total;
  }
}
