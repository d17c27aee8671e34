/**
 * The two OAuth clients of the user pool: the dashboard (a public SPA client, authorization code with
 * PKCE) and the machine client for partner systems (client credentials with a secret).
 */
import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { apiScopes, resourceServerIdentifier, type ApiScope } from './identity';

export interface IdentityClientsProps {
  readonly userPool: cognito.IUserPool;
  readonly resourceServer: cognito.IUserPoolResourceServer;
  /** Origins serving the dashboard, e.g. the CloudFront URL; each gets `<origin><callbackPath>`. */
  readonly webOrigins: readonly string[];
  /** @default '/auth/callback' */
  readonly callbackPath?: string;
  /** @default every scope of the `abdi` resource server */
  readonly machineScopes?: readonly ApiScope[];
}

export class IdentityClients extends Construct {
  /** Public client for the SPA: no secret, code grant; Cognito enforces PKCE when the SPA sends a challenge. */
  readonly dashboardClient: cognito.UserPoolClient;
  /** Confidential client for integrations; its secret stays in Cognito (read it with DescribeUserPoolClient). */
  readonly machineClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: IdentityClientsProps) {
    super(scope, id);
    // Left unset, Cognito enables SRP and custom-auth sign-in on every client. Sign-in happens only in the
    // hosted UI (dashboard) or by client credentials (machine), so the clients allow nothing but refresh.
    const client = (
      clientId: string,
      userPoolClientName: string,
      generateSecret: boolean,
      oAuth: cognito.OAuthSettings,
      more: Omit<cognito.UserPoolClientProps, 'userPool' | 'userPoolClientName' | 'generateSecret' | 'oAuth'>,
    ) => {
      const created = new cognito.UserPoolClient(this, clientId, {
        userPool: props.userPool,
        userPoolClientName,
        generateSecret,
        oAuth,
        ...more,
      });
      (created.node.defaultChild as cognito.CfnUserPoolClient).explicitAuthFlows = [
        'ALLOW_REFRESH_TOKEN_AUTH',
      ];
      return created;
    };

    const callbackPath = props.callbackPath ?? '/auth/callback';
    this.dashboardClient = client(
      'Dashboard',
      'abdi-dashboard',
      false,
      {
        flows: { authorizationCodeGrant: true },
        // No resource-server scopes and no aws.cognito.signin.user.admin: a user's rights come from their
        // group, checked by the API guard, and users must not edit their own attributes through Cognito.
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: props.webOrigins.map((origin) => `${origin}${callbackPath}`),
        logoutUrls: props.webOrigins.map((origin) => `${origin}/`),
      },
      {
        supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
        preventUserExistenceErrors: true,
        enableTokenRevocation: true,
        accessTokenValidity: Duration.hours(1),
        idTokenValidity: Duration.hours(1),
        // A working day; the SPA keeps the refresh token in memory, so closing the tab ends the session.
        refreshTokenValidity: Duration.hours(12),
      },
    );

    const machineScopes = props.machineScopes ?? (Object.keys(apiScopes) as ApiScope[]);
    this.machineClient = client(
      'Machine',
      'abdi-integration',
      true,
      {
        flows: { clientCredentials: true },
        // Literal scope names (not a reference to the resource server) avoid a cross-stack export.
        scopes: machineScopes.map((scopeName) =>
          cognito.OAuthScope.custom(`${resourceServerIdentifier}/${scopeName}`),
        ),
      },
      { accessTokenValidity: Duration.hours(1) },
    );
    // The client may only request scopes that exist on the resource server.
    this.machineClient.node.addDependency(props.resourceServer);
  }
}
