/**
 * Spreadsheet import jobs (issue 22) in the stateless stack: a queue, the worker it feeds, and the rule
 * that puts every upload on the queue.
 *
 * - An upload to `imports/<office>/<import>/upload` reaches EventBridge (the bucket turns that on,
 *   ImportsBucket) and this rule puts the event on the queue; the API queues `{ officeId, importId }`
 *   itself for a commit or an undo, and the worker queues it again when a slice of the job stopped at its
 *   checkpoint before the end (a 20 MB file may need more than one invocation). A queue rather than a
 *   direct invocation: a job that failed is retried from its checkpoint with the queue's backoff, and
 *   only five times before the dead-letter queue, which alarms.
 * - One message per invocation (batch size 1) and partial batch responses, so a message is retried
 *   alone. At most two jobs at once (the event source's maximum concurrency, which never throttles, unlike
 *   a reserved concurrency), so an office's import never starves the API of the table's capacity.
 * - The visibility timeout is six times the function's timeout, as Lambda advises for SQS sources: a
 *   message is not handed out again while an invocation still works on it.
 * - Least privilege: the main table as the API function holds it (the job writes through the same use
 *   cases: clients, cases, placements, sites, partners, audit and its own import items); on the bucket,
 *   get and put under `imports/` only, and a listing of that prefix (so a missing file is a 404, not a
 *   403); the bucket key to encrypt and decrypt; send to its own queue. The API function gets put and get
 *   (its presigned URLs act with its rights; no listing, as on every bucket) and send to the queue.
 */
import { Aws, Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { IMPORT_KEY_PREFIX } from '../../functions/store/import-files';
import { importsBucket, type TableDefinition } from '../../functions/tables';
import { AbdiFunction } from './abdi-function';
import { BucketCors } from './bucket-cors';
import { acknowledge } from './nag';
import { apiTableAccess, grantTableAccess, tableKeyWriteActions } from './table-access';

export const importJobEntry = fileURLToPath(
  new URL('../../functions/handlers/import-job.ts', import.meta.url),
);

/** Every import object's key starts with this: the rule, the grants and the adapter share it. */
export { IMPORT_KEY_PREFIX };
/** The uploads, and only them: a report written beside an upload starts nothing. */
export const IMPORT_UPLOAD_KEY_PATTERN = `${IMPORT_KEY_PREFIX}*/*/upload`;

/** What a message in the dead-letter queue means, for its alarm (app-stack.ts). */
export const IMPORT_DEAD_LETTER_MEANING =
  'An import job failed five times from its checkpoint (or its upload event could not be queued): that import stays in its current status (validating or committing), nothing half-written, and the admin sees no progress. The message is { officeId, importId } or the upload event; after fixing the cause, send it to the import queue again (the job resumes from its checkpoint, rows already done are not done twice).';

export interface ImportJobsProps {
  /** The imports bucket's fixed name (`importsBucketName()`); no reference to the Data stack's bucket. */
  readonly bucketName: string;
  /** The imports bucket's key. */
  readonly bucketKey: kms.IKey;
  /** The main table (imported with its key). */
  readonly table: dynamodb.ITable;
  readonly tableDefinition: TableDefinition;
  /** The runtime configuration shared by every function (table and bucket names, mode, …). */
  readonly environment: Readonly<Record<string, string>>;
  /** The API function: it presigns the files and queues commits and undos. */
  readonly api: AbdiFunction;
  /** Browser origins that upload files with presigned PUTs (the bucket's CORS); none: no CORS rule. */
  readonly allowedOrigins: readonly string[];
  readonly logRetention: logs.RetentionDays;
  /** Tests only: stub code instead of bundling (see AbdiFunctionProps.skipBundling). */
  readonly skipBundling?: boolean;
}

export class ImportJobs extends Construct {
  readonly queue: sqs.Queue;
  /** Jobs that failed through their retries, and upload events that could not be queued. */
  readonly deadLetterQueue: sqs.Queue;
  readonly worker: AbdiFunction;
  readonly uploaded: events.Rule;
  readonly cors?: BucketCors;

  constructor(scope: Construct, id: string, props: ImportJobsProps) {
    super(scope, id);
    const timeout = Duration.minutes(15);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the import queue and of the upload rule; a queue behind it would only move the same job messages again.',
    );
    this.queue = new sqs.Queue(this, 'Queue', {
      // SQS-managed keys: EventBridge can send to them without a key policy, and messages hold ids only.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.minutes(timeout.toMinutes() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });

    const files = {
      IMPORTS_BUCKET: props.bucketName,
      IMPORT_QUEUE_URL: this.queue.queueUrl,
    };
    this.worker = new AbdiFunction(this, 'Worker', {
      entry: importJobEntry,
      description: 'Abdi import worker: dry runs, commits and undos of spreadsheet imports, in slices',
      logRetention: props.logRetention,
      environment: { ...props.environment, ...files, POWERTOOLS_SERVICE_NAME: 'abdi-imports' },
      // Reads and checks up to 20 MB of XLSX (50,000 rows) in memory; stops two minutes before the
      // timeout at a checkpoint and queues the rest.
      timeout,
      memorySize: 2048,
      skipBundling: props.skipBundling,
    });
    this.worker.function.addEventSource(
      new sources.SqsEventSource(this.queue, {
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: 2,
      }),
    );

    this.uploaded = new events.Rule(this, 'Uploaded', {
      description: `Spreadsheets uploaded to ${props.bucketName} go to the import queue`,
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [props.bucketName] },
          object: { key: events.Match.wildcard(IMPORT_UPLOAD_KEY_PATTERN) },
        },
      },
      targets: [
        new targets.SqsQueue(this.queue, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });

    this.grantWorker(props);
    this.grantApi(props, files);
    if (props.allowedOrigins.length > 0) {
      this.cors = new BucketCors(this, 'Cors', {
        bucketName: props.bucketName,
        definition: importsBucket,
        allowedOrigins: props.allowedOrigins,
        logRetention: props.logRetention,
      });
    }
  }

  private grantWorker(props: ImportJobsProps): void {
    const fn = this.worker;
    // The same item actions as the API function, on the same table and indexes (table-access.ts).
    grantTableAccess(fn.role, props.table, props.table.encryptionKey, apiTableAccess(props.tableDefinition));
    for (const action of tableKeyWriteActions.filter((a) => a.endsWith('*'))) {
      fn.acknowledgeWildcard(
        'Action',
        action,
        `DynamoDB's own use of the customer-managed key of ${props.tableDefinition.id} when this function writes: limited to that single key ARN and to calls through DynamoDB (kms:ViaService).`,
      );
    }
    this.grantFiles(fn, props, 'ImportFilesOfJobs');
    // A listing of the prefix, so that a missing upload is a 404 (store/import-files.ts `readUpload`).
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ImportFilesOfJobsListing',
        actions: ['s3:ListBucket'],
        resources: [`arn:${Aws.PARTITION}:s3:::${props.bucketName}`],
        conditions: { StringLike: { 's3:prefix': [`${IMPORT_KEY_PREFIX}*`] } },
      }),
    );
    this.queue.grantSendMessages(fn.role);
  }

  private grantApi(props: ImportJobsProps, files: Record<string, string>): void {
    for (const [name, value] of Object.entries(files)) props.api.function.addEnvironment(name, value);
    this.grantFiles(props.api, props, 'ImportFiles');
    this.queue.grantSendMessages(props.api.role);
  }

  /** Get and put under `imports/`, and the bucket key for both. */
  private grantFiles(fn: AbdiFunction, props: ImportJobsProps, sid: string): void {
    const objects = `arn:${Aws.PARTITION}:s3:::${props.bucketName}/${IMPORT_KEY_PREFIX}*`;
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid, actions: ['s3:GetObject', 's3:PutObject'], resources: [objects] }),
    );
    fn.acknowledgeWildcard(
      'Resource',
      objects,
      'Import object keys are made per import under imports/<office>/<import>/; the actions are get and put only: no delete, no version or configuration change.',
    );
    props.bucketKey.grant(fn.role, 'kms:GenerateDataKey', 'kms:Decrypt');
  }
}
