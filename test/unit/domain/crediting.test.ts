import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  creditSession,
  formatTime,
  SESSION_OUTCOME_KEYS,
  type CreditingInput,
  type SameDaySession,
  type SessionOutcome,
} from '../../../functions/domain';
import { rules } from './violations';

const CASE = {
  startDate: '2026-02-02',
  deadline: '2026-07-31',
  hoursOrdered: 40,
  creditedMinutes: 0,
  maxHoursPerDay: 3,
};

const input = (
  patch: {
    session?: Partial<CreditingInput['session']>;
    case?: Partial<CreditingInput['case']>;
    sameDaySessions?: SameDaySession[];
    today?: string;
    nowTime?: string;
  } = {},
): CreditingInput => ({
  session: {
    date: '2026-02-10',
    startTime: '08:00',
    endTime: '10:00',
    outcome: 'attended',
    ...patch.session,
  },
  case: { ...CASE, ...patch.case },
  sameDaySessions: patch.sameDaySessions ?? [],
  today: patch.today ?? '2026-02-20',
  nowTime: patch.nowTime ?? '12:00',
});

const refusedBy = (i: CreditingInput) => rules(creditSession(i));

describe('crediting a session', () => {
  it('credits the full duration of an attended session within the caps', () => {
    const r = creditSession(input());
    expect(r).toEqual({
      ok: true,
      value: {
        durationMinutes: 120,
        workedMinutes: 120,
        creditedMinutes: 120,
        hoursCredited: 2,
        clipped: false,
        clippedBy: [],
        caseCreditedMinutes: 120,
      },
    });
  });

  it('credits a partial attendance for the time actually worked, to the minute', () => {
    const r = creditSession(input({ session: { outcome: 'partial', startTime: '08:00', endTime: '08:20' } }));
    expect(r.ok && [r.value.creditedMinutes, r.value.hoursCredited]).toEqual([20, 0.33]);
  });

  it('CR-WINDOW accepts the first and last day and refuses the day before and after', () => {
    expect(refusedBy(input({ session: { date: '2026-02-02' } }))).toEqual([]);
    expect(refusedBy(input({ session: { date: '2026-07-31' }, today: '2026-08-05' }))).toEqual([]);
    expect(refusedBy(input({ session: { date: '2026-02-01' } }))).toEqual(['CR-WINDOW date']);
    expect(refusedBy(input({ session: { date: '2026-08-01' }, today: '2026-08-05' }))).toEqual([
      'CR-WINDOW date',
    ]);
  });

  it('CR-NOT-FUTURE refuses a session tomorrow, and one today that has not ended yet', () => {
    expect(refusedBy(input({ session: { date: '2026-02-21' } }))).toEqual(['CR-NOT-FUTURE date']);
    expect(refusedBy(input({ session: { date: '2026-02-20', endTime: '12:01' } }))).toEqual([
      'CR-NOT-FUTURE endTime',
    ]);
    expect(refusedBy(input({ session: { date: '2026-02-20', endTime: '12:00' } }))).toEqual([]);
  });

  it('CR-OVERLAP refuses a session overlapping another of the client by one minute, but not touching ones', () => {
    const other = { startTime: '10:00', endTime: '11:00', creditedMinutes: 60 };
    expect(refusedBy(input({ session: { endTime: '10:01' }, sameDaySessions: [other] }))).toEqual([
      'CR-OVERLAP startTime',
    ]);
    expect(
      refusedBy(input({ session: { startTime: '10:30', endTime: '10:45' }, sameDaySessions: [other] })),
    ).toEqual(['CR-OVERLAP startTime']);
    expect(refusedBy(input({ session: { endTime: '10:00' }, sameDaySessions: [other] }))).toEqual([]);
  });

  it('CR-OVERLAP also applies to absences', () => {
    const other = { startTime: '09:00', endTime: '11:00', creditedMinutes: 0 };
    expect(refusedBy(input({ session: { outcome: 'excused_absence' }, sameDaySessions: [other] }))).toEqual([
      'CR-OVERLAP startTime',
    ]);
  });

  it('CR-DAILY-CAP clips a 4-hour session to the 3-hour daily limit and says so', () => {
    const r = creditSession(input({ session: { startTime: '08:00', endTime: '12:00' } }));
    expect(r.ok && r.value).toMatchObject({
      creditedMinutes: 180,
      clipped: true,
      clippedBy: ['CR-DAILY-CAP'],
    });
  });

  it('CR-DAILY-CAP counts what other sessions of the client already earned that day', () => {
    const earlier = { startTime: '07:00', endTime: '09:30', creditedMinutes: 150 };
    const r = creditSession(
      input({ session: { startTime: '13:00', endTime: '14:00' }, sameDaySessions: [earlier] }),
    );
    expect(r.ok && r.value).toMatchObject({ creditedMinutes: 30, clippedBy: ['CR-DAILY-CAP'] });
  });

  it('CR-DAILY-CAP records a session with 0 credit when the day is used up (clip, never refuse)', () => {
    const earlier = { startTime: '07:00', endTime: '10:00', creditedMinutes: 180 };
    const r = creditSession(
      input({ session: { startTime: '13:00', endTime: '14:00' }, sameDaySessions: [earlier] }),
    );
    expect(r.ok && r.value).toMatchObject({ creditedMinutes: 0, clipped: true, clippedBy: ['CR-DAILY-CAP'] });
  });

  it('CR-DAILY-CAP counts the time other sessions worked that day, not what they credited', () => {
    // 2.5 hours worked on another case that had only 30 minutes left to credit: the day is still used.
    const otherCase = { startTime: '07:00', endTime: '09:30', creditedMinutes: 30, workedMinutes: 150 };
    const r = creditSession(
      input({ session: { startTime: '13:00', endTime: '14:00' }, sameDaySessions: [otherCase] }),
    );
    expect(r.ok && r.value).toMatchObject({
      workedMinutes: 60,
      creditedMinutes: 30,
      clipped: true,
      clippedBy: ['CR-DAILY-CAP'],
    });
  });

  it('CR-DAILY-CAP reads a day recorded before time worked was kept by its credited minutes', () => {
    const v1 = { startTime: '07:00', endTime: '09:30', creditedMinutes: 150 };
    const r = creditSession(
      input({ session: { startTime: '13:00', endTime: '14:00' }, sameDaySessions: [v1] }),
    );
    expect(r.ok && r.value.creditedMinutes).toBe(30);
  });

  it('CR-DAILY-CAP leaves a session awaiting verification out of the day until it is verified', () => {
    const pending = { startTime: '07:00', endTime: '10:00', creditedMinutes: 0, workedMinutes: 180 };
    const waiting = creditSession(
      input({
        sameDaySessions: [{ ...pending, verified: false }],
        session: { startTime: '13:00', endTime: '14:00' },
      }),
    );
    const verified = creditSession(
      input({
        sameDaySessions: [{ ...pending, verified: true }],
        session: { startTime: '13:00', endTime: '14:00' },
      }),
    );
    expect(waiting.ok && waiting.value).toMatchObject({ creditedMinutes: 60, clipped: false });
    expect(verified.ok && verified.value).toMatchObject({ creditedMinutes: 0, clippedBy: ['CR-DAILY-CAP'] });
  });

  it('CR-DAILY-CAP never credits more than 8 hours of a day, whatever the case says', () => {
    const r = creditSession(
      input({ case: { maxHoursPerDay: 10 }, session: { startTime: '07:00', endTime: '17:00' } }),
    );
    expect(r.ok && r.value).toMatchObject({ workedMinutes: 600, creditedMinutes: 480, clipped: true });
  });

  it('CR-ABSENCE-ZERO: an absence works no time, so it uses none of the day', () => {
    const r = creditSession(input({ session: { outcome: 'unexcused_absence' } }));
    expect(r.ok && r.value).toMatchObject({ durationMinutes: 120, workedMinutes: 0, creditedMinutes: 0 });
  });

  it('CR-DAILY-CAP allows exactly 8 hours on a day for an 8-hour case', () => {
    const r = creditSession(
      input({ case: { maxHoursPerDay: 8 }, session: { startTime: '07:00', endTime: '15:00' } }),
    );
    expect(r.ok && r.value).toMatchObject({ creditedMinutes: 480, clipped: false });
  });

  it('CR-TOTAL-CAP clips the last session to the hours still owed', () => {
    const r = creditSession(input({ case: { creditedMinutes: 40 * 60 - 45 } }));
    expect(r.ok && r.value).toMatchObject({
      creditedMinutes: 45,
      clippedBy: ['CR-TOTAL-CAP'],
      caseCreditedMinutes: 2400,
    });
  });

  it('CR-TOTAL-CAP credits 0 once the case is complete, and reports both caps when both cut', () => {
    expect(creditSession(input({ case: { creditedMinutes: 2400 } }))).toMatchObject({
      ok: true,
      value: { creditedMinutes: 0, clippedBy: ['CR-TOTAL-CAP'] },
    });
    const both = creditSession(
      input({ case: { creditedMinutes: 2400 - 60 }, session: { endTime: '12:00' } }),
    );
    expect(both.ok && both.value).toMatchObject({
      creditedMinutes: 60,
      clippedBy: ['CR-DAILY-CAP', 'CR-TOTAL-CAP'],
    });
  });

  it('CR-ABSENCE-ZERO credits nothing for either absence, without calling it clipped', () => {
    for (const outcome of ['excused_absence', 'unexcused_absence'] as const) {
      const r = creditSession(input({ session: { outcome } }));
      expect(r.ok && r.value).toMatchObject({
        durationMinutes: 120,
        creditedMinutes: 0,
        hoursCredited: 0,
        clipped: false,
      });
    }
  });

  it('TIME-RANGE refuses a session that ends when or before it starts', () => {
    expect(refusedBy(input({ session: { startTime: '10:00', endTime: '10:00' } }))).toEqual([
      'TIME-RANGE endTime',
    ]);
    expect(refusedBy(input({ session: { startTime: '10:00', endTime: '09:00' } }))).toEqual([
      'TIME-RANGE endTime',
    ]);
  });

  it('INPUT-FORMAT refuses malformed dates, times and outcomes before anything else', () => {
    expect(
      refusedBy(
        input({
          session: {
            date: '2026-2-10',
            startTime: '8:00',
            endTime: '24:00',
            outcome: 'late' as SessionOutcome,
          },
        }),
      ),
    ).toEqual([
      'INPUT-FORMAT date',
      'INPUT-FORMAT startTime',
      'INPUT-FORMAT endTime',
      'INPUT-FORMAT outcome',
    ]);
  });
});

describe('crediting properties', () => {
  const sessionArb = fc.record({
    day: fc.integer({ min: -2, max: 12 }),
    start: fc.integer({ min: 0, max: 1380 }),
    length: fc.integer({ min: 1, max: 600 }),
    outcome: fc.constantFrom(...SESSION_OUTCOME_KEYS),
  });

  it('CR-DAILY-CAP and CR-TOTAL-CAP hold for any sequence of sessions (property)', () => {
    fc.assert(
      fc.property(
        fc.array(sessionArb, { maxLength: 40 }),
        fc.integer({ min: 8, max: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (sessions, hoursOrdered, maxHoursPerDay) => {
          // Prepare: a ten-day case and an in-memory "store" of recorded sessions
          const kase = { startDate: '2026-03-01', deadline: '2026-03-10', hoursOrdered, maxHoursPerDay };
          const recorded: { date: string; startTime: string; endTime: string; creditedMinutes: number }[] =
            [];
          let total = 0;
          for (const s of sessions) {
            const date = addDays(kase.startDate, s.day);
            const startTime = formatTime(s.start);
            const endTime = formatTime(Math.min(1439, s.start + s.length));
            // Act
            const r = creditSession({
              session: { date, startTime, endTime, outcome: s.outcome },
              case: { ...kase, creditedMinutes: total },
              sameDaySessions: recorded.filter((x) => x.date === date),
              today: '2026-03-20',
              nowTime: '00:00',
            });
            if (!r.ok) continue;
            // Assess each decision
            expect(r.value.creditedMinutes).toBeGreaterThanOrEqual(0);
            expect(r.value.creditedMinutes).toBeLessThanOrEqual(r.value.durationMinutes);
            if (s.outcome.endsWith('absence')) expect(r.value.creditedMinutes).toBe(0);
            recorded.push({ date, startTime, endTime, creditedMinutes: r.value.creditedMinutes });
            total = r.value.caseCreditedMinutes;
          }
          // Assess the invariants over everything recorded
          expect(total).toBeLessThanOrEqual(hoursOrdered * 60);
          expect(total).toBe(recorded.reduce((sum, x) => sum + x.creditedMinutes, 0));
          const byDay = new Map<string, number>();
          for (const x of recorded) byDay.set(x.date, (byDay.get(x.date) ?? 0) + x.creditedMinutes);
          for (const minutes of byDay.values()) expect(minutes).toBeLessThanOrEqual(maxHoursPerDay * 60);
          for (const x of recorded) {
            expect(x.date >= kase.startDate && x.date <= kase.deadline).toBe(true);
            const overlaps = recorded.filter(
              (y) => y !== x && y.date === x.date && y.startTime < x.endTime && x.startTime < y.endTime,
            );
            expect(overlaps).toEqual([]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('CR-TOTAL-CAP: clipping never withholds time the caps allow (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.nat({ max: 480 }),
        fc.nat({ max: 2400 }),
        (length, usedToday, credited) => {
          const r = creditSession(
            input({
              case: { maxHoursPerDay: 8, creditedMinutes: credited },
              session: { startTime: '14:00', endTime: formatTime(Math.min(1439, 840 + length)) },
              sameDaySessions: [{ startTime: '00:00', endTime: '08:00', creditedMinutes: usedToday }],
            }),
          );
          const duration = Math.min(1439, 840 + length) - 840;
          expect(r.ok && r.value.creditedMinutes).toBe(Math.min(duration, 480 - usedToday, 2400 - credited));
        },
      ),
    );
  });
});
