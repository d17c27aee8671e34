/**
 * Delivery reports for reminders (issue 15: every reminder logged as sent, delivered or failed; ADR 0014).
 * The providers say later what became of a message they accepted; this construct brings their word to
 * one small function (functions/handlers/reminder-delivery.ts), which marks the reminder log.
 *
 * - Email: an SES configuration set with an event destination on the account's default EventBridge bus
 *   (SES can publish to no other bus) for deliveries, bounces, complaints, rejects and rendering
 *   failures. The construct creates the set unless the deployment names one (`reminders.configurationSet`);
 *   a named set is owned outside the stack, and its owner must give it that EventBridge destination, or
 *   emails stay `sent`. A rule on the default bus passes on only the events of this set (SES tags every
 *   event with `ses:configuration-set`), so another application's mail in the account never reaches it.
 * - SMS (where an origination identity is configured): an AWS End User Messaging SMS configuration set
 *   (L1 `AWS::SMSVOICE::ConfigurationSet`) with an SNS event destination for the text events, on a topic
 *   encrypted with its own key that only the service of this account may publish to, and TLS-only. The
 *   events carry the recipient's number, so they stay inside the topic and the function; SNS delivers
 *   them to the same function.
 * - The function is invoked asynchronously by both. Where it cannot be invoked (EventBridge, SNS) or
 *   fails through Lambda's retries, the event goes to one dead-letter queue, which alarms (app-stack.ts).
 *   Replaying it is safe: the log only moves forward (sent → delivered → failed).
 * - Least privilege: on the table, a Query and an UpdateItem on the reminder log's partitions only
 *   (table-access.ts `deliveryReportTableAccess`); nothing else.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as smsvoice from 'aws-cdk-lib/aws-smsvoice';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import type { TableDefinition } from '../../functions/tables';
import type { DeploymentConfig } from '../config/schema';
import { AbdiFunction } from './abdi-function';
import { grantWorkerTableAccess } from './audit-stream';
import { acknowledge } from './nag';
import { deliveryReportTableAccess } from './table-access';

export const reminderDeliveryEntry = fileURLToPath(
  new URL('../../functions/handlers/reminder-delivery.ts', import.meta.url),
);

/** The SES events that settle a reminder (domain/delivery-reports.ts), as EventBridge names them. */
export const SES_DELIVERY_DETAIL_TYPES = [
  'Email Delivered',
  'Email Bounced',
  'Email Complaint Received',
  'Email Rejected',
  'Email Rendering Failed',
] as const;

/** The same events as the configuration set's destination matches them. */
const SES_EVENTS = [
  ses.EmailSendingEvent.DELIVERY,
  ses.EmailSendingEvent.BOUNCE,
  ses.EmailSendingEvent.COMPLAINT,
  ses.EmailSendingEvent.REJECT,
  ses.EmailSendingEvent.RENDERING_FAILURE,
];

/** An event not handled within this long is dead-lettered (SMS reports can come up to 72 hours late). */
const MAX_EVENT_AGE = Duration.hours(6);

export interface ReminderDeliveryProps {
  readonly table: dynamodb.ITable;
  readonly tableDefinition: TableDefinition;
  readonly settings: NonNullable<DeploymentConfig['reminders']>;
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: logs.RetentionDays;
  readonly skipBundling?: boolean;
}

export class ReminderDelivery extends Construct {
  /** The SES configuration set reminders are sent in: the deployment's, or the one created here. */
  readonly emailConfigurationSet: string;
  /** The SES configuration set created here (none when the deployment names its own). */
  readonly createdEmailConfigurationSet?: ses.ConfigurationSet;
  /** The SMS configuration set created here, where the deployment sends SMS. */
  readonly smsConfigurationSet?: smsvoice.CfnConfigurationSet;
  readonly smsEvents?: sns.Topic;
  readonly handler: AbdiFunction;
  /** Reports that could not be handed to the function, or that failed through its retries. */
  readonly deadLetterQueue: sqs.Queue;
  readonly emailRule: events.Rule;

  constructor(scope: Construct, id: string, props: ReminderDeliveryProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.handler = new AbdiFunction(this, 'Handler', {
      entry: reminderDeliveryEntry,
      description: 'Abdi reminder delivery reports: SES and SMS events mark reminders delivered or failed',
      logRetention: props.logRetention,
      environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: 'abdi-reminder-delivery' },
      // One Query and a few conditional updates per report.
      timeout: Duration.seconds(30),
      skipBundling: props.skipBundling,
    });
    grantWorkerTableAccess(this.handler, props.table, props.tableDefinition.id, deliveryReportTableAccess);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the delivery-report rule, subscription and function; a queue behind it would only move the same events again.',
    );
    this.handler.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: MAX_EVENT_AGE,
      onFailure: new destinations.SqsDestination(this.deadLetterQueue),
    });

    // Email: the configuration set (created unless named) and its events on the default bus.
    if (props.settings.configurationSet) {
      this.emailConfigurationSet = props.settings.configurationSet;
    } else {
      this.createdEmailConfigurationSet = new ses.ConfigurationSet(this, 'EmailEvents', {
        // Reminders are plain transactional text: no open or click tracking to rewrite them.
        sendingEnabled: true,
      });
      this.createdEmailConfigurationSet.addEventDestination('ToEventBridge', {
        destination: ses.EventDestination.eventBus(
          events.EventBus.fromEventBusName(this, 'DefaultBus', 'default'),
        ),
        events: SES_EVENTS,
      });
      this.emailConfigurationSet = this.createdEmailConfigurationSet.configurationSetName;
    }
    this.emailRule = new events.Rule(this, 'EmailEventsRule', {
      description: 'SES delivery, bounce, complaint, reject and rendering-failure events of the reminders',
      eventPattern: {
        source: ['aws.ses'],
        detailType: [...SES_DELIVERY_DETAIL_TYPES],
        detail: { mail: { tags: { 'ses:configuration-set': [this.emailConfigurationSet] } } },
      },
      targets: [
        new eventTargets.LambdaFunction(this.handler.function, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 3,
          maxEventAge: MAX_EVENT_AGE,
        }),
      ],
    });

    // SMS: only where the deployment sends SMS.
    if (props.settings.smsOriginationIdentity) {
      const key = new kms.Key(this, 'SmsEventsKey', {
        description: 'Abdi: encrypts the SMS delivery events topic (events carry the recipient number)',
        enableKeyRotation: true,
      });
      const smsService = new iam.ServicePrincipal('sms-voice.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      });
      key.grant(smsService, 'kms:GenerateDataKey*', 'kms:Decrypt');
      this.smsEvents = new sns.Topic(this, 'SmsEvents', {
        displayName: 'Abdi SMS delivery events',
        masterKey: key,
        enforceSSL: true,
      });
      this.smsEvents.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'SmsVoicePublishes',
          principals: [new iam.ServicePrincipal('sms-voice.amazonaws.com')],
          actions: ['sns:Publish'],
          resources: [this.smsEvents.topicArn],
          conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
        }),
      );
      this.smsConfigurationSet = new smsvoice.CfnConfigurationSet(this, 'SmsConfigurationSet', {
        eventDestinations: [
          {
            eventDestinationName: 'abdi-delivery-reports',
            enabled: true,
            // Every text event: the function keeps the final ones (domain/delivery-reports.ts).
            matchingEventTypes: ['TEXT_ALL'],
            snsDestination: { topicArn: this.smsEvents.topicArn },
          },
        ],
      });
      this.smsEvents.addSubscription(
        new subscriptions.LambdaSubscription(this.handler.function, {
          deadLetterQueue: this.deadLetterQueue,
        }),
      );
    }
  }

  /** The settings the senders use: the deployment's, with the configuration sets reminders go out in. */
  effectiveSettings(settings: ReminderDeliveryProps['settings']): EffectiveReminderSettings {
    return {
      ...settings,
      configurationSet: this.emailConfigurationSet,
      ...(this.smsConfigurationSet && { smsConfigurationSet: this.smsConfigurationSet.ref }),
    };
  }
}

/** The deployment's reminder settings, with the SMS configuration set created for delivery reports. */
export type EffectiveReminderSettings = NonNullable<DeploymentConfig['reminders']> & {
  readonly smsConfigurationSet?: string;
};
