import { describe, expect, it } from 'vitest';
import {
  contextOfEvidence,
  offlineMark,
  OFFLINE_CLOCK_SKEW_MINUTES,
  OFFLINE_LATE_DAYS,
} from '../../../functions/domain';

/** Monday 2 March 2026, 12:00 in Palopo (WITA, +08:00): the server's receipt. */
const RECEIVED = new Date('2026-03-02T04:00:00Z');
const zone = 'Asia/Makassar' as const;
const worked = { date: '2026-03-02', endTime: '11:00', outcome: 'attended' } as const;

describe('offline marks', () => {
  it('OFFLINE-RECORD: keeps the device instant (in UTC) and position, with no flag for an ordinary sync', () => {
    // Act: recorded at 11:05 local, sent at noon.
    const mark = offlineMark(
      { recordedAt: '2026-03-02T11:05:00+08:00', location: { lat: -2.97, lng: 120.18, accuracyMeters: 12 } },
      { receivedAt: RECEIVED, zone, session: worked },
    );
    // Assess
    expect(mark).toEqual({
      recordedAt: '2026-03-02T03:05:00.000Z',
      location: { lat: -2.97, lng: 120.18, accuracyMeters: 12 },
    });
  });

  it('OFFLINE-RECORD: a device clock ahead of receipt beyond the skew is flagged, within it is not', () => {
    const skew = OFFLINE_CLOCK_SKEW_MINUTES * 60_000;
    const at = (ms: number) => new Date(RECEIVED.getTime() + ms).toISOString();
    expect(offlineMark({ recordedAt: at(skew) }, { receivedAt: RECEIVED, zone }).flags).toBeUndefined();
    expect(offlineMark({ recordedAt: at(skew + 1000) }, { receivedAt: RECEIVED, zone }).flags).toEqual([
      'device_clock_ahead',
    ]);
  });

  it('OFFLINE-RECORD: a sync more than 7 days after the recording is flagged sent_late, never refused', () => {
    const days = (n: number) => new Date(RECEIVED.getTime() - n * 86_400_000).toISOString();
    expect(
      offlineMark({ recordedAt: days(OFFLINE_LATE_DAYS) }, { receivedAt: RECEIVED, zone }).flags,
    ).toBeUndefined();
    expect(offlineMark({ recordedAt: days(8) }, { receivedAt: RECEIVED, zone }).flags).toEqual(['sent_late']);
  });

  it('OFFLINE-RECORD: work written down more than 30 minutes before the session ends is flagged; an absence is not', () => {
    // 10:29 local, the session ending 11:00: 31 minutes early.
    const early = { recordedAt: '2026-03-02T10:29:00+08:00' };
    expect(offlineMark(early, { receivedAt: RECEIVED, zone, session: worked }).flags).toEqual([
      'recorded_before_end',
    ]);
    expect(
      offlineMark(
        { recordedAt: '2026-03-02T10:30:00+08:00' },
        { receivedAt: RECEIVED, zone, session: worked },
      ).flags,
    ).toBeUndefined();
    // An absence is often known (and written down) in the morning.
    const absence = { ...worked, outcome: 'unexcused_absence' } as const;
    expect(offlineMark(early, { receivedAt: RECEIVED, zone, session: absence }).flags).toBeUndefined();
  });

  it('OFFLINE-RECORD: flags add up (a slow clock cannot hide a late sync, and so on)', () => {
    const mark = offlineMark(
      { recordedAt: '2026-02-20T08:00:00+08:00' },
      { receivedAt: RECEIVED, zone, session: { date: '2026-02-20', endTime: '12:00', outcome: 'partial' } },
    );
    expect(mark.flags).toEqual(['sent_late', 'recorded_before_end']);
  });
});

describe('photos taken offline', () => {
  it("EV-TIME: a photo uploaded a day after its capture is checked by the capture time against yesterday's session", () => {
    // Captured during Monday's session, declared by the app; the upload (and this check) came on Tuesday.
    const context = contextOfEvidence({
      evidenceId: 'E1',
      moment: { date: '2026-03-02', time: '09:15', source: 'declared' },
      session: { date: '2026-03-02', startTime: '08:00', endTime: '11:00' },
    });
    expect(context.warnings).toEqual([]);
    expect(context.checks.time).toMatchObject({ withinSession: true, capturedAtLocal: '2026-03-02T09:15' });
  });
});
