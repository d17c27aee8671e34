/**
 * Who may sign in: the Cognito user pool with one group per role, the hosted sign-in domain, and the
 * `abdi` resource server whose scopes machine clients (partner systems) receive.
 *
 * Lives in the stateful stack: deleting a user pool deletes every user and their MFA enrolment. The app
 * clients live in the stateless stack (see identity-clients.ts) because their callback URLs depend on the
 * CloudFront distribution.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { MfaFactor } from '../../functions/identity/mfa';
import type { DeploymentConfig } from '../config/schema';
import { acknowledge } from './nag';

/** The roles the API guard knows; each is a Cognito group of the same name (`cognito:groups` claim). */
export const roles = ['admin', 'officer', 'supervisor', 'prosecutor', 'regional', 'integration'] as const;
export type Role = (typeof roles)[number];

/** Scopes of the `abdi` resource server; tokens carry them as `abdi/cases:read` and so on. */
export const apiScopes = {
  'cases:read': 'Read cases, sessions and evidence metadata',
  'cases:write': 'Create and change cases and sessions',
  'evidence:write': 'Upload evidence files',
} as const;
export type ApiScope = keyof typeof apiScopes;

export const resourceServerIdentifier = 'abdi';

/**
 * Origin of the hosted sign-in domain, from the configured prefix rather than from the domain resource,
 * so that another stack can use it without a CloudFormation export.
 */
export function cognitoDomainUrl(domainPrefix: string, region: string): string {
  return `https://${domainPrefix}.auth.${region}.amazoncognito.com`;
}

/** The verified SES identity sign-in mail comes from (schema.ts `identity.sesSender`). */
export type SesSender = NonNullable<DeploymentConfig['identity']['sesSender']>;

/**
 * The second factors the pool offers (ADR 0018): TOTP always; a code by email only where the pool
 * sends through SES, which Cognito requires for email MFA. The App stack passes the same list to the
 * API (`MFA_FACTORS`), so the API counts exactly the factors Cognito asks for at sign-in.
 */
export function offeredMfaFactors(sesSender: SesSender | undefined): MfaFactor[] {
  return sesSender ? ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] : ['SOFTWARE_TOKEN_MFA'];
}

/** The sign-in code email (email MFA), Bahasa Indonesia first as the dashboard is. */
export const emailCodeMessage = {
  subject: 'Kode masuk Abdi (Abdi sign-in code)',
  body:
    'Kode masuk Abdi Anda: {####}. Jangan berikan kode ini kepada siapa pun; petugas Abdi tidak pernah memintanya. ' +
    '(Your Abdi sign-in code: {####}. Never share it; Abdi staff will never ask for it.)',
} as const;

export interface IdentityProps {
  /** Prefix of the hosted domain `<prefix>.auth.<region>.amazoncognito.com`; unique per region. */
  readonly domainPrefix: string;
  /**
   * Send sign-in mail (invitations, verification and reset codes) through Amazon SES from this verified
   * identity, and offer codes by email as a second factor beside TOTP (ADR 0018). Cognito's built-in
   * mailer sends at most 50 messages a day and cannot carry email MFA.
   * @default Cognito's own mailer, TOTP alone
   */
  readonly sesSender?: SesSender;
}

export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly domain: cognito.UserPoolDomain;
  readonly resourceServer: cognito.UserPoolResourceServer;
  readonly scopes: Readonly<Record<ApiScope, cognito.ResourceServerScope>>;
  readonly groups: Readonly<Record<Role, cognito.UserPoolGroup>>;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      // Accounts are created by an office admin; the public must not be able to register.
      selfSignUpEnabled: false,
      // People sign in with the username Abdi gave them (`pk.palopo`), or their email as an alias; the
      // access token's `username` claim is then that username, which the API resolves the principal by.
      // With `{ email: true }` alone, Cognito makes the email the sign-in name and a generated UUID the
      // username, so inviting `pk.palopo` fails (ADR 0008). Changing aliases replaces the pool.
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      // Email codes need the pool to send through SES and the Essentials plan or above (Plus here).
      mfaSecondFactor: { otp: true, sms: false, email: props.sesSender !== undefined },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus tier: threat protection blocks sign-ins with leaked credentials and adapts to risky ones,
      // which matters more here than the per-user price (a deployment has hundreds of staff, not millions).
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      ...(props.sesSender && {
        email: cognito.UserPoolEmail.withSES({
          fromEmail: props.sesSender.email,
          ...(props.sesSender.fromName && { fromName: props.sesSender.fromName }),
          ...(props.sesSender.domain && { sesVerifiedDomain: props.sesSender.domain }),
          ...(props.sesSender.configurationSet && { configurationSetName: props.sesSender.configurationSet }),
        }),
      }),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (props.sesSender) {
      // The CDK has no property for the email-code message; without it Cognito sends its English default.
      const cfnPool = this.userPool.node.defaultChild as cognito.CfnUserPool;
      cfnPool.emailAuthenticationSubject = emailCodeMessage.subject;
      cfnPool.emailAuthenticationMessage = emailCodeMessage.body;
    }
    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is OPTIONAL at the pool (TOTP, and email codes where the pool sends through SES) because Cognito cannot require it per group: the API refuses the roles a deployment lists in mfa.requiredFor (admins and officers by default) unless the person has one of those factors enabled (ADR 0008, ADR 0018), so supervisors and prosecutors without smartphones can still sign in. Plus-tier threat protection (ENFORCED) challenges or blocks risky sign-ins.',
    );

    this.groups = Object.fromEntries(
      roles.map((role, precedence) => [
        role,
        this.userPool.addGroup(`Group-${role}`, {
          groupName: role,
          description: `Abdi role: ${role}`,
          // Lower precedence wins when a user is in several groups; the list order is most to least powerful.
          precedence,
        }),
      ]),
    ) as Record<Role, cognito.UserPoolGroup>;

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });

    const scopes = Object.fromEntries(
      Object.entries(apiScopes).map(([scopeName, scopeDescription]) => [
        scopeName,
        new cognito.ResourceServerScope({ scopeName, scopeDescription }),
      ]),
    ) as Record<ApiScope, cognito.ResourceServerScope>;
    this.scopes = scopes;
    this.resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: resourceServerIdentifier,
      userPoolResourceServerName: 'Abdi API',
      scopes: Object.values(scopes),
    });
  }

  /** JWT issuer of this pool's tokens, for the API's JWT authorizer. */
  get issuerUrl(): string {
    return `https://cognito-idp.${this.userPool.stack.region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
