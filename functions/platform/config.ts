import { parseMfaFactors, parseMfaRoles, type MfaFactor } from '../identity/mfa';
import type { Role } from '../identity/principal';
import {
  DEFAULT_RETENTION_SETTINGS,
  RETENTION_RECORD_TYPES,
  type RetentionSchedule,
  type RetentionSettings,
} from '../domain/data-protection/retention-schedule';

/**
 * Runtime configuration read once per cold start from the environment that the CDK stack (or local
 * mode) sets. Failing fast here turns a mis-deployed function into one clear log line.
 */
export interface RuntimeConfig {
  readonly mode: 'cloud' | 'local';
  readonly deployment: string;
  readonly tableName: string;
  readonly idempotencyTableName: string;
  readonly evidenceBucket: string;
  /** `DOCUMENTS_BUCKET`: issued documents under Object Lock (ADR 0015). */
  readonly documentsBucket: string;
  /**
   * `PUBLIC_URL`: the dashboard's origin, printed on documents as their verification link. Only the
   * documents function issues documents, so only it needs this.
   */
  readonly publicUrl?: string;
  /**
   * `EXPORTS_BUCKET`: subjects' exports (issue 17). Only the documents function writes them, so only it
   * is given the bucket; elsewhere the export refuses to run.
   */
  readonly exportsBucket?: string;
  /** `EXPORTS_RETENTION_DAYS`: how long an export is kept (the retention schedule's `exports`). @default 30 */
  readonly exportsRetentionDays?: number;
  /**
   * `IMPORTS_BUCKET`: spreadsheet imports' uploads and reports (issue 22). Set for the API and the import
   * worker; without it an import refuses to run (the adapter throws when used, not at the cold start).
   */
  readonly importsBucket?: string;
  /**
   * `IMPORT_QUEUE_URL`: the queue that starts the import worker (cloud). Local mode runs jobs in-process
   * (platform/import-job-queue.ts) and leaves it unset.
   */
  readonly importQueueUrl?: string;
  readonly region: string;
  /** Only in local mode: DynamoDB Local and s3rver endpoints. */
  readonly dynamoEndpoint?: string;
  readonly s3Endpoint?: string;
  /** Cloud: the Cognito user pool people sign in to (local mode too when run with `--auth cognito-local`). */
  readonly userPoolId?: string;
  /** Local mode with `--auth cognito-local`: the emulator's endpoint for the Cognito SDK client. */
  readonly cognitoEndpoint?: string;
  /**
   * `MFA_REQUIRED_ROLES`: roles the API refuses without TOTP enrolled (ADR 0008). Required in the cloud
   * (the stack always sets it, empty for none); local mode defaults to none. @default []
   */
  readonly mfaRequiredFor?: readonly Role[];
  /**
   * `MFA_FACTORS`: the second factors the user pool offers, which count as enrolled MFA (TOTP, and
   * `EMAIL_OTP` where the pool sends mail through SES, ADR 0018). @default TOTP alone
   */
  readonly mfaFactors?: readonly MfaFactor[];
  /** Cloud: Secrets Manager secret holding the list-cursor signing key. */
  readonly cursorSecretArn?: string;
  /** Local mode: the list-cursor signing key itself (kept in the data folder). */
  readonly cursorKey?: string;
  /** `MAX_UPLOAD_BYTES`: the largest evidence file. @default 20 MB (see `evidenceSettings`) */
  readonly maxUploadBytes?: number;
  /**
   * `EVIDENCE_PENDING_EXPIRY_MINUTES`: an upload requested this long ago whose bytes never arrived is
   * marked expired. At least the upload URL's 15 minutes. @default 60 (see `evidenceSettings`)
   */
  readonly evidencePendingExpiryMinutes?: number;
  /**
   * `RETENTION_SCHEDULE`: the deployment's retention schedule and notice days (JSON of
   * `deployment.retention.schedule` and `noticeDays`, ADR 0020). @default the domain's defaults
   */
  readonly retention?: RetentionSettings;
}

/**
 * The retention settings from their environment variable: every record type with a whole number of
 * days and `delete` or `anonymise`, and the notice days. Anything else fails the cold start: a job that
 * deleted on a misread schedule could not take it back.
 */
export function parseRetentionSettings(raw: string | undefined): RetentionSettings {
  if (raw === undefined || raw === '') return DEFAULT_RETENTION_SETTINGS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('RETENTION_SCHEDULE must be JSON');
  }
  const { schedule, noticeDays } = (parsed ?? {}) as {
    schedule?: Record<string, unknown>;
    noticeDays?: unknown;
  };
  if (!schedule || typeof schedule !== 'object') throw new Error('RETENTION_SCHEDULE needs a schedule');
  const periods = Object.fromEntries(
    RETENTION_RECORD_TYPES.map((type) => {
      const period = schedule[type] as { days?: unknown; then?: unknown } | undefined;
      if (
        !period ||
        !Number.isInteger(period.days) ||
        (period.days as number) < 1 ||
        (period.then !== 'delete' && period.then !== 'anonymise')
      ) {
        throw new Error(`RETENTION_SCHEDULE.schedule.${type} must be { days ≥ 1, then: delete | anonymise }`);
      }
      return [type, { days: period.days as number, then: period.then }];
    }),
  ) as unknown as RetentionSchedule;
  if (!Number.isInteger(noticeDays) || (noticeDays as number) < 1) {
    throw new Error('RETENTION_SCHEDULE.noticeDays must be a whole number ≥ 1');
  }
  return { schedule: periods, noticeDays: noticeDays as number };
}

/** Evidence settings with their defaults filled in. */
export function evidenceSettings(
  config: Pick<RuntimeConfig, 'maxUploadBytes' | 'evidencePendingExpiryMinutes'>,
) {
  return {
    maxUploadBytes: config.maxUploadBytes ?? 20 * 1024 * 1024,
    pendingExpiryMinutes: config.evidencePendingExpiryMinutes ?? 60,
  };
}

/** A positive whole number from the environment, or undefined when unset; anything else fails the cold start. */
function positiveInt(env: NodeJS.ProcessEnv, name: string, min = 1): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}`);
  return value;
}

export function readRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`Missing environment variable ${name}`);
    return value;
  };
  const mode = env.ABDI_MODE === 'local' ? 'local' : 'cloud';
  return {
    mode,
    deployment: env.ABDI_DEPLOYMENT ?? 'local',
    tableName: required('TABLE_NAME'),
    idempotencyTableName: required('IDEMPOTENCY_TABLE_NAME'),
    evidenceBucket: required('EVIDENCE_BUCKET'),
    documentsBucket: required('DOCUMENTS_BUCKET'),
    publicUrl: env.PUBLIC_URL || undefined,
    exportsBucket: env.EXPORTS_BUCKET || undefined,
    exportsRetentionDays: positiveInt(env, 'EXPORTS_RETENTION_DAYS'),
    importsBucket: env.IMPORTS_BUCKET || undefined,
    importQueueUrl: env.IMPORT_QUEUE_URL || undefined,
    region: env.AWS_REGION ?? 'ap-southeast-3',
    dynamoEndpoint: mode === 'local' ? env.DYNAMODB_ENDPOINT : undefined,
    s3Endpoint: mode === 'local' ? env.S3_ENDPOINT : undefined,
    userPoolId: mode === 'cloud' ? required('COGNITO_USER_POOL_ID') : env.COGNITO_USER_POOL_ID || undefined,
    cognitoEndpoint: mode === 'local' ? env.COGNITO_ENDPOINT || undefined : undefined,
    mfaRequiredFor: parseMfaRoles(
      mode === 'cloud' && env.MFA_REQUIRED_ROLES === undefined
        ? required('MFA_REQUIRED_ROLES')
        : (env.MFA_REQUIRED_ROLES ?? ''),
    ),
    mfaFactors: parseMfaFactors(env.MFA_FACTORS),
    cursorSecretArn: mode === 'cloud' ? required('CURSOR_SECRET_ARN') : undefined,
    cursorKey: mode === 'local' ? required('CURSOR_SIGNING_KEY') : undefined,
    maxUploadBytes: positiveInt(env, 'MAX_UPLOAD_BYTES'),
    evidencePendingExpiryMinutes: positiveInt(env, 'EVIDENCE_PENDING_EXPIRY_MINUTES', 15),
    retention: parseRetentionSettings(env.RETENTION_SCHEDULE),
  };
}
