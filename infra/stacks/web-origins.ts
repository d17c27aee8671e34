import type { DeploymentConfig } from '../config/schema';

/**
 * The dashboard origins known before deployment: the custom domain (if any) and `webOrigins`. Used for
 * the evidence bucket's CORS, the API's CORS (browsers calling the execute-api URL directly) and the OAuth
 * callback URLs.
 */
export function webOriginsOf(deployment: DeploymentConfig): string[] {
  const origins = deployment.domain ? [`https://${deployment.domain.web}`] : [];
  return [...new Set([...origins, ...deployment.webOrigins])];
}
