/**
 * The stateless half of a deployment: the API function, the HTTP API, the OAuth clients and the dashboard.
 * It holds no data that cannot be rebuilt from the repository, so it can be replaced or redeployed at will;
 * its one generated value, the cursor signing key, survives redeploys, and recreating the stack only
 * invalidates the list cursors clients hold.
 * It finds the tables and the evidence bucket by their fixed names; only the KMS key ARNs and the user pool
 * id cross the stack boundary (weak references, see cdk.json), and those never change for a deployment.
 */
import { Aws, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { idempotencyTable, mainTable, type TableDefinition } from '../../functions/tables';
import { apiEntry, webDist } from '../config/paths';
import { AbdiFunction } from '../constructs/abdi-function';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { Alarms } from '../constructs/alarms';
import { CaseReplanning } from '../constructs/case-replanning';
import { Reminders } from '../constructs/reminders';
import { Housekeeping } from '../constructs/housekeeping';
import { timeZonesOf } from '../config/reminder-schedule';
import { CursorSigningKey } from '../constructs/cursor-signing-key';
import { importTable } from '../constructs/data-tables';
import { apiTableAccess, grantTableAccess } from '../constructs/table-access';
import { DocumentIssuing, documentRoutes } from '../constructs/document-issuing';
import { documentsBucketName, evidenceBucketName } from '../constructs/locked-bucket';
import { exportsBucketName } from '../constructs/exports-bucket';
import { importsBucketName } from '../constructs/imports-bucket';
import { IMPORT_DEAD_LETTER_MEANING, ImportJobs } from '../constructs/import-jobs';
import { EvidenceVerification } from '../constructs/evidence-verification';
import { Api, apiPathPatterns } from '../constructs/http-api';
import { cognitoDomainUrl, offeredMfaFactors } from '../constructs/identity';
import { IdentityClients } from '../constructs/identity-clients';
import { WebHosting } from '../constructs/web-hosting';
import { WebhookDelivery } from '../constructs/webhook-delivery';
import { ApiRelease } from '../constructs/api-release';
import { BucketCors } from '../constructs/bucket-cors';
import { ORIGIN_VERIFY_HEADER, OriginVerify } from '../constructs/origin-verify';
import { evidenceBucket as evidenceBucketDefinition } from '../../functions/tables';
import type { DataStack } from './data-stack';
import type { EdgeStack } from './edge-stack';
import { webOriginsOf } from './web-origins';

export interface AppStackProps extends StackProps {
  readonly data: DataStack;
  /** The deployment's us-east-1 stack: the distribution's WAF web ACL (ADR 0017). */
  readonly edge: EdgeStack;
  /** @default functions/handlers/api.ts */
  readonly apiEntry?: string;
  /** @default web/dist */
  readonly siteDir?: string;
  /** Tests only: stub Lambda code instead of bundling (see AbdiFunctionProps.skipBundling). */
  readonly skipBundling?: boolean;
}

/** Cognito calls the API makes for user management (invite, change roles, disable), on its own pool only. */
export const userAdministrationActions = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminDisableUser',
  // Whether a person has TOTP enrolled, for the roles a deployment requires MFA of (ADR 0008).
  'cognito-idp:AdminGetUser',
] as const;

/**
 * Cognito calls the API makes for partners' machine clients (functions/store/cognito-machine-clients.ts):
 * one app client per partner, its secrets rotated and the client deleted on revocation. On its own pool only.
 */
export const machineClientAdministrationActions = [
  'cognito-idp:CreateUserPoolClient',
  'cognito-idp:DeleteUserPoolClient',
  'cognito-idp:ListUserPoolClientSecrets',
  'cognito-idp:AddUserPoolClientSecret',
  'cognito-idp:DeleteUserPoolClientSecret',
] as const;

export class AppStack extends Stack {
  readonly apiFunction: AbdiFunction;
  readonly cursorKey: CursorSigningKey;
  readonly api: Api;
  readonly clients: IdentityClients;
  readonly web: WebHosting;
  readonly evidenceVerification: EvidenceVerification;
  /** The documents function (ADR 0015). */
  readonly documents: DocumentIssuing;
  readonly webhooks: WebhookDelivery;
  readonly caseReplanning: CaseReplanning;
  /** The timed jobs: the nightly re-plan, and the reminders where the deployment has their settings. */
  readonly reminders: Reminders;
  /** The nightly housekeeping per time zone: placements past their last day ended (issue 16, item 7). */
  readonly housekeeping: Housekeeping;
  /** The secret CloudFront sends to the API as `x-origin-verify` (ADR 0017). */
  readonly originVerify: OriginVerify;
  /** The evidence bucket's CORS, with the distribution's own origin (ADR 0017). */
  readonly evidenceCors: BucketCors;
  /** The API function's `live` alias and the CodeDeploy group that moves it (canary in production). */
  readonly apiRelease: ApiRelease;
  /** Spreadsheet imports (issue 22): the queue, its worker, the upload rule and the bucket's CORS. */
  readonly importJobs: ImportJobs;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { data } = props;
    const { deployment } = data;
    this.addStackDependency(data);

    const authUrl = cognitoDomainUrl(deployment.authDomainPrefix, this.region);
    // The user pools API, which the dashboard calls with a person's own token to enrol an authenticator.
    const identityEndpoint = `https://cognito-idp.${this.region}.${this.urlSuffix}`;
    // Rebuilt from the fixed name, not taken from the bucket, so no export (and no export lock) is needed.
    const evidenceBucket = evidenceBucketName(deployment.name, this.account);
    const evidenceOrigin = `https://${evidenceBucket}.s3.${this.region}.amazonaws.com`;
    const documentsBucket = documentsBucketName(deployment.name, this.account);
    const importsBucket = importsBucketName(deployment.name, this.account);

    // `tables.nameOverride` points the functions at a restored table instead (ADR 0016, docs/runbook.md).
    const main = importTable(
      this,
      'MainTable',
      data.tablePrefix,
      mainTable,
      data.tables.encryptionKey,
      deployment.tables.nameOverride?.main,
    );
    const idempotency = importTable(
      this,
      'IdempotencyTable',
      data.tablePrefix,
      idempotencyTable,
      data.tables.encryptionKey,
      deployment.tables.nameOverride?.idempotency,
    );
    // A restored main table's stream (its consumers must follow the table they write to).
    const mainStreamArn = deployment.tables.mainStreamArn ?? streamArnOf(data.tables.table(mainTable.id));

    // Here rather than in the Data stack: CloudFormation generates the value once, so redeploys keep it, and
    // losing it costs only open list cursors; keeping it here adds no reference between the stacks.
    this.cursorKey = new CursorSigningKey(this, 'CursorSigningKey', {
      description: `Abdi ${deployment.name}: HMAC key that signs list cursors`,
    });

    // What functions/platform's runtime configuration reads, in every function of the deployment.
    const runtimeEnvironment = {
      ABDI_MODE: 'cloud',
      ABDI_DEPLOYMENT: deployment.name,
      TABLE_NAME: main.tableName,
      IDEMPOTENCY_TABLE_NAME: idempotency.tableName,
      EVIDENCE_BUCKET: evidenceBucket,
      DOCUMENTS_BUCKET: documentsBucket,
      COGNITO_USER_POOL_ID: data.identity.userPool.userPoolId,
      CURSOR_SECRET_ARN: this.cursorKey.secret.secretArn,
      // Roles the API refuses without TOTP enrolled (ADR 0008); empty for none.
      MFA_REQUIRED_ROLES: deployment.mfa.requiredFor.join(','),
      // The second factors the pool offers, which count as MFA enrolled (ADR 0018).
      MFA_FACTORS: offeredMfaFactors(deployment.identity.sesSender).join(','),
    };

    this.apiFunction = new AbdiFunction(this, 'ApiFunction', {
      entry: props.apiEntry ?? apiEntry,
      description: `Abdi API (${deployment.name})`,
      logRetention: deployment.retention.logRetentionDays,
      tracing: deployment.tracing,
      skipBundling: props.skipBundling,
      environment: {
        ...runtimeEnvironment,
        MAX_UPLOAD_BYTES: String(deployment.evidence.maxUploadBytes),
        // The retention dry run reads the schedule the housekeeping job applies (ADR 0020).
        RETENTION_SCHEDULE: JSON.stringify({
          schedule: deployment.retention.schedule,
          noticeDays: deployment.retention.noticeDays,
        }),
      },
    });
    this.grantData(
      this.apiFunction,
      data,
      [
        { table: main, definition: mainTable },
        { table: idempotency, definition: idempotencyTable },
      ],
      evidenceBucket,
    );
    this.cursorKey.grantRead(this.apiFunction.role);
    this.grantUserAdministration(this.apiFunction, data);
    this.apiRelease = new ApiRelease(this, 'ApiRelease', {
      function: this.apiFunction.function,
      stage: deployment.stage,
    });

    // Stored evidence is verified from its bytes; uploads that never arrive expire.
    this.evidenceVerification = new EvidenceVerification(this, 'EvidenceVerification', {
      bucketName: evidenceBucket,
      bucketKey: data.evidence.encryptionKey,
      table: main,
      tableDefinition: mainTable,
      // The user pool and cursor key are read by the shared runtime configuration; the evidence
      // functions get no rights on either.
      environment: runtimeEnvironment,
      maxUploadBytes: deployment.evidence.maxUploadBytes,
      pendingExpiryMinutes: deployment.evidence.pendingExpiryMinutes,
      logRetention: deployment.retention.logRetentionDays,
      skipBundling: props.skipBundling,
    });

    // Committed changes leave as signed webhooks (ADR 0013): the stream's dispatcher, a minute's retries.
    this.webhooks = new WebhookDelivery(this, 'Webhooks', {
      table: main,
      tableDefinition: mainTable,
      tableStreamArn: mainStreamArn,
      // As for the evidence functions: the shared runtime configuration, no rights beyond the table.
      environment: runtimeEnvironment,
      logRetention: deployment.retention.logRetentionDays,
      skipBundling: props.skipBundling,
    });

    // The timed jobs (ADR 0014), per office time zone at fixed local times: the nightly re-plan always,
    // the reminders and their delivery reports only with reminder settings. Made before the re-planner:
    // its alerts are sent in the configuration set made here, so it takes the settings from here.
    this.reminders = new Reminders(this, 'Reminders', {
      table: main,
      tableDefinition: mainTable,
      settings: deployment.reminders,
      timeZones: timeZonesOf(deployment.offices),
      // As for the other workers: the shared runtime configuration, no rights beyond its own.
      environment: runtimeEnvironment,
      logRetention: deployment.retention.logRetentionDays,
      skipBundling: props.skipBundling,
    });

    // Shortly after local midnight per time zone: placements past their last day are ended and their
    // sites' places given back, before the morning re-plan reads the sites' load (issue 16, item 7).
    this.housekeeping = new Housekeeping(this, 'Housekeeping', {
      table: main,
      tableDefinition: mainTable,
      timeZones: timeZonesOf(deployment.offices),
      environment: runtimeEnvironment,
      deploymentName: deployment.name,
      evidenceBucketName: evidenceBucket,
      // The retention schedule it applies (issue 17, ADR 0020), validated again at its cold start.
      retention: { schedule: deployment.retention.schedule, noticeDays: deployment.retention.noticeDays },
      logRetention: deployment.retention.logRetentionDays,
      skipBundling: props.skipBundling,
    });

    // A case's audit entries re-plan it: a second stream consumer, with its own retries and dead letters.
    this.caseReplanning = new CaseReplanning(this, 'CaseReplanning', {
      table: main,
      tableDefinition: mainTable,
      tableStreamArn: mainStreamArn,
      // As for the webhook workers: the shared runtime configuration, no rights beyond the table.
      environment: runtimeEnvironment,
      logRetention: deployment.retention.logRetentionDays,
      reminders: this.reminders.settings,
      skipBundling: props.skipBundling,
    });

    const logs = new AccessLogBucket(this, 'AccessLogs', {
      retentionDays: deployment.retention.logRetentionDays,
    });

    this.web = new WebHosting(this, 'Web', {
      accessLogBucket: logs.bucket,
      logRetention: deployment.retention.logRetentionDays,
      // From the Edge stack in us-east-1, read from its output at deploy time (a weak reference).
      webAclArn: props.edge.webAcl.arn,
      csp: {
        auth: authUrl,
        evidence: evidenceOrigin,
        identity: identityEndpoint,
        imports: `https://${importsBucket}.s3.${this.region}.amazonaws.com`,
      },
      ...(deployment.domain && {
        domain: {
          name: deployment.domain.web,
          certificate: acm.Certificate.fromCertificateArn(
            this,
            'WebCertificate',
            deployment.domain.certificateArn,
          ),
        },
      }),
    });

    const knownOrigins = webOriginsOf(deployment);
    this.clients = new IdentityClients(this, 'Clients', {
      userPool: data.identity.userPool,
      webOrigins: [this.web.url, ...knownOrigins],
    });
    // The dashboard uploads evidence straight to S3 from its own origin, known now, in this deploy.
    this.evidenceCors = new BucketCors(this, 'EvidenceCors', {
      bucketName: evidenceBucket,
      definition: evidenceBucketDefinition,
      allowedOrigins: [this.web.url, ...knownOrigins],
      logRetention: deployment.retention.logRetentionDays,
    });

    // Spreadsheet imports (issue 22): uploads straight to their bucket from the dashboard, a queued worker.
    this.importJobs = new ImportJobs(this, 'Imports', {
      bucketName: importsBucket,
      bucketKey: data.imports.encryptionKey,
      table: main,
      tableDefinition: mainTable,
      environment: runtimeEnvironment,
      api: this.apiFunction,
      allowedOrigins: [this.web.url, ...knownOrigins],
      logRetention: deployment.retention.logRetentionDays,
      skipBundling: props.skipBundling,
    });

    // Official documents (ADR 0015): a function of its own on the routes that render, printing links to
    // this deployment's dashboard; the API function presigns the downloads.
    this.documents = new DocumentIssuing(this, 'Documents', {
      tables: [
        { table: main, definition: mainTable },
        { table: idempotency, definition: idempotencyTable },
      ],
      bucketName: documentsBucket,
      bucketKey: data.documents.encryptionKey,
      exportsBucketName: exportsBucketName(deployment.name, this.account),
      // Only this function makes subjects' exports (issue 17), so only it is told where they go.
      environment: {
        ...runtimeEnvironment,
        PUBLIC_URL: this.web.url,
        EXPORTS_BUCKET: exportsBucketName(deployment.name, this.account),
        EXPORTS_RETENTION_DAYS: String(deployment.retention.schedule.exports.days),
      },
      logRetention: deployment.retention.logRetentionDays,
      tracing: deployment.tracing,
      skipBundling: props.skipBundling,
    });
    this.documents.grantRead(this.apiFunction);

    this.originVerify = new OriginVerify(this, 'OriginVerify', {
      description: `Abdi ${deployment.name}: the x-origin-verify value CloudFront sends to the API`,
      versionId: deployment.edge.originSecretVersionId,
    });
    this.api = new Api(this, 'Api', {
      // The live alias, never the bare function: a new version takes traffic only through CodeDeploy.
      handler: this.apiRelease.alias,
      // Any app client of this pool: partners' clients are made at runtime (ADR 0010).
      userPoolId: data.identity.userPool.userPoolId,
      tracing: deployment.tracing,
      skipBundling: props.skipBundling,
      // For browsers on other origins calling the API through the distribution (say, a developer's local
      // dashboard); the deployed dashboard is on the distribution's own origin and needs no CORS.
      allowedOrigins: deployment.webOrigins,
      throttle: deployment.api,
      logRetention: deployment.retention.logRetentionDays,
      originVerify: this.originVerify,
    });
    // The API is created after the distribution (it once needed the app client ids, whose callback URLs
    // need the distribution), so the API's behaviours are added now. CloudFormation sees no cycle: the
    // distribution depends on the HTTP API resource, which depends on nothing here.
    this.api.routeTo(this.documents.handler.function, 'Documents', documentRoutes);
    this.web.routeToApi(this.api.domainName, apiPathPatterns, {
      [ORIGIN_VERIFY_HEADER]: this.originVerify.headerValue,
    });
    this.apiRelease.watchApi(this.api.api);

    this.web.deploySite({
      siteDir: props.siteDir ?? webDist,
      runtimeConfig: {
        deployment: deployment.name,
        // Same origin: the distribution forwards the API's paths, exactly as local mode serves both on one port.
        apiBaseUrl: '',
        auth: {
          mode: 'cognito',
          domain: authUrl,
          clientId: this.clients.dashboardClient.userPoolClientId,
          region: this.region,
          redirectPath: '/auth/callback',
          identityEndpoint,
        },
        maxUploadBytes: deployment.evidence.maxUploadBytes,
      },
    });

    // Alarms in every deployment, reaching the deployment's email and/or existing topic (issue 16); they
    // cover every function, dead-letter queue, rule and schedule of this stack, found at synthesis
    // (constructs/alarms.ts), plus the dashboard `Abdi-<name>`.
    new Alarms(this, 'Alarms', {
      deploymentName: deployment.name,
      email: deployment.alarms?.email,
      topicArn: deployment.alarms?.topicArn,
      api: this.api.api,
      apiHandler: this.apiFunction,
      apiAccessLogGroupName: this.api.accessLogGroup.logGroupName,
      tables: [
        { table: main, definition: mainTable },
        { table: idempotency, definition: idempotencyTable },
      ],
      keysOf: [data],
      bucketNames: [evidenceBucket, documentsBucket],
      deadLetterMeanings: [
        {
          queue: this.evidenceVerification.deadLetterQueue,
          meaning:
            'An evidence ObjectCreated event or a sweep run failed through its retries: those uploads stay pending until the next sweep verifies or expires them (every 15 minutes); if messages keep coming, the verifier is failing on them (see its errors alarm and log).',
        },
        {
          queue: this.webhooks.deadLetterQueue,
          meaning:
            'The webhook dispatcher gave up on a batch of the table stream after its retries: partners miss those events until someone re-dispatches them (the message names the shard and sequence range; the audit entries are still in the table).',
        },
        {
          queue: this.caseReplanning.deadLetterQueue,
          meaning:
            'The case re-planner gave up on a batch of the table stream after its retries: those cases keep their old plan until someone re-plans them (the message names the shard and sequence range; the audit entries are still in the table).',
        },
        {
          queue: this.reminders.deadLetterQueue,
          meaning:
            'A timed job (the nightly re-plan or a reminders job) did not run (Scheduler could not invoke it, or it failed through its retries): the message is the job event ({ job, timeZone }); run it again by invoking the reminders function with it (reminders already sent are not sent twice).',
        },
        {
          queue: this.housekeeping.deadLetterQueue,
          meaning:
            "A nightly housekeeping run did not finish (Scheduler could not invoke it, or placements or offices failed through its retries): the message is the job event ({ job, timeZone }); those placements keep their sites' places until the next night, or invoke the housekeeping function with the event now (a rerun ends only what is still due).",
        },
        { queue: this.importJobs.deadLetterQueue, meaning: IMPORT_DEAD_LETTER_MEANING },
        ...(this.reminders.delivery
          ? [
              {
                queue: this.reminders.delivery.deadLetterQueue,
                meaning:
                  'A delivery report (an SES event, or an SNS notification of SMS events) was not recorded: the function could not be invoked or failed through its retries, so those reminders still show sent. The message is the event; invoke the delivery-report function with it again (the log only moves forward, so a replay is harmless).',
              },
            ]
          : []),
      ],
    });

    // CloudFront's origin only: it answers nothing without the origin header. Partner systems and the
    // dashboard call the API at WebUrl (`<WebUrl>/v1/…`), behind the WAF (ADR 0017).
    new CfnOutput(this, 'ApiUrl', {
      value: this.api.url,
      description: "CloudFront's origin for the API; not callable directly. Clients use WebUrl.",
    });
    new CfnOutput(this, 'WebUrl', { value: this.web.url });
    new CfnOutput(this, 'AuthUrl', { value: authUrl });
    new CfnOutput(this, 'DashboardClientId', { value: this.clients.dashboardClient.userPoolClientId });
  }

  /**
   * Least privilege for the API function: read/write on the two tables (and their indexes), and on the
   * evidence bucket only object put/get, which is what presigned URLs and upload checks need.
   */
  private grantData(
    fn: AbdiFunction,
    data: DataStack,
    tables: readonly ImportedTable[],
    evidenceBucket: string,
  ): void {
    // Only the item actions the stores send, on the table and its named indexes (table-access.ts).
    for (const { table, definition } of tables) {
      grantTableAccess(fn.role, table, table.encryptionKey, apiTableAccess(definition));
    }
    // DynamoDB's use of the customer-managed table key on the function's behalf when it writes; scoped to
    // that one key and to calls through DynamoDB (kms:ViaService).
    fn.acknowledgeWildcard(
      'Action',
      'kms:ReEncrypt*',
      'DynamoDB uses the customer-managed table key for writes; limited to that single key ARN and to calls through DynamoDB (kms:ViaService).',
    );
    fn.acknowledgeWildcard(
      'Action',
      'kms:GenerateDataKey*',
      'DynamoDB uses the customer-managed table key for writes; limited to that single key ARN and to calls through DynamoDB (kms:ViaService).',
    );

    const objects = `arn:${Aws.PARTITION}:s3:::${evidenceBucket}/*`;
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'EvidenceObjects',
        actions: ['s3:PutObject', 's3:GetObject', 's3:GetObjectVersion', 's3:GetObjectAttributes'],
        resources: [objects],
      }),
    );
    data.evidence.encryptionKey.grant(fn.role, 'kms:GenerateDataKey', 'kms:Decrypt');
    fn.acknowledgeWildcard(
      'Resource',
      objects,
      'Evidence object keys are created per upload, so the grant covers the objects of this one bucket; actions are only put and get: no delete, no retention or legal-hold change, no listing.',
    );
  }

  /**
   * User management on this deployment's user pool only. The ARN is built from the pool id, which already
   * crosses from the Data stack, so no new cross-stack reference is added. IAM cannot restrict which groups
   * a user is put in; the API's guard decides who may grant which role.
   */
  private grantUserAdministration(fn: AbdiFunction, data: DataStack): void {
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'UserAdministration',
        actions: [...userAdministrationActions],
        resources: [
          this.formatArn({
            service: 'cognito-idp',
            resource: 'userpool',
            resourceName: data.identity.userPool.userPoolId,
          }),
        ],
      }),
    );
    // Partners' app clients (ADR 0010). IAM cannot tell the dashboard's client from a partner's; the
    // API only ever deletes or rotates clients an office owns in Abdi's records.
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'MachineClientAdministration',
        actions: [...machineClientAdministrationActions],
        resources: [
          this.formatArn({
            service: 'cognito-idp',
            resource: 'userpool',
            resourceName: data.identity.userPool.userPoolId,
          }),
        ],
      }),
    );
  }
}

/** The stream ARN of a table the Data stack owns; the table must have its stream on (functions/tables.ts). */
function streamArnOf(table: dynamodb.ITable): string {
  if (!table.tableStreamArn) throw new Error(`Table ${table.node.path} has no stream (functions/tables.ts)`);
  return table.tableStreamArn;
}

interface ImportedTable {
  readonly table: dynamodb.ITable;
  readonly definition: TableDefinition;
}
