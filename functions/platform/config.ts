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
  readonly region: string;
  /** Only in local mode: DynamoDB Local and s3rver endpoints. */
  readonly dynamoEndpoint?: string;
  readonly s3Endpoint?: string;
  /** Cloud: the Cognito user pool people sign in to. */
  readonly userPoolId?: string;
  /** Cloud: Secrets Manager secret holding the list-cursor signing key. */
  readonly cursorSecretArn?: string;
  /** Local mode: the list-cursor signing key itself (kept in the data folder). */
  readonly cursorKey?: string;
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
    region: env.AWS_REGION ?? 'ap-southeast-3',
    dynamoEndpoint: mode === 'local' ? env.DYNAMODB_ENDPOINT : undefined,
    s3Endpoint: mode === 'local' ? env.S3_ENDPOINT : undefined,
    userPoolId: mode === 'cloud' ? required('COGNITO_USER_POOL_ID') : undefined,
    cursorSecretArn: mode === 'cloud' ? required('CURSOR_SECRET_ARN') : undefined,
    cursorKey: mode === 'local' ? required('CURSOR_SIGNING_KEY') : undefined,
  };
}
