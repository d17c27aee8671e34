import { describe, expect, it } from 'vitest';
import { parseDeployments, type DeploymentInput } from '../../infra/config/schema';
import { createUserPoolInput, userPoolOf } from '../../infra/local/user-pool-template';
import { deploymentWith, deployments, resourcesOf, synthesize } from './support';

/**
 * Issue 11: the pool signs in by Abdi's usernames (item 2), and the MFA a deployment asks of its roles
 * reaches the API function (item 5). ADR 0008.
 */
const base: DeploymentInput = {
  name: 'mfa-test',
  stage: 'staging',
  account: '111111111111',
  region: 'ap-southeast-3',
  offices: [{ id: 'bapas-palopo', name: 'Bapas Kelas II Palopo', class: 'II', timeZone: 'Asia/Makassar' }],
  retention: { evidenceObjectLockDays: 1825, logRetentionDays: 365 },
  authDomainPrefix: 'abdi-mfa-test',
};

/** The API function's environment variables (the one whose logical id starts with ApiFunction). */
function apiEnvironment(deployment = deployments[0]): Record<string, unknown> {
  if (!deployment) throw new Error('no deployment configured');
  const [, fn] =
    resourcesOf(synthesize(deployment).appTemplate, 'AWS::Lambda::Function').find(([id]) =>
      id.startsWith('ApiFunction'),
    ) ?? [];
  return (fn as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables;
}

describe('user pool sign-in model', () => {
  it.each(deployments.map((d) => [d.name, d] as const))(
    '%s: usernames sign in, email is an alias, so the token carries the Abdi username',
    (_name, deployment) => {
      // Act
      const { pool } = userPoolOf(synthesize(deployment).dataTemplate);

      // Assess
      expect(pool.AliasAttributes).toEqual(['email']);
      expect(pool.UsernameAttributes).toBeUndefined();
      expect(pool.UsernameConfiguration).toEqual({ CaseSensitive: false });
    },
  );

  it('maps every synthesized pool property onto cognito-local, so the emulated pool cannot drift', () => {
    // Act
    const { pool } = userPoolOf(synthesize(deployments[0]!).dataTemplate);
    const input = createUserPoolInput(pool, 'drift-check');

    // Assess
    expect(input).toMatchObject({
      PoolName: 'drift-check',
      AliasAttributes: ['email'],
      MfaConfiguration: 'OPTIONAL',
    });
    expect(() => createUserPoolInput({ ...pool, SomethingNew: true }, 'x')).toThrow(/SomethingNew/);
  });
});

describe('MFA per deployment', () => {
  it('requires TOTP of admins and officers unless a deployment says otherwise', () => {
    // Act
    const [deployment] = parseDeployments([base]);

    // Assess
    expect(deployment?.mfa.requiredFor).toEqual(['admin', 'officer']);
  });

  it('refuses machine clients, unknown and repeated roles in mfa.requiredFor', () => {
    for (const requiredFor of [['integration'], ['boss'], ['admin', 'admin']]) {
      expect(() => parseDeployments([{ ...base, mfa: { requiredFor } } as DeploymentInput])).toThrow(
        /deployment "mfa-test" mfa\.requiredFor/,
      );
    }
  });

  it.each(deployments.map((d) => [d.name, d] as const))(
    '%s: the API reads the configured roles from MFA_REQUIRED_ROLES',
    (_name, deployment) => {
      expect(apiEnvironment(deployment).MFA_REQUIRED_ROLES).toBe(deployment.mfa.requiredFor.join(','));
    },
  );

  it('East Java asks its Kanwil staff too; an empty list turns the requirement off', () => {
    // Assess
    expect(deployments.find((d) => d.name === 'jawa-timur')?.mfa.requiredFor).toContain('regional');
    const off = deploymentWith({
      name: 'mfa-off',
      authDomainPrefix: 'abdi-mfa-off',
      mfa: { requiredFor: [] },
    });
    expect(apiEnvironment(off).MFA_REQUIRED_ROLES).toBe('');
  });

  it('keeps the pool at optional TOTP: Cognito cannot require MFA per group', () => {
    const { pool } = userPoolOf(synthesize(deployments[0]!).dataTemplate);
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    // Remembered devices would let a sign-in skip the code the API relies on.
    expect(pool.DeviceConfiguration).toBeUndefined();
  });
});
