import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { createAuthorizer } from '../authorizer/authorize';
import { cachedOriginSecrets } from '../authorizer/origin-verify';
import { observe } from '../platform/observability';

/**
 * Lambda entry of the HTTP API's authorizer (infra/constructs/http-api.ts). The verifier is built once
 * per cold start and caches the pool's JWKS, so a warm authorizer makes no network call.
 */
const logger = new Logger({ serviceName: 'abdi-authorizer' });

const verifier = CognitoJwtVerifier.create({
  userPoolId: process.env.COGNITO_USER_POOL_ID ?? '',
  tokenUse: 'access',
  // Every app client of the pool: partners' machine clients are made at runtime (ADR 0010).
  clientId: null,
});

// Required: an authorizer that forgot its origin secret would let the execute-api host be called past
// the WAF (ADR 0017). The stack always sets it. The secret's two versions are kept for five minutes.
const originSecretArn = process.env.ORIGIN_SECRET_ARN;
if (!originSecretArn) throw new Error('ORIGIN_SECRET_ARN is not set');
const secretsManager = new SecretsManagerClient({});
const originSecrets = cachedOriginSecrets(async (stage) => {
  try {
    const secret = await secretsManager.send(
      new GetSecretValueCommand({ SecretId: originSecretArn, VersionStage: stage }),
    );
    return secret.SecretString;
  } catch (error) {
    // No AWSPREVIOUS until the first rotation.
    if (stage === 'AWSPREVIOUS' && (error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
});

const authorize = createAuthorizer(verifier, {
  onRefused: (reason) => logger.info('request refused', { reason }),
  origin: {
    secrets: originSecrets,
    publicRouteKeys: new Set((process.env.PUBLIC_ROUTE_KEYS ?? '').split(',').filter(Boolean)),
  },
});

// Observed like every entry (platform/observability.ts): the request id on each log line, the cold start
// counted, traced where the deployment traces.
export const handler = middy<Parameters<typeof authorize>[0], Awaited<ReturnType<typeof authorize>>>()
  .use(observe({ logger }))
  .handler(authorize);
