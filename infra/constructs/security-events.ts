/**
 * Changes that weaken the protection of a deployment's records, caught as they happen: EventBridge rules
 * on CloudTrail management events, each sending a readable message (what, on which resource, by whom,
 * when) to the alarm topic.
 *
 * - KMS: `DisableKey` and `ScheduleKeyDeletion` of this deployment's keys. A disabled table or bucket key
 *   stops every read; a deleted one loses the data and its backups for good. Both can be undone in time
 *   (`enable-key`, `cancel-key-deletion`: deletion waits at least 7 days).
 * - S3: `PutObjectLockConfiguration`, `PutBucketPolicy` and `DeleteBucketPolicy` on the evidence and
 *   documents buckets: the retention or the access rules of court records changed.
 *
 * Only what CloudTrail records reaches EventBridge: the account needs a trail logging management events
 * in this region (an organization trail counts). Deploys change bucket policies too, so a message right
 * after a deploy by the pipeline's role is expected; the message names the caller to tell them apart.
 */
import * as events from 'aws-cdk-lib/aws-events';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export const CLOUDTRAIL_API_CALL = 'AWS API Call via CloudTrail';
export const KEY_EVENTS = ['DisableKey', 'ScheduleKeyDeletion'] as const;
export const BUCKET_EVENTS = ['PutObjectLockConfiguration', 'PutBucketPolicy', 'DeleteBucketPolicy'] as const;

export interface SecurityEventsProps {
  /** Deployment name, in each message. */
  readonly deploymentName: string;
  /** ARNs of the KMS keys to watch (tokens are fine). */
  readonly keyArns: readonly string[];
  /** Names of the buckets to watch. */
  readonly bucketNames: readonly string[];
  readonly topic: sns.ITopic;
}

export class SecurityEvents extends Construct {
  readonly keyChanges: events.Rule;
  readonly bucketChanges: events.Rule;

  constructor(scope: Construct, id: string, props: SecurityEventsProps) {
    super(scope, id);
    const field = (path: string) => events.EventField.fromPath(path);
    const who = `by ${field('$.detail.userIdentity.arn')} at ${field('$.detail.eventTime')} from ${field('$.detail.sourceIPAddress')}`;
    // The undo commands name the resource from the event; no angle brackets (EventBridge's placeholders).
    const key = field('$.detail.responseElements.keyId');
    const bucket = field('$.detail.requestParameters.bucketName');

    this.keyChanges = new events.Rule(this, 'KeyChanges', {
      description: `Abdi ${props.deploymentName}: a KMS key of the deployment was disabled or scheduled for deletion`,
      eventPattern: {
        source: ['aws.kms'],
        detailType: [CLOUDTRAIL_API_CALL],
        detail: {
          eventSource: ['kms.amazonaws.com'],
          eventName: [...KEY_EVENTS],
          // CloudTrail names the key's ARN among the event's resources, however the caller named it.
          resources: { ARN: [...props.keyArns] },
        },
      },
      targets: [
        topicTarget(
          props.topic,
          `Abdi ${props.deploymentName}: ${field('$.detail.eventName')} on KMS key ${key} ${who}. ` +
            'Tables or files encrypted with it become unreadable. Undo now unless this was planned: ' +
            `aws kms cancel-key-deletion --key-id ${key} (after ScheduleKeyDeletion), then aws kms enable-key --key-id ${key}`,
        ),
      ],
    });

    this.bucketChanges = new events.Rule(this, 'BucketChanges', {
      description: `Abdi ${props.deploymentName}: Object Lock or bucket policy of the evidence or documents bucket changed`,
      eventPattern: {
        source: ['aws.s3'],
        detailType: [CLOUDTRAIL_API_CALL],
        detail: {
          eventSource: ['s3.amazonaws.com'],
          eventName: [...BUCKET_EVENTS],
          requestParameters: { bucketName: [...props.bucketNames] },
        },
      },
      targets: [
        topicTarget(
          props.topic,
          `Abdi ${props.deploymentName}: ${field('$.detail.eventName')} on bucket ${bucket} ${who}. ` +
            'Unless the caller is the deploy role during a deploy, read what is in force now: ' +
            `aws s3api get-object-lock-configuration --bucket ${bucket}; aws s3api get-bucket-policy --bucket ${bucket}; ` +
            `then aws cloudformation detect-stack-drift --stack-name Abdi-${props.deploymentName}-Data and put back what the template says.`,
        ),
      ],
    });
  }
}

/**
 * The topic as a rule target, without the CDK's own grant: `targets.SnsTopic` adds a topic-policy
 * statement for the whole EventBridge service. The Alarms construct writes one limited to this account's
 * rules instead.
 */
function topicTarget(topic: sns.ITopic, message: string): events.IRuleTarget {
  return {
    bind: () => ({ arn: topic.topicArn, input: events.RuleTargetInput.fromText(message) }),
  };
}
