import type { DeploymentConfig } from '../config/schema';

/**
 * The dashboard origins known before deployment: the custom domain (if any) and `webOrigins`. The App
 * stack adds the distribution's own origin and uses them for the evidence bucket's CORS and the OAuth
 * callback URLs (ADR 0017); the API's CORS takes the extra `webOrigins` only.
 */
export function webOriginsOf(deployment: DeploymentConfig): string[] {
  const origins = deployment.domain ? [`https://${deployment.domain.web}`] : [];
  return [...new Set([...origins, ...deployment.webOrigins])];
}
