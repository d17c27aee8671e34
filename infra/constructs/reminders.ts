/**
 * Reminders in the stateless stack (ADR 0014): one function that runs the reminders jobs, invoked by
 * EventBridge Scheduler at fixed local times in each office time zone of the deployment (the times are
 * in infra/config/reminder-schedule.ts, which local mode's timer reads too).
 *
 * - Schedules, not a polling server: each (job, time zone) pair is one schedule with its `timeZone`,
 *   so 17:00 means 17:00 WIB, WITA or WIT; Indonesia has no daylight saving.
 * - Scheduler invokes the function asynchronously. Two places can give up: Scheduler (it could not
 *   invoke: throttled, the function gone) and Lambda (the job threw through its own retries). Both send
 *   to one dead-letter queue, which alarms at its first message. Retrying a job is safe: each reminder
 *   is claimed by a conditional put before it is sent, so a rerun never sends twice.
 * - Least privilege: email only from the configured SES identity (and configuration set), SMS only from
 *   the configured origination identity, and on the table only what the job reads and the reminder log
 *   (table-access.ts `remindersTableAccess`).
 * - Without reminder settings the construct still runs the nightly re-plan (its only job then), with the
 *   sweep's table access alone and no channel.
 * - With them, the providers' delivery reports mark each reminder delivered or failed
 *   (reminder-delivery.ts): reminders are sent in the configuration sets that report them.
 */
import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import type { TableDefinition } from '../../functions/tables';
import { reminderSchedules, type OfficeTimeZone, type ReminderSchedule } from '../config/reminder-schedule';
import type { DeploymentConfig } from '../config/schema';
import { AbdiFunction } from './abdi-function';
import { grantWorkerTableAccess } from './audit-stream';
import { acknowledge, acknowledgeWildcard } from './nag';
import { ReminderDelivery, type EffectiveReminderSettings } from './reminder-delivery';
import { remindersTableAccess, replanSweepTableAccess } from './table-access';

export const remindersEntry = fileURLToPath(
  new URL('../../functions/handlers/reminders.ts', import.meta.url),
);

/** Cron day names by ISO weekday (cron's own numbers start at Sunday = 1). */
const CRON_DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

/** A job that has not run within this long of its time is given up (and dead-lettered). */
const MAX_DELAY = Duration.hours(2);

export interface RemindersProps {
  /** The main table (imported with its key). */
  readonly table: dynamodb.ITable;
  readonly tableDefinition: TableDefinition;
  /** The deployment's reminder settings (schema.ts `reminders`); without them, only the re-plan runs. */
  readonly settings?: NonNullable<DeploymentConfig['reminders']> | undefined;
  /** The office time zones to schedule the jobs in, each once. */
  readonly timeZones: readonly OfficeTimeZone[];
  /** Runtime configuration shared with the other functions (table names, mode, …). */
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: logs.RetentionDays;
  /** @default reminderSchedules */
  readonly schedules?: readonly ReminderSchedule[];
  /** Tests only: stub code instead of bundling (see AbdiFunctionProps.skipBundling). */
  readonly skipBundling?: boolean;
}

export class Reminders extends Construct {
  readonly job: AbdiFunction;
  /** Jobs Scheduler could not invoke, or that failed through Lambda's retries: the event, not the result. */
  readonly deadLetterQueue: sqs.Queue;
  readonly schedules: scheduler.Schedule[];
  /** Delivery reports (with reminder settings only): configuration sets, their events, their function. */
  readonly delivery?: ReminderDelivery;
  /**
   * The reminder settings every sender uses (this job, the re-planner's alerts): the deployment's, with
   * the configuration sets created for delivery reports. Undefined without reminder settings.
   */
  readonly settings?: EffectiveReminderSettings;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    if (props.settings) {
      this.delivery = new ReminderDelivery(this, 'Delivery', {
        table: props.table,
        tableDefinition: props.tableDefinition,
        settings: props.settings,
        environment: props.environment,
        logRetention: props.logRetention,
        skipBundling: props.skipBundling,
      });
      this.settings = this.delivery.effectiveSettings(props.settings);
    }
    const { settings } = this;

    this.job = new AbdiFunction(this, 'Job', {
      entry: remindersEntry,
      description:
        'Abdi reminders job: the nightly re-plan, day-before, end-of-day and weekly reminders of one time zone',
      logRetention: props.logRetention,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: 'abdi-reminders',
        ...(settings ? messagingEnvironment(settings) : {}),
      },
      // A zone's offices and their day's slots, a few calls per reminder: minutes, not seconds.
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
      'This queue is itself the dead-letter queue of the reminder schedules and of the job function; a queue behind it would only move the same job events again.',
    );
    this.job.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: MAX_DELAY,
      onFailure: new destinations.SqsDestination(this.deadLetterQueue),
    });

    grantWorkerTableAccess(
      this.job,
      props.table,
      props.tableDefinition.id,
      settings ? remindersTableAccess : replanSweepTableAccess,
    );
    if (settings) grantMessaging(this.job, settings);

    // One role for every schedule: invoke this function, send to this queue.
    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: invokes the Abdi reminders job',
    });
    acknowledgeWildcard(
      schedulerRole,
      'Resource',
      `${this.job.function.functionArn}:*`,
      "The Lambda target's own grant: invoke on the reminders function and its versions or aliases, that one function only; the role can do nothing else but send to the job's dead-letter queue.",
    );
    const schedules = (props.schedules ?? reminderSchedules).filter((s) => settings || !s.onlySends);
    this.schedules = schedules.flatMap((schedule) =>
      props.timeZones.map(
        (timeZone) =>
          new scheduler.Schedule(this, `${pascal(schedule.job)}${pascal(timeZone)}`, {
            description: `${schedule.description} (${timeZone})`,
            schedule: scheduler.ScheduleExpression.cron({
              minute: String(schedule.minute),
              hour: String(schedule.hour),
              ...(schedule.isoWeekday !== undefined && { weekDay: CRON_DAYS[schedule.isoWeekday - 1] }),
              timeZone: TimeZone.of(timeZone),
            }),
            target: new targets.LambdaInvoke(this.job.function, {
              role: schedulerRole,
              input: scheduler.ScheduleTargetInput.fromObject({ job: schedule.job, timeZone }),
              deadLetterQueue: this.deadLetterQueue,
              retryAttempts: 3,
              maxEventAge: MAX_DELAY,
            }),
          }),
      ),
    );
  }
}

type ReminderSettings = EffectiveReminderSettings;

/** What functions/platform/messaging/messaging.ts `readMessagingConfig` reads. */
export function messagingEnvironment(settings: ReminderSettings): Record<string, string> {
  return {
    REMINDER_SENDER_EMAIL: settings.senderEmail,
    ...(settings.configurationSet && { SES_CONFIGURATION_SET: settings.configurationSet }),
    ...(settings.smsOriginationIdentity && { SMS_ORIGINATION_IDENTITY: settings.smsOriginationIdentity }),
    ...(settings.smsConfigurationSet && { SMS_CONFIGURATION_SET: settings.smsConfigurationSet }),
  };
}

/**
 * `ses:SendEmail` from the sender only, `sms-voice:SendTextMessage` from the origination identity only.
 * Exported for any other function that sends reminders (the re-planner's feasibility alerts).
 */
export function grantMessaging(fn: AbdiFunction, settings: ReminderSettings): void {
  const stack = Stack.of(fn);
  const domain = settings.senderEmail.split('@')[1]!;
  const ses = (resource: string, resourceName: string) =>
    stack.formatArn({ service: 'ses', resource, resourceName });
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'SendReminderEmail',
      actions: ['ses:SendEmail'],
      // SES authorises the identity that covers the sender: the address itself or its domain.
      resources: [
        ses('identity', settings.senderEmail),
        ses('identity', domain),
        ...(settings.configurationSet ? [ses('configuration-set', settings.configurationSet)] : []),
      ],
      conditions: { StringEquals: { 'ses:FromAddress': settings.senderEmail } },
    }),
  );
  if (settings.smsOriginationIdentity) {
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SendReminderSms',
        actions: ['sms-voice:SendTextMessage'],
        resources: [
          settings.smsOriginationIdentity,
          // The configuration set is a resource of the call too, where one reports deliveries.
          ...(settings.smsConfigurationSet
            ? [
                stack.formatArn({
                  service: 'sms-voice',
                  resource: 'configuration-set',
                  resourceName: settings.smsConfigurationSet,
                }),
              ]
            : []),
        ],
      }),
    );
  }
}

/** `day-before` → `DayBefore`, `Asia/Makassar` → `AsiaMakassar`: construct ids that read well. */
function pascal(value: string): string {
  return value
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
