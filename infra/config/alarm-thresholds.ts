/**
 * Every alarm threshold of a deployment, in one place (infra/constructs/alarms.ts reads them; the runbook's
 * alarm table names them). Each entry says when the alarm fires and why that value: change a number here,
 * not in the construct.
 *
 * Periods are in minutes. `datapoints` of `periods` five-minute points must breach (an "M of N" alarm).
 * `missing` is what no data at all means, chosen per alarm:
 * - `notBreaching`: the metric only exists when something happens (errors, throttles, dead letters,
 *   failed invocations), or the service stops sending it when idle (an SQS queue with nothing in it for
 *   hours), so silence means all is well;
 * - `breaching`: the metric should always be there, so silence is itself the failure (a schedule that
 *   should fire every few minutes and does not).
 */
import { TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';

export interface AlarmThreshold {
  /** Fires at or above this value (below it, for `stopped`). */
  readonly threshold: number;
  readonly periodMinutes: number;
  readonly periods: number;
  readonly datapoints: number;
  readonly missing: TreatMissingData;
}

const everyFiveMinutes = { periodMinutes: 5, periods: 1, datapoints: 1 } as const;

export const alarmThresholds = {
  /**
   * API server errors as a share of requests (metric math 100 × 5xx ÷ Count), in percent. Two of three
   * five-minute points: a lasting failure, not one bad request. Points with fewer than `minimumRequests`
   * requests count as 0 %, so a quiet night with one failed call among three does not page anyone.
   */
  apiServerErrorRate: {
    threshold: 5,
    periodMinutes: 5,
    periods: 3,
    datapoints: 2,
    missing: TreatMissingData.NOT_BREACHING,
  },
  /**
   * p99 latency of the API in milliseconds, three five-minute points in a row, with the same minimum of
   * requests: with a handful of requests p99 is the slowest one, usually a cold start (1–2 s). 5 s is
   * well above a cold start and well below the 29 s timeout; the documents routes render PDFs but stay
   * under it too.
   */
  apiLatencyP99: {
    threshold: 5000,
    periodMinutes: 5,
    periods: 3,
    datapoints: 3,
    missing: TreatMissingData.NOT_BREACHING,
  },
  /** Below this many requests in a period, the rate and latency alarms read 0. */
  apiMinimumRequests: 20,
  /**
   * Function errors (thrown, timed out, out of memory) in five minutes. Three: an async invocation is
   * tried three times, so one event that always fails alarms once; the API function answers errors with
   * problem+json and only throws when something is truly broken.
   */
  functionErrors: { threshold: 3, ...everyFiveMinutes, missing: TreatMissingData.NOT_BREACHING },
  /** Any throttle: the account's concurrency is used up, or a reserved concurrency is too low. */
  functionThrottles: { threshold: 1, ...everyFiveMinutes, missing: TreatMissingData.NOT_BREACHING },
  /** One visible message: each one is work the system gave up on and a person must look at. */
  deadLetters: { threshold: 1, ...everyFiveMinutes, missing: TreatMissingData.NOT_BREACHING },
  /**
   * DynamoDB read or write throttle events of a table and its indexes in five minutes. On-demand tables
   * throttle only past twice their previous peak or on one hot partition; the SDK retries a few, five
   * in five minutes means callers are seeing them.
   */
  tableThrottles: { threshold: 5, ...everyFiveMinutes, missing: TreatMissingData.NOT_BREACHING },
  /** DynamoDB's own 500s, over the operations Abdi sends. The SDK retries them; five means an incident. */
  tableSystemErrors: { threshold: 5, ...everyFiveMinutes, missing: TreatMissingData.NOT_BREACHING },
  /** An EventBridge rule could not deliver to its target after its retries (or to its dead letters). */
  ruleFailedInvocations: { threshold: 1, ...everyFiveMinutes, missing: TreatMissingData.NOT_BREACHING },
  /**
   * A rate-scheduled rule (the sweeps, every 1–15 minutes) that did not fire once in an hour: someone
   * disabled it, or EventBridge stopped. No data is the failure here.
   */
  ruleStopped: {
    threshold: 1,
    periodMinutes: 60,
    periods: 1,
    datapoints: 1,
    missing: TreatMissingData.BREACHING,
  },
  /** EventBridge Scheduler could not invoke a target (throttled, permission, function gone). */
  schedulerTargetErrors: { threshold: 1, ...everyFiveMinutes, missing: TreatMissingData.NOT_BREACHING },
  /** A CloudTrail event the security rules match (a key disabled, a bucket's lock or policy changed). */
  securityEvents: { threshold: 1, ...everyFiveMinutes, missing: TreatMissingData.NOT_BREACHING },
} as const satisfies Record<string, AlarmThreshold | number>;

/**
 * The DynamoDB operations whose SystemErrors are summed: what the stores and Powertools idempotency send.
 * An alarm takes at most ten metrics, so the list stays short.
 */
export const monitoredTableOperations = [
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'BatchGetItem',
  'TransactWriteItems',
  'TransactGetItems',
] as const;
