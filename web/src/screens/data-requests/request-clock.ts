/**
 * The request log's clock and times, without words: where a request stands against its 3×24-hour
 * deadline, and the office's local date and 24-hour time as the instant the API takes.
 */
import type { SubjectRequest } from '../../lib/api-types';

const HOUR = 3_600_000;

/** Amber while the clock runs, red once past the deadline (or answered after it), calm once met. */
export type ClockTone = 'running' | 'overdue' | 'done';

export type RequestClockState =
  | { readonly state: 'left'; readonly hours: number; readonly tone: 'running' }
  | { readonly state: 'under-hour'; readonly tone: 'running' }
  | { readonly state: 'late'; readonly hours: number; readonly tone: 'overdue' }
  | { readonly state: 'answered-late'; readonly tone: 'overdue' }
  | { readonly state: 'answered-in-time'; readonly tone: 'done' };

/**
 * An open request's whole hours left (as the API counts them), or how far past the deadline it is
 * (counted here from the deadline, rounded up: ten minutes late reads as 1 hour); an answered or refused
 * one, whether it met the deadline.
 */
export function requestClock(
  request: Pick<SubjectRequest, 'status' | 'deadline' | 'hoursLeft' | 'overdue'>,
  now: Date,
): RequestClockState {
  if (request.status !== 'open') {
    return request.overdue
      ? { state: 'answered-late', tone: 'overdue' }
      : { state: 'answered-in-time', tone: 'done' };
  }
  if (request.overdue) {
    const late = Math.max(1, Math.ceil((now.getTime() - new Date(request.deadline).getTime()) / HOUR));
    return { state: 'late', hours: late, tone: 'overdue' };
  }
  const left = request.hoursLeft ?? 0;
  return left < 1
    ? { state: 'under-hour', tone: 'running' }
    : { state: 'left', hours: left, tone: 'running' };
}

/** The office's date and 24-hour time now (`2026-07-06`, `09:05`), to prefill a form. */
export function localDateTime(timeZone: string, now = new Date()): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}

/** A typed 24-hour time (`9:05`, `09.05` as Indonesians write it, `21:30`) as `HH:MM`, or null. */
export function clockTime(typed: string): string | null {
  const match = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(typed.trim());
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : null;
}

/**
 * A date and time typed in the office's zone as the instant the API takes, with the zone's offset at
 * that moment (`2026-07-06T09:05:00+08:00`). Indonesia keeps no daylight saving, but the offset is read
 * from the zone rather than a table so any zone an office is given works.
 */
export function zonedInstant(date: string, time: string, timeZone: string): string {
  const guess = new Date(`${date}T${time}:00Z`);
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(guess)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = name === 'GMT' ? '+00:00' : name.slice(3);
  return `${date}T${time}:00${offset}`;
}
