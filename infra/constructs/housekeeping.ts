/**
 * The nightly housekeeping (issue 16, item 7) in the stateless stack: a function of its own, invoked by
 * EventBridge Scheduler once a night per office time zone (infra/config/housekeeping-schedule.ts, which
 * local mode's timer reads too). It ends placements whose last day has passed and gives their sites'
 * places back (functions/actions/placements/end-expired.ts).
 *
 * Why not one more job of the reminders function (which runs the morning re-plan the same way): ending
 * a placement writes what that function must not. Its access is documented and tested as "writes only
 * the reminder log and case plans, reaches no audit trail and no site" (table-access.ts
 * `remindersTableAccess`); housekeeping needs the site's occupancy counters and an audit entry on the
 * case's timeline. Folding it in would hand every reminder run the right to change a site's occupancy.
 * A second function costs nothing while idle; its schedules, retries and dead-letter queue are the
 * reminders' pattern, and the stack's alarms find its function, queue and schedules on their own.
 *
 * Stale idempotency records need no job: the idempotency table's TTL deletes them, and the API treats a
 * record past its expiry as absent until it does (functions/store/idempotency.ts).
 */
import { Aws, Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import type { RetentionSettings } from '../../functions/domain/data-protection/retention-schedule';
import { THUMBNAIL_KEY_PREFIX } from '../../functions/evidence/thumbnail-key';
import type { TableDefinition } from '../../functions/tables';
import { housekeepingSchedule, type HousekeepingJobEvent } from '../config/housekeeping-schedule';
import type { OfficeTimeZone } from '../config/reminder-schedule';
import { AbdiFunction } from './abdi-function';
import { grantWorkerTableAccess } from './audit-stream';
import { acknowledge, acknowledgeWildcard } from './nag';
import type { TableAccess } from './table-access';
import { housekeepingRoleNameOf } from './tamper-proofing';
import { EVIDENCE_KEY_PREFIX } from './evidence-verification';

export const housekeepingEntry = fileURLToPath(
  new URL('../../functions/handlers/housekeeping.ts', import.meta.url),
);

/** A run that has not started within this long of its time is given up (and dead-lettered). */
const MAX_DELAY = Duration.hours(4);

/**
 * Partitions the housekeeping job reaches, from store/keys.ts and the stores it calls:
 * - `OFFICES` (gsi1): the offices of the job's time zone;
 * - `O#<office>#PLACEMENTS#ACTIVE` (due): the office's active placements by last day;
 * - `O#<office>#CASE#<case>`: the case and its placements, read, and written by the end's transaction
 *   (the case item's version and current site, the ended placement);
 * - `O#<office>#SITE#<site>`: the site's per-weekday occupancy, given back (UpdateItem only);
 * - `O#<office>#AUDIT#case#<case>`: the end's audit entry on the case's timeline (Put only).
 * - retention (issue 17): `O#<office>#RETENTION` (due) the closed cases; the case partition, the client
 *   item and its credited days, the NIK guard, the case's, its evidence's and the client's audit trails
 *   (read, deleted, or rewritten anonymised); `O#<office>#STATS` (a deleted case's counter);
 *   `O#<office>#RETENTION-LOG` (Put only).
 * Not reachable: memberships and profiles, partners, reminders, webhooks, other audit trails, local
 * credentials, the office's audit log index.
 */
export const HOUSEKEEPING_PARTITIONS = {
  offices: 'OFFICES',
  activePlacements: 'O#*#PLACEMENTS#ACTIVE',
  case: 'O#*#CASE#*',
  site: 'O#*#SITE#*',
  caseAudit: 'O#*#AUDIT#case#*',
  // Issue 17, the retention schedule (ADR 0020):
  closedCases: 'O#*#RETENTION',
  retentionLog: 'O#*#RETENTION-LOG',
  client: 'O#*#CLIENT#*',
  nikGuard: 'O#*#NIK#*',
  stats: 'O#*#STATS',
  caseEvidenceAudit: 'O#*#AUDIT#case-evidence#*',
  evidenceAudit: 'O#*#AUDIT#evidence#*',
  clientAudit: 'O#*#AUDIT#client#*',
} as const;

const H = HOUSEKEEPING_PARTITIONS;

export const housekeepingTableAccess: TableAccess[] = [
  { sid: 'ListOffices', actions: ['dynamodb:Query'], indexes: ['gsi1'], leadingKeys: [H.offices] },
  {
    sid: 'ListExpiringPlacements',
    actions: ['dynamodb:Query'],
    indexes: ['due'],
    leadingKeys: [H.activePlacements],
  },
  { sid: 'ReadCases', actions: ['dynamodb:GetItem', 'dynamodb:Query'], leadingKeys: [H.case] },
  { sid: 'EndPlacements', actions: ['dynamodb:PutItem'], leadingKeys: [H.case, H.caseAudit] },
  { sid: 'GiveBackPlaces', actions: ['dynamodb:UpdateItem'], leadingKeys: [H.site] },
  // The retention schedule: its listing, then what each due step reads and deletes or anonymises.
  { sid: 'ListClosedCases', actions: ['dynamodb:Query'], indexes: ['due'], leadingKeys: [H.closedCases] },
  { sid: 'ReadClientsCases', actions: ['dynamodb:BatchGetItem'], leadingKeys: [H.case] },
  { sid: 'ReadClients', actions: ['dynamodb:GetItem'], leadingKeys: [H.client] },
  {
    sid: 'ReadRetentionRecords',
    actions: ['dynamodb:Query'],
    leadingKeys: [H.client, H.caseAudit, H.caseEvidenceAudit, H.evidenceAudit, H.clientAudit],
  },
  {
    sid: 'ApplyRetention',
    actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    leadingKeys: [H.case, H.client],
  },
  {
    sid: 'DeleteExpiredRecords',
    actions: ['dynamodb:DeleteItem'],
    leadingKeys: [H.nikGuard, H.caseAudit, H.caseEvidenceAudit, H.evidenceAudit, H.clientAudit],
  },
  { sid: 'DeletedCaseCounters', actions: ['dynamodb:UpdateItem'], leadingKeys: [H.stats] },
  { sid: 'WriteRetentionLog', actions: ['dynamodb:PutItem'], leadingKeys: [H.retentionLog] },
];

export interface HousekeepingProps {
  /** The main table (imported with its key). */
  readonly table: dynamodb.ITable;
  readonly tableDefinition: TableDefinition;
  /** The office time zones to schedule the job in, each once. */
  readonly timeZones: readonly OfficeTimeZone[];
  /** Runtime configuration shared with the other functions (table names, mode, …). */
  readonly environment: Readonly<Record<string, string>>;
  /** The deployment's name: the job's role gets a fixed name the evidence bucket's policy names. */
  readonly deploymentName: string;
  /** The evidence bucket's fixed name, whose versions and locks the retention schedule acts on. */
  readonly evidenceBucketName: string;
  /** The retention schedule and notice days (`RETENTION_SCHEDULE`, ADR 0020). */
  readonly retention: RetentionSettings;
  readonly logRetention: logs.RetentionDays;
  /** Tests only: stub code instead of bundling (see AbdiFunctionProps.skipBundling). */
  readonly skipBundling?: boolean;
}

export class Housekeeping extends Construct {
  readonly job: AbdiFunction;
  /** Runs Scheduler could not invoke, or that failed through Lambda's retries: the event, not the result. */
  readonly deadLetterQueue: sqs.Queue;
  readonly schedules: scheduler.Schedule[];

  constructor(scope: Construct, id: string, props: HousekeepingProps) {
    super(scope, id);
    this.job = new AbdiFunction(this, 'Job', {
      entry: housekeepingEntry,
      description: 'Abdi housekeeping: placements past their last day ended, their places given back',
      logRetention: props.logRetention,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: 'abdi-housekeeping',
        RETENTION_SCHEDULE: JSON.stringify(props.retention),
      },
      roleName: housekeepingRoleNameOf(props.deploymentName),
      // A zone's offices and their expired placements, a few calls each: minutes at most.
      timeout: Duration.minutes(15),
      skipBundling: props.skipBundling,
    });

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the housekeeping schedules and of the job function; a queue behind it would only move the same job events again.',
    );
    this.job.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: MAX_DELAY,
      onFailure: new destinations.SqsDestination(this.deadLetterQueue),
    });
    grantWorkerTableAccess(this.job, props.table, props.tableDefinition.id, housekeepingTableAccess);
    this.grantRetention(props.evidenceBucketName);

    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: invokes the Abdi housekeeping job',
    });
    acknowledgeWildcard(
      schedulerRole,
      'Resource',
      `${this.job.function.functionArn}:*`,
      "The Lambda target's own grant: invoke on the housekeeping function and its versions or aliases, that one function only; the role can do nothing else but send to the job's dead-letter queue.",
    );
    this.schedules = props.timeZones.map((timeZone) => {
      const event: HousekeepingJobEvent = { job: 'housekeeping', timeZone };
      return new scheduler.Schedule(this, `Nightly${timeZone.replace(/[^A-Za-z]/g, '')}`, {
        description: `${housekeepingSchedule.description} (${timeZone})`,
        schedule: scheduler.ScheduleExpression.cron({
          minute: String(housekeepingSchedule.minute),
          hour: String(housekeepingSchedule.hour),
          timeZone: TimeZone.of(timeZone),
        }),
        target: new targets.LambdaInvoke(this.job.function, {
          role: schedulerRole,
          input: scheduler.ScheduleTargetInput.fromObject(event),
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 3,
          maxEventAge: MAX_DELAY,
        }),
      });
    });
  }

  /**
   * The retention schedule on the evidence bucket (ADR 0020): list a case's versions, read and extend
   * their locks, delete versions whose lock lapsed, under `evidence/` and `thumbnails/` only. No bypass
   * of governance retention and no legal hold: the bucket policy exempts this role for
   * `retentionJobActions` alone (tamper-proofing.ts). No KMS: nothing here reads or writes bytes.
   */
  private grantRetention(bucketName: string): void {
    const bucketArn = `arn:${Aws.PARTITION}:s3:::${bucketName}`;
    const prefixes = [EVIDENCE_KEY_PREFIX, THUMBNAIL_KEY_PREFIX];
    const objects = prefixes.map((prefix) => `${bucketArn}/${prefix}*`);
    this.job.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ListCaseObjectVersions',
        actions: ['s3:ListBucketVersions'],
        resources: [bucketArn],
        conditions: { StringLike: { 's3:prefix': prefixes.map((prefix) => `${prefix}*`) } },
      }),
    );
    this.job.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ApplyRetentionToObjects',
        actions: [
          's3:GetObjectRetention',
          's3:PutObjectRetention',
          's3:DeleteObject',
          's3:DeleteObjectVersion',
        ],
        resources: objects,
      }),
    );
    for (const resource of objects) {
      this.job.acknowledgeWildcard(
        'Resource',
        resource,
        "Evidence and thumbnail keys are created per upload under their prefix; the retention schedule acts on a closed case's versions there: read and extend their Object Lock, delete a version once its lock lapsed (ADR 0020).",
      );
    }
  }
}
