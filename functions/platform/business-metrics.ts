import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { BusinessEvents } from '../actions/ports';

/** The business metrics' names, as dashboards and alarms read them (namespace `Abdi`). */
export const BUSINESS_METRICS = {
  sessionsRecorded: 'SessionsRecorded',
  minutesCredited: 'MinutesCredited',
  evidenceVerified: 'EvidenceVerified',
  evidenceRejected: 'EvidenceRejected',
} as const;

/**
 * BusinessEvents as Powertools metrics, added to the function's metrics instance and published with the
 * invocation's other metrics (EMF on stdout, which CloudWatch turns into metrics; no API call). The only
 * dimension is the instance's `service`: deployment-level, never per office (see BusinessEvents).
 * MinutesCredited is a Count of minutes (CloudWatch has no minute unit); read its Sum. A correction can
 * move it down, so a period's Sum is the net change in credited minutes.
 *
 * @example businessMetrics(metrics).sessionRecorded(180) // SessionsRecorded 1, MinutesCredited 180
 */
export function businessMetrics(sink: Pick<Metrics, 'addMetric'>): BusinessEvents {
  const add = (name: string, value: number) => {
    // Counted after the write committed: a metric that cannot be stored must not turn that into a 500.
    try {
      sink.addMetric(name, MetricUnit.Count, value);
    } catch {
      // Nothing to undo; the record in the table is what counts.
    }
  };
  return {
    sessionRecorded(creditedMinutes) {
      add(BUSINESS_METRICS.sessionsRecorded, 1);
      add(BUSINESS_METRICS.minutesCredited, creditedMinutes);
    },
    sessionCorrected(delta) {
      // A correction that moves nothing (notes, activity, a still unverified session): no data point.
      if (delta !== 0) add(BUSINESS_METRICS.minutesCredited, delta);
    },
    evidenceDecided(verdict) {
      add(verdict === 'verified' ? BUSINESS_METRICS.evidenceVerified : BUSINESS_METRICS.evidenceRejected, 1);
    },
  };
}
