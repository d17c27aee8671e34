import { describe, expect, it } from 'vitest';
import { deployments, resourcesOf, runtimeConfigOf, synthesize } from './support';

/**
 * Issue 11, item 5: people enrol their authenticator app from the dashboard with their own token (ADR 0008).
 * The dashboard client must grant the self-service scope, must not let people rewrite their Cognito
 * attributes with it, and the dashboard must be told (and allowed by its CSP) where the user pools API is.
 */
const deployment = deployments[0];
if (!deployment) throw new Error('no deployment configured');

function dashboardClient(): Record<string, unknown> {
  const clients = resourcesOf(synthesize(deployment!).appTemplate, 'AWS::Cognito::UserPoolClient');
  const found = clients.find(([, props]) => props.ClientName === 'abdi-dashboard');
  if (!found) throw new Error('no dashboard client');
  return found[1];
}

describe('authenticator enrolment from the dashboard', () => {
  it('the dashboard client grants aws.cognito.signin.user.admin, which Associate/VerifySoftwareToken need', () => {
    // Act
    const client = dashboardClient();

    // Assess
    expect(client.AllowedOAuthScopes).toContain('aws.cognito.signin.user.admin');
  });

  it('the same token cannot rewrite the email or name: only `locale` is writable, never an empty list', () => {
    // Act
    const client = dashboardClient();

    // Assess: an absent or empty WriteAttributes means "every standard attribute" to Cognito.
    expect(client.WriteAttributes).toEqual(['locale']);
  });

  it('config.json names the user pools API, and the CSP lets the dashboard call it', () => {
    // Act
    const synthesized = synthesize(deployment);
    const config = runtimeConfigOf(synthesized);
    const [[, policy] = ['', {}]] = resourcesOf(
      synthesized.appTemplate,
      'AWS::CloudFront::ResponseHeadersPolicy',
    );
    const csp = JSON.stringify(policy);

    // Assess: the URL suffix is the partition's (`amazonaws.com`), a token filled in at deploy time.
    const host = `https://cognito-idp\\.${deployment.region}\\.`;
    expect((config.auth as Record<string, unknown>).identityEndpoint).toMatch(
      new RegExp(`^${host}(amazonaws\\.com|<<marker:[^>]+>>)$`),
    );
    expect(csp).toMatch(new RegExp(`connect-src [^;]*${host}",\\{"Ref":"AWS::URLSuffix"\\}`));
  });
});
