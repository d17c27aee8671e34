import { describe, expect, it } from 'vitest';
import { parseDeployments, type DeploymentInput } from '../../infra/config/schema';
import { emailCodeMessage, offeredMfaFactors } from '../../infra/constructs/identity';
import { createUserPoolInput, synthesizeUserPool, userPoolOf } from '../../infra/local/user-pool-template';
import { deployments, resourcesOf, synthesize } from './support';

/**
 * Issue 16, item 4 (ADR 0018): sign-in mail through SES from the configured identity, email codes as a
 * second factor beside TOTP where the pool sends through SES, and the API counting exactly the factors
 * the pool offers. The Data stack alone is synthesized where only the pool matters (no bundling, fast).
 */
const base: DeploymentInput = {
  name: 'ses-test',
  stage: 'staging',
  account: '111111111111',
  region: 'ap-southeast-3',
  offices: [{ id: 'bapas-palopo', name: 'Bapas Kelas II Palopo', class: 'II', timeZone: 'Asia/Makassar' }],
  retention: { evidenceObjectLockDays: 1825, logRetentionDays: 365 },
  authDomainPrefix: 'abdi-ses-test',
};
const production: DeploymentInput = {
  ...base,
  stage: 'production',
  alarms: { email: 'ops@example.go.id' },
  domain: {
    web: 'abdi.example.go.id',
    certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
  },
};
const sender = { email: 'no-reply@abdi.example.go.id', domain: 'abdi.example.go.id', fromName: 'Abdi Uji' };

const poolOf = (input: DeploymentInput) => synthesizeUserPool(parseDeployments([input])[0]!).pool;

describe('sign-in mail (identity.sesSender)', () => {
  it('production sends sign-in mail through SES: a production deployment without a sender is refused', () => {
    expect(() => parseDeployments([production])).toThrow(
      /deployment "ses-test" identity\.sesSender: production sends sign-in mail through SES/,
    );
    expect(
      parseDeployments([{ ...production, identity: { sesSender: sender } }])[0]?.identity.sesSender,
    ).toEqual(sender);
    // Staging may keep Cognito's own mailer.
    expect(parseDeployments([base])[0]?.identity).toEqual({});
  });

  it('refuses an address outside its verified domain and a malformed configuration set', () => {
    expect(() =>
      parseDeployments([{ ...base, identity: { sesSender: { ...sender, email: 'x@other.go.id' } } }]),
    ).toThrow(/identity\.sesSender\.email: the address must belong to the verified domain/);
    expect(() =>
      parseDeployments([{ ...base, identity: { sesSender: { ...sender, configurationSet: 'no spaces' } } }]),
    ).toThrow(/identity\.sesSender\.configurationSet/);
  });

  it('with a sender: the pool sends through SES from that identity and offers email codes beside TOTP', () => {
    // Act
    const pool = poolOf({ ...base, identity: { sesSender: { ...sender, configurationSet: 'abdi-signin' } } });

    // Assess
    expect(pool.EmailConfiguration).toMatchObject({
      EmailSendingAccount: 'DEVELOPER',
      From: 'Abdi Uji <no-reply@abdi.example.go.id>',
      ConfigurationSet: 'abdi-signin',
    });
    // The verified domain is the SES identity Cognito sends as, in the pool's own region.
    expect(JSON.stringify(pool.EmailConfiguration)).toContain(':ses:ap-southeast-3:');
    expect(JSON.stringify(pool.EmailConfiguration)).toContain('identity/abdi.example.go.id');
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
    // Email MFA needs Essentials or above; Abdi stays on Plus (ADR 0018).
    expect(pool.UserPoolTier).toBe('PLUS');
    expect(pool.EmailAuthenticationMessage).toBe(emailCodeMessage.body);
    expect(String(pool.EmailAuthenticationMessage)).toContain('{####}');
    expect(pool.EmailAuthenticationSubject).toBe(emailCodeMessage.subject);
  });

  it("without a sender: Cognito's mailer and TOTP alone", () => {
    // Act
    const pool = poolOf(base);

    // Assess
    expect(pool.EmailConfiguration).toBeUndefined();
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(pool.EmailAuthenticationMessage).toBeUndefined();
  });

  it('an SES pool still maps onto cognito-local (the email-code message is excused, not dropped silently)', () => {
    const pool = poolOf({ ...base, identity: { sesSender: sender } });
    expect(() => createUserPoolInput(pool, 'ses-check')).not.toThrow();
  });
});

describe('the factors the API counts as MFA (MFA_FACTORS)', () => {
  it('are the factors the pool offers', () => {
    expect(offeredMfaFactors(undefined)).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(offeredMfaFactors(sender)).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
  });

  it.each(deployments.map((d) => [d.name, d] as const))(
    '%s: the API function reads the same factors its pool enables',
    (_name, deployment) => {
      // Act
      const { dataTemplate, appTemplate } = synthesize(deployment);
      const { pool } = userPoolOf(dataTemplate);
      const [, fn] =
        resourcesOf(appTemplate, 'AWS::Lambda::Function').find(([id]) => id.startsWith('ApiFunction')) ?? [];
      const env = (fn as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables;

      // Assess
      expect(String(env.MFA_FACTORS).split(',')).toEqual(pool.EnabledMfas);
      expect(pool.EnabledMfas).toEqual(
        deployment.identity.sesSender ? ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] : ['SOFTWARE_TOKEN_MFA'],
      );
    },
  );

  it('the production example sends through SES', () => {
    const jatim = deployments.find((d) => d.name === 'jawa-timur');
    expect(jatim?.stage).toBe('production');
    expect(jatim?.identity.sesSender?.email).toMatch(/@abdi-jatim\.example\.go\.id$/);
  });
});
