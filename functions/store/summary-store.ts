import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CASE_STATUSES, type CaseStatus } from '../domain';
import { batchGetIn } from './batch-get';
import { keys } from './keys';
import { warningStats } from './warning-store';

export interface OfficeCounters {
  readonly casesByStatus: Record<CaseStatus, number>;
  /** Minutes credited in the month, from the session writes' `creditedMinutes` counter. */
  readonly creditedMinutesInMonth: number;
  /** Sessions recorded in the month (a new session counts once; an edit does not count again). */
  readonly sessionsInMonth: number;
  readonly openWarnings: number;
  /** Per requested week (its Monday): minutes credited and sessions recorded for work in that week. */
  readonly weeks: readonly { monday: string; creditedMinutes: number; sessions: number }[];
}

/** Which counters to read for one office: its month (`YYYY-MM`, office-local) and chart weeks. */
export interface CountersWanted {
  readonly officeId: string;
  readonly month: string;
  readonly mondays?: readonly string[];
}

/** Keys one BatchGetItem may carry. */
const BATCH_GET_LIMIT = 100;

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
    const [counters] = await this.countersOf([{ officeId, month, mondays }]);
    return counters!;
  }

  /**
   * The counters of many offices (a region's), in the order asked: three items per office plus its
   * weeks, read in BatchGets of at most 100 keys side by side, so ceil(keys / 100) calls.
   */
  async countersOf(wanted: readonly CountersWanted[]): Promise<OfficeCounters[]> {
    const keysOf = ({ officeId, month, mondays = [] }: CountersWanted) => [
      keys.officeStats(officeId),
      keys.monthStats(officeId, month),
      warningStats(officeId),
      ...mondays.map((monday) => keys.weekStats(officeId, monday)),
    ];
    const all = wanted.flatMap(keysOf);
    const chunks = Array.from({ length: Math.ceil(all.length / BATCH_GET_LIMIT) }, (_, i) =>
      all.slice(i * BATCH_GET_LIMIT, (i + 1) * BATCH_GET_LIMIT),
    );
    const items = (
      await Promise.all(chunks.map((chunk) => batchGetIn(this.db, this.tableName, chunk)))
    ).flat();
    const found = new Map(items.map((item) => [`${String(item.pk)}|${String(item.sk)}`, item]));
    const get = (key: { pk: string; sk: string }) => found.get(`${key.pk}|${key.sk}`) ?? {};
    return wanted.map(({ officeId, month, mondays = [] }) => {
      const stats = get(keys.officeStats(officeId));
      const monthItem = get(keys.monthStats(officeId, month));
      const casesByStatus = Object.fromEntries(
        CASE_STATUSES.map((s) => [s, Number(stats[`status_${s}`] ?? 0)]),
      ) as Record<CaseStatus, number>;
      return {
        casesByStatus,
        creditedMinutesInMonth: Number(monthItem.creditedMinutes ?? 0),
        sessionsInMonth: Number(monthItem.sessions ?? 0),
        openWarnings: Number(get(warningStats(officeId)).openWarnings ?? 0),
        weeks: mondays.map((monday) => {
          const week = get(keys.weekStats(officeId, monday));
          return {
            monday,
            creditedMinutes: Number(week.creditedMinutes ?? 0),
            sessions: Number(week.sessions ?? 0),
          };
        }),
      };
    });
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
