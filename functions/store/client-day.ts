import { workedMinutesOf, type SameDaySession, type SessionOutcome } from '../domain';
import { keys } from './keys';
import type { TransactItem } from './transactions';

/**
 * One client's sessions on one local date, across all cases (`O#<office>#CLIENT#<client>` /
 * `DAY#<date>`): the record the daily cap and overlaps are checked on, and, seven at a time, the days
 * of work in a week. Entries written before time worked was kept have no `workedMinutes` or `verified`;
 * crediting reads their credited minutes instead (`minutesOfDayUsed`), so no migration is needed.
 */
export interface ClientDay {
  readonly version: number;
  readonly sessions: Readonly<Record<string, SameDaySession>>;
}

/** What a stored session needs for its client's day. */
interface DaySession {
  readonly id: string;
  readonly clientId: string;
  readonly date: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly outcome: SessionOutcome;
  readonly durationMinutes: number;
  readonly creditedMinutes: number;
  readonly verified: boolean;
}

export function toClientDay(item: Record<string, unknown> | undefined): ClientDay {
  return {
    version: Number(item?.version ?? 0),
    sessions: (item?.sessions as Record<string, SameDaySession> | undefined) ?? {},
  };
}

/**
 * The time a session of the client's day worked, whether verified or not: what makes its date a day of
 * work (CR-DAYS-PER-WEEK). Entries from before time worked was kept fall back to their credited minutes.
 */
export const minutesOfDayWorked = (entry: SameDaySession) => entry.workedMinutes ?? entry.creditedMinutes;

/**
 * The client's day with `session` in it (new or replacing its earlier entry), replaced whole under a
 * version condition (sessions that day are few).
 */
export function clientDayPut(
  tableName: string,
  officeId: string,
  session: DaySession,
  day: ClientDay,
): TransactItem {
  const entry: SameDaySession = {
    id: session.id,
    startTime: session.startTime,
    endTime: session.endTime,
    creditedMinutes: session.creditedMinutes,
    workedMinutes: workedMinutesOf(session.outcome, session.durationMinutes),
    verified: session.verified,
  };
  const sessions = { ...day.sessions, [session.id]: entry };
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.clientDay(officeId, session.clientId, session.date),
        type: 'client-day',
        sessions,
        creditedMinutes: Object.values(sessions).reduce((sum, s) => sum + s.creditedMinutes, 0),
        version: day.version + 1,
      },
      ConditionExpression: day.version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
      ...(day.version === 0 ? {} : { ExpressionAttributeValues: { ':v': day.version } }),
    },
  };
}
