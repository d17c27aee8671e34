import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { CursorCodec } from '../api/cursor';
import type { ApiDependencies } from '../api/route';
import { CognitoIdentityProvider } from '../store/cognito-identity-provider';
import { CognitoMachineClients } from '../store/cognito-machine-clients';
import { IntegrationStore } from '../store/integration-store';
import { LocalMachineClients } from '../store/local-machine-clients';
import { CaseStore } from '../store/case-store';
import { ClientStore } from '../store/client-store';
import { DirectoryStore } from '../store/directory-store';
import { S3DocumentFiles } from '../store/document-files';
import { DocumentStore } from '../store/document-store';
import { S3ExportFiles } from '../store/export-files';
import { S3ImportFiles, UnconfiguredImportFiles } from '../store/import-files';
import { SubjectExportStore } from '../store/subject-export-store';
import { SubjectRequestStore } from '../store/subject-request-store';
import { OfflineRefusalStore } from '../store/offline-refusal-store';
import { DEFAULT_RETENTION_SCHEDULE } from '../domain/data-protection/retention-schedule';
import { OfficePolicyStore } from '../store/office-policy-store';
import { IdempotencyStore, idempotencyPort } from '../store/idempotency';
import { withReadAhead } from '../store/read-ahead';
import { recordKeys } from '../store/record-keys';
import { ReminderLog } from '../store/reminder-log';
import { SessionStore } from '../store/session-store';
import { createDocumentClient, createDynamoClient } from '../store/dynamo-client';
import { LocalIdentityProvider } from '../store/local-identity-provider';
import { PartnerStore } from '../store/partner-store';
import { PaymentStore } from '../store/payment-store';
import { PlacementStore } from '../store/placement-store';
import { SiteStore } from '../store/site-store';
import { SlotStore } from '../store/slot-store';
import { UserStore } from '../store/user-store';
import { WebhookDeliveryStore } from '../store/webhook-deliveries';
import { WebhookSubscriptionStore } from '../store/webhook-subscriptions';
import { AuditStore } from '../store/audit-store';
import { RetentionStore } from '../store/retention-store';
import { DEFAULT_RETENTION_SETTINGS } from '../domain/data-protection/retention-schedule';
import { BreachStore } from '../store/breach-store';
import { SummaryStore } from '../store/summary-store';
import { WarningStore } from '../store/warning-store';
import { AssessmentStore } from '../store/assessment-store';
import { EvidenceStore } from '../store/evidence-store';
import { S3EvidenceObjects } from '../store/evidence-objects';
import type { EvidenceWorkerPorts, VerifierLogger } from '../actions/evidence/worker-ports';
import type { MfaPolicy } from '../identity/mfa';
import type { BusinessEvents } from '../actions/ports';
import { businessMetrics } from './business-metrics';
import { evidenceSettings, type RuntimeConfig } from './config';
import { importJobsFor } from './import-job-queue';
import { ImportStore } from '../store/import-store';
import { metrics } from './observability';
import { isPublicHost } from './public-address';

/**
 * Builds the API's dependencies from runtime configuration: the one place that decides between the
 * cloud adapters (Cognito, Secrets Manager) and local mode's stand-ins. Tests call it too, with their
 * own configuration, so they exercise the same wiring as the Lambda.
 */
export function createDependencies(
  config: RuntimeConfig,
  now: () => Date = () => new Date(),
  /** Tests and benchmarks pass an instrumented client; the Lambda lets this build one. */
  dynamo: DynamoDBClient = createDynamoClient({ region: config.region, endpoint: config.dynamoEndpoint }),
): ApiDependencies {
  const db = createDocumentClient(dynamo);
  // Local mode uses Cognito too when started with `--auth cognito-local` (a pool id and the emulator's
  // endpoint set; the emulator ignores the credentials but the SDK insists on some).
  const identityProvider =
    config.mode === 'local' && !config.userPoolId
      ? new LocalIdentityProvider(db, config.tableName, now)
      : new CognitoIdentityProvider(
          new CognitoIdentityProviderClient({
            region: config.region,
            ...(config.cognitoEndpoint && {
              endpoint: config.cognitoEndpoint,
              credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
            }),
          }),
          required(config.userPoolId),
          Date.now,
          config.mfaFactors,
        );
  // Local mode's own sign-in has no second factor: a role that requires MFA is refused there (ADR 0008).
  const mfa: MfaPolicy = {
    requiredFor: config.mfaRequiredFor ?? [],
    hasMfa: (username) =>
      identityProvider instanceof CognitoIdentityProvider
        ? identityProvider.hasMfa(username)
        : Promise.resolve(false),
  };
  const cursors = new CursorCodec(async () =>
    config.cursorKey
      ? Buffer.from(config.cursorKey, 'utf8')
      : Buffer.from(String(await getSecret(required(config.cursorSecretArn), { maxAge: 3600 })), 'utf8'),
  );
  return {
    directory: new DirectoryStore(db, config.tableName),
    officePolicies: new OfficePolicyStore(db, config.tableName),
    recordKeys,
    withReadAhead,
    users: new UserStore(db, config.tableName),
    clients: new ClientStore(db, config.tableName),
    cases: new CaseStore(db, config.tableName),
    sessions: new SessionStore(db, config.tableName),
    partners: new PartnerStore(db, config.tableName),
    sites: new SiteStore(db, config.tableName),
    placements: new PlacementStore(db, config.tableName),
    slots: new SlotStore(db, config.tableName),
    warnings: new WarningStore(db, config.tableName),
    assessments: new AssessmentStore(db, config.tableName),
    payments: new PaymentStore(db, config.tableName),
    reminders: new ReminderLog(db, config.tableName),
    audit: new AuditStore(db, config.tableName),
    retention: new RetentionStore(db, config.tableName),
    retentionSettings: config.retention ?? DEFAULT_RETENTION_SETTINGS,
    breaches: new BreachStore(db, config.tableName),
    summary: new SummaryStore(db, config.tableName),
    evidence: new EvidenceStore(db, config.tableName),
    evidenceObjects: evidenceObjectsOf(config),
    evidenceSettings: { maxUploadBytes: evidenceSettings(config).maxUploadBytes },
    identityProvider,
    mfa,
    integrations: new IntegrationStore(db, config.tableName),
    webhooks: new WebhookSubscriptionStore(db, config.tableName),
    webhookDeliveries: new WebhookDeliveryStore(db, config.tableName),
    webhookTargets: { mode: config.mode, isPublicHost },
    machineClients:
      config.mode === 'local'
        ? new LocalMachineClients(db, config.tableName)
        : new CognitoMachineClients(
            new CognitoIdentityProviderClient({ region: config.region }),
            required(config.userPoolId),
          ),
    invitationDelivery: identityProvider instanceof LocalIdentityProvider ? 'link' : 'email',
    documents: new DocumentStore(db, config.tableName),
    documentFiles: new S3DocumentFiles({
      bucket: config.documentsBucket,
      region: config.region,
      endpoint: config.s3Endpoint,
    }),
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    subjectRequests: new SubjectRequestStore(db, config.tableName),
    offlineRefusals: new OfflineRefusalStore(db, config.tableName),
    subjectExports: new SubjectExportStore(db, config.tableName),
    ...(config.exportsBucket
      ? {
          exportFiles: new S3ExportFiles({
            bucket: config.exportsBucket,
            region: config.region,
            endpoint: config.s3Endpoint,
          }),
        }
      : {}),
    exportsRetentionDays: config.exportsRetentionDays ?? DEFAULT_RETENTION_SCHEDULE.exports.days,
    // Spreadsheet imports (issue 22): the bucket where configured, the queue in the cloud, in-process
    // jobs in local mode; either says what is missing only when an import uses it.
    importFiles: config.importsBucket
      ? new S3ImportFiles({
          bucket: config.importsBucket,
          region: config.region,
          endpoint: config.s3Endpoint,
        })
      : new UnconfiguredImportFiles(),
    importJobs: importJobsFor(config),
    imports: new ImportStore(db, config.tableName),
    cursors,
    idempotency: idempotencyPort(new IdempotencyStore(db, config.idempotencyTableName)),
    now,
    // Into the function's metrics instance, which its handler publishes after each invocation.
    businessEvents: businessMetrics(metrics),
  };
}

const evidenceObjectsOf = (config: RuntimeConfig) =>
  new S3EvidenceObjects({
    bucket: config.evidenceBucket,
    region: config.region,
    endpoint: config.s3Endpoint,
  });

/**
 * The ports of the evidence verifier (S3 ObjectCreated) and the pending-upload expiry job, wired like
 * the API: the same stores over one DynamoDB client, the same S3 adapter. Each handler imports only its
 * own use case (the expiry job must not carry the verifier's image codecs). Local mode and the tests
 * call it too.
 */
export function createEvidenceWorkers(
  config: RuntimeConfig,
  options: {
    now?: () => Date;
    logger?: VerifierLogger;
    dynamo?: DynamoDBClient;
    /** Where verdicts are counted: the function's metrics instance unless given. */
    businessEvents?: Pick<BusinessEvents, 'evidenceDecided'>;
  } = {},
): EvidenceWorkerPorts {
  const db = createDocumentClient(
    options.dynamo ?? createDynamoClient({ region: config.region, endpoint: config.dynamoEndpoint }),
  );
  return {
    evidence: new EvidenceStore(db, config.tableName),
    evidenceObjects: evidenceObjectsOf(config),
    sites: new SiteStore(db, config.tableName),
    directory: new DirectoryStore(db, config.tableName),
    evidenceSettings: { ...evidenceSettings(config), bucket: config.evidenceBucket },
    now: options.now ?? (() => new Date()),
    ...(options.logger ? { logger: options.logger } : {}),
    businessEvents: options.businessEvents ?? businessMetrics(metrics),
  };
}

function required(value: string | undefined): string {
  if (!value) throw new Error('missing configuration');
  return value;
}
