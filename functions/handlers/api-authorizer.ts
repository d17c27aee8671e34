import { Logger } from '@aws-lambda-powertools/logger';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { createAuthorizer } from '../authorizer/authorize';

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

export const handler = createAuthorizer(verifier, {
  onRefused: (reason) => logger.info('token refused', { reason }),
});
