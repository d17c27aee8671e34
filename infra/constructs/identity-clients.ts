/**
 * The deployment's own OAuth client of the user pool: the dashboard (a public SPA client, authorization
 * code with PKCE). Partner systems get no client here: each gets its own app client, made at runtime by
 * an office admin through the API (functions/store/cognito-machine-clients.ts, ADR 0010). The one shared
 * `abdi-integration` client of v1 is gone: every partner held the same secret and the same rights.
 */
import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface IdentityClientsProps {
  readonly userPool: cognito.IUserPool;
  /** Origins serving the dashboard, e.g. the CloudFront URL; each gets `<origin><callbackPath>`. */
  readonly webOrigins: readonly string[];
  /** @default '/auth/callback' */
  readonly callbackPath?: string;
}

export class IdentityClients extends Construct {
  /** Public client for the SPA: no secret, code grant; Cognito enforces PKCE when the SPA sends a challenge. */
  readonly dashboardClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: IdentityClientsProps) {
    super(scope, id);
    // Left unset, Cognito enables SRP and custom-auth sign-in on every client. Sign-in happens only in the
    // hosted UI, so the client allows nothing but refresh (partners' clients are made the same way).
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
        // No resource-server scopes: a user's rights come from Abdi's directory, checked by the API guard.
        // aws.cognito.signin.user.admin lets a person enrol their own authenticator app (ADR 0008); it also
        // opens the other self-service calls, so `writeAttributes` below keeps attributes out of reach.
        scopes: [
          cognito.OAuthScope.OPENID,
          cognito.OAuthScope.EMAIL,
          cognito.OAuthScope.PROFILE,
          cognito.OAuthScope.COGNITO_ADMIN,
        ],
        callbackUrls: props.webOrigins.map((origin) => `${origin}${callbackPath}`),
        logoutUrls: props.webOrigins.map((origin) => `${origin}/`),
      },
      {
        supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
        preventUserExistenceErrors: true,
        // Users must not edit their own email or name through Cognito (the email signs in and recovers the
        // account). An empty list would not do: Cognito reads "no write attributes" as "every standard
        // attribute". `locale` is the one left writable: Abdi never reads it.
        writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ locale: true }),
        enableTokenRevocation: true,
        accessTokenValidity: Duration.hours(1),
        idTokenValidity: Duration.hours(1),
        // A working day; the SPA keeps the refresh token in memory, so closing the tab ends the session.
        refreshTokenValidity: Duration.hours(12),
      },
    );
  }
}
