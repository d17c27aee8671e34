/**
 * Verification of uploaded evidence, in the stateless stack: the verifier function that S3's
 * `ObjectCreated` events reach through EventBridge, and the scheduled sweep that expires uploads which
 * never arrived (and verifies those whose event was lost).
 *
 * Why EventBridge and not a direct bucket notification: the bucket lives in the Data stack and the
 * function here; a Lambda notification on the bucket would make the Data stack depend on this one (a
 * cycle), and the CDK would add its notification custom resource with wildcard rights. The bucket only
 * turns on EventBridge delivery (`LockedBucket`), and this rule picks its `Object Created` events by
 * the bucket's fixed name. The verifier accepts them and plain S3 notification records alike (local mode
 * feeds it s3rver's).
 *
 * The verifier also writes the thumbnails of verified images, under `thumbnails/`: outside the rule's
 * `evidence/` prefix, so a thumbnail never triggers a verification of its own.
 */
import { Aws, Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { THUMBNAIL_KEY_PREFIX } from '../../functions/evidence/thumbnail-key';
import type { TableDefinition } from '../../functions/tables';
import { AbdiFunction } from './abdi-function';
import { acknowledge } from './nag';
import {
  expiryTableAccess,
  grantTableAccess,
  tableKeyWriteActions,
  verifierTableAccess,
  type TableAccess,
} from './table-access';

export const verifierEntry = fileURLToPath(
  new URL('../../functions/handlers/evidence-verifier.ts', import.meta.url),
);
export const expiryEntry = fileURLToPath(
  new URL('../../functions/handlers/evidence-expiry.ts', import.meta.url),
);

/** Every evidence object key starts with this (see functions/evidence/verifier.ts `newEvidenceKey`). */
export const EVIDENCE_KEY_PREFIX = 'evidence/';
/** Thumbnails, the verifier's only writes (functions/evidence/thumbnail-key.ts). */
export { THUMBNAIL_KEY_PREFIX };

export interface EvidenceVerificationProps {
  /** The evidence bucket's fixed name (`evidenceBucketName()`); no reference to the Data stack's bucket. */
  readonly bucketName: string;
  /** The bucket's KMS key: the functions decrypt objects with it. */
  readonly bucketKey: kms.IKey;
  /** The main table (imported with its key), read and written by both functions. */
  readonly table: dynamodb.ITable;
  readonly tableDefinition: TableDefinition;
  /** Runtime configuration shared with the API function (table and bucket names, mode, …). */
  readonly environment: Readonly<Record<string, string>>;
  readonly maxUploadBytes: number;
  readonly pendingExpiryMinutes: number;
  readonly logRetention: logs.RetentionDays;
  /** @default every 15 minutes */
  readonly sweepEvery?: Duration;
  /** Tests only: stub code instead of bundling (see AbdiFunctionProps.skipBundling). */
  readonly skipBundling?: boolean;
}

export class EvidenceVerification extends Construct {
  readonly verifier: AbdiFunction;
  readonly expiry: AbdiFunction;
  readonly objectCreated: events.Rule;
  readonly sweep: events.Rule;
  /** Events and invocations that failed after their retries; the sweep re-verifies their objects anyway. */
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: EvidenceVerificationProps) {
    super(scope, id);
    const environment = {
      ...props.environment,
      POWERTOOLS_SERVICE_NAME: 'abdi-evidence',
      MAX_UPLOAD_BYTES: String(props.maxUploadBytes),
      EVIDENCE_PENDING_EXPIRY_MINUTES: String(props.pendingExpiryMinutes),
    };

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the evidence ObjectCreated rule and of the verifier and sweep functions; a queue behind it would only move the same messages again.',
    );

    this.verifier = new AbdiFunction(this, 'Verifier', {
      entry: verifierEntry,
      description:
        'Abdi evidence verifier: SHA-256, size and type of each stored object; thumbnails of images',
      logRetention: props.logRetention,
      environment,
      // Streams the object once; 5 minutes leave room for the largest upload a deployment may allow.
      timeout: Duration.minutes(5),
      memorySize: 1024,
      skipBundling: props.skipBundling,
    });
    this.expiry = new AbdiFunction(this, 'Expiry', {
      entry: expiryEntry,
      description: 'Abdi evidence sweep: expires uploads that never arrived',
      logRetention: props.logRetention,
      environment,
      timeout: Duration.minutes(5),
      memorySize: 1024,
      skipBundling: props.skipBundling,
    });
    for (const [fn, access] of [
      [this.verifier, verifierTableAccess],
      [this.expiry, expiryTableAccess],
    ] as const) {
      fn.function.configureAsyncInvoke({
        retryAttempts: 2,
        onFailure: new destinations.SqsDestination(this.deadLetterQueue),
      });
      this.grantData(fn, props, access);
    }
    this.grantThumbnails(this.verifier, props);

    this.objectCreated = new events.Rule(this, 'ObjectCreated', {
      description: `Evidence objects stored in ${props.bucketName} go to the verifier`,
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [props.bucketName] },
          object: { key: [{ prefix: EVIDENCE_KEY_PREFIX }] },
        },
      },
      targets: [
        new targets.LambdaFunction(this.verifier.function, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });

    this.sweep = new events.Rule(this, 'Sweep', {
      description: 'Expire evidence uploads that never arrived',
      schedule: events.Schedule.rate(props.sweepEvery ?? Duration.minutes(15)),
      targets: [
        new targets.LambdaFunction(this.expiry.function, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 2,
        }),
      ],
    });
  }

  /**
   * Least privilege: on the main table only the item actions this worker sends, on the partitions it
   * needs (table-access.ts: evidence, sessions, sites, offices, and puts to the case timeline; never
   * memberships, profiles or other audit trails); read evidence objects (get, and the version the event
   * names) and list the `evidence/` prefix (so a missing key is a 404, not a 403); decrypt with the
   * bucket key. No put, no delete, no retention change.
   */
  private grantData(
    fn: AbdiFunction,
    props: EvidenceVerificationProps,
    access: readonly TableAccess[],
  ): void {
    grantTableAccess(fn.role, props.table, props.table.encryptionKey, access);
    for (const action of tableKeyWriteActions.filter((a) => a.endsWith('*'))) {
      fn.acknowledgeWildcard(
        'Action',
        action,
        `DynamoDB's own use of the customer-managed key of ${props.tableDefinition.id} when this function writes: limited to that single key ARN and to calls through DynamoDB (kms:ViaService).`,
      );
    }
    const bucketArn = `arn:${Aws.PARTITION}:s3:::${props.bucketName}`;
    const objects = `${bucketArn}/${EVIDENCE_KEY_PREFIX}*`;
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadEvidenceObjects',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [objects],
      }),
    );
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ListEvidencePrefix',
        actions: ['s3:ListBucket'],
        resources: [bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${EVIDENCE_KEY_PREFIX}*`] } },
      }),
    );
    fn.acknowledgeWildcard(
      'Resource',
      objects,
      'Evidence object keys are created per upload under evidence/, so reading them needs the prefix; the actions are get only.',
    );
    props.bucketKey.grant(fn.role, 'kms:Decrypt');
  }

  /**
   * The verifier alone may store thumbnails: PutObject under `thumbnails/` only (evidence stays
   * unwritable; no delete, no retention change), and a data key from the bucket key to encrypt them.
   * The sweep, which also verifies late uploads, leaves their thumbnails to the objects' own events.
   *
   * Thumbnails inherit the bucket's default Object Lock retention (governance): no lifecycle rule could
   * expire them earlier anyway, since S3 keeps a locked version until its retention ends. That is
   * accepted: at 10–30 kB a photo they cost next to nothing, and a gallery of evidence keeps its
   * thumbnails as long as the evidence.
   */
  private grantThumbnails(fn: AbdiFunction, props: EvidenceVerificationProps): void {
    const thumbnails = `arn:${Aws.PARTITION}:s3:::${props.bucketName}/${THUMBNAIL_KEY_PREFIX}*`;
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteThumbnails',
        actions: ['s3:PutObject'],
        resources: [thumbnails],
      }),
    );
    fn.acknowledgeWildcard(
      'Resource',
      thumbnails,
      'Thumbnail keys are created per verified image under thumbnails/ (outside the evidence/ prefix the verifier reads and the ObjectCreated rule matches); the only action is PutObject.',
    );
    props.bucketKey.grant(fn.role, 'kms:GenerateDataKey');
  }
}
