import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import { BUSINESS_METRICS, businessMetrics } from '../../../functions/platform/business-metrics';

/** A sink that keeps what it is given, in the shape Powertools' addMetric takes. */
function fakeSink(options: { failing?: boolean } = {}) {
  const added: { name: string; unit: string; value: number }[] = [];
  return {
    added,
    addMetric: ((name: string, unit: string, value: number) => {
      if (options.failing) throw new RangeError(`${value} is not a valid number`);
      added.push({ name, unit, value });
    }) as Metrics['addMetric'],
  };
}

describe('business metrics', () => {
  it('a recorded session counts one session and its credited minutes', () => {
    // Prepare
    const sink = fakeSink();
    // Act
    businessMetrics(sink).sessionRecorded(180);
    // Assess
    expect(sink.added).toEqual([
      { name: 'SessionsRecorded', unit: MetricUnit.Count, value: 1 },
      { name: 'MinutesCredited', unit: MetricUnit.Count, value: 180 },
    ]);
  });

  it("a supervisor's unverified session counts as a session with no minutes yet", () => {
    const sink = fakeSink();
    businessMetrics(sink).sessionRecorded(0);
    expect(sink.added.map((m) => [m.name, m.value])).toEqual([
      [BUSINESS_METRICS.sessionsRecorded, 1],
      [BUSINESS_METRICS.minutesCredited, 0],
    ]);
  });

  it('a correction adds its delta to the minutes, down as well as up, and nothing when it moves none', () => {
    const sink = fakeSink();
    const events = businessMetrics(sink);
    events.sessionCorrected(120);
    events.sessionCorrected(-30);
    events.sessionCorrected(0);
    expect(sink.added.map((m) => [m.name, m.value])).toEqual([
      ['MinutesCredited', 120],
      ['MinutesCredited', -30],
    ]);
  });

  it('evidence verdicts count as EvidenceVerified and EvidenceRejected', () => {
    const sink = fakeSink();
    const events = businessMetrics(sink);
    events.evidenceDecided('verified');
    events.evidenceDecided('rejected');
    events.evidenceDecided('verified');
    expect(sink.added.map((m) => m.name)).toEqual([
      'EvidenceVerified',
      'EvidenceRejected',
      'EvidenceVerified',
    ]);
  });

  it('a metric the sink refuses does not fail the committed request', () => {
    const events = businessMetrics(fakeSink({ failing: true }));
    expect(() => events.sessionRecorded(Number.NaN)).not.toThrow();
    expect(() => events.evidenceDecided('verified')).not.toThrow();
  });

  it('carries no dimension of its own (no office): only the sink decides the dimensions', () => {
    const calls: unknown[][] = [];
    const sink = {
      addMetric: (...args: unknown[]) => calls.push(args),
      addDimension: () => {
        throw new Error('business metrics must add no dimension');
      },
    };
    businessMetrics(sink as never).sessionRecorded(60);
    expect(calls.every((args) => args.length === 3)).toBe(true);
  });
});
