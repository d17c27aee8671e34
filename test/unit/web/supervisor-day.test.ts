import { describe, expect, it } from 'vitest';
import { attendanceDefaults, expectedClients, expectsOn, timeIn } from '../../../web/src/lib/supervisor-day';
import { aCase, aPlacement, aSession, casesOf } from './fixtures';

const MASJID = 'site-palopo-masjid-bara';
// 2026-03-07 is a Saturday (ISO 6), 2026-03-08 a Sunday.
const SATURDAY = '2026-03-07';

describe("the supervisor's expected clients", () => {
  it('expects a client on the weekdays of an active placement within its dates', () => {
    const p = aPlacement({ weekdays: [1, 6], from: '2026-03-01', until: '2026-03-31' });
    expect(expectsOn(p, SATURDAY)).toBe(true);
    expect(expectsOn(p, '2026-03-08')).toBe(false);
    expect(expectsOn({ ...p, status: 'ended' }, SATURDAY)).toBe(false);
    expect(expectsOn({ ...p, from: '2026-03-08' }, SATURDAY)).toBe(false);
    expect(expectsOn({ ...p, until: '2026-03-06' }, SATURDAY)).toBe(false);
    expect(expectsOn({ ...p, until: SATURDAY }, SATURDAY)).toBe(true);
  });

  it("lists today's clients at the supervisor's sites by start time, with what is already recorded", () => {
    const [rudi, dewi, ahmad] = casesOf('Rudi Hartono', 'Dewi Lestari', 'Ahmad Fauzi');
    const result = expectedClients(
      [
        {
          case: rudi,
          placements: [aPlacement({ caseId: 'C1', startTime: '09:00' })],
          sessions: [
            aSession({ caseId: 'C1', date: SATURDAY, siteId: MASJID }),
            aSession({ id: 'S0', caseId: 'C1', date: '2026-03-02' }),
          ],
        },
        { case: dewi, placements: [aPlacement({ id: 'P2', caseId: 'C2', weekdays: [6, 7] })], sessions: [] },
        // Placed elsewhere (another site) and on another day here: not expected.
        {
          case: ahmad,
          placements: [
            aPlacement({ id: 'P3', caseId: 'C3', siteId: 'site-other' }),
            aPlacement({ id: 'P4', caseId: 'C3', weekdays: [2] }),
          ],
          sessions: [],
        },
      ],
      [MASJID],
      SATURDAY,
    );
    expect(result.map((e) => [e.case.client.fullName, e.placement.id, e.recorded.length])).toEqual([
      ['Dewi Lestari', 'P2', 0],
      ['Rudi Hartono', 'P1', 1],
    ]);
  });

  it('says so when nobody is expected', () => {
    expect(
      expectedClients([{ case: aCase(), placements: [aPlacement()], sessions: [] }], [MASJID], '2026-03-08'),
    ).toEqual([]);
  });

  it("prefills the placement's hours and tells whether the scheduled end is still ahead", () => {
    expect(attendanceDefaults({ startTime: '08:00', endTime: '12:00' }, '11:36')).toEqual({
      startTime: '08:00',
      endTime: '12:00',
      endsLater: true,
    });
    expect(attendanceDefaults({ startTime: '08:00', endTime: '12:00' }, '12:00').endsLater).toBe(false);
  });

  it("reads the clock in the office's zone", () => {
    // 03:36 UTC is 11:36 WITA and 10:36 WIB.
    const now = new Date('2026-11-28T03:36:41Z');
    expect(timeIn('Asia/Makassar', now)).toBe('11:36');
    expect(timeIn('Asia/Jakarta', now)).toBe('10:36');
    expect(timeIn('Asia/Jayapura', new Date('2026-11-28T15:00:00Z'))).toBe('00:00');
  });
});
