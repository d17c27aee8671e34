import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import {
  hasOfferedFactor,
  parseMfaFactors,
  parseMfaRoles,
  rolesRequiringMfa,
} from '../../../functions/identity/mfa';
import { CognitoIdentityProvider } from '../../../functions/store/cognito-identity-provider';
import type { Principal } from '../../../functions/identity/principal';
import { readRuntimeConfig } from '../../../functions/platform/config';

const cloud = {
  TABLE_NAME: 't',
  IDEMPOTENCY_TABLE_NAME: 'i',
  EVIDENCE_BUCKET: 'b',
  DOCUMENTS_BUCKET: 'd',
  COGNITO_USER_POOL_ID: 'ap-southeast-3_x',
  CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-3:1:secret:c',
};
const local = { ...cloud, ABDI_MODE: 'local', CURSOR_SIGNING_KEY: 'k', COGNITO_USER_POOL_ID: '' };

describe('MFA roles (ADR 0008)', () => {
  it('reads MFA_REQUIRED_ROLES as a comma list; empty means none', () => {
    expect(parseMfaRoles('admin, officer')).toEqual(['admin', 'officer']);
    expect(parseMfaRoles('')).toEqual([]);
  });

  it('fails the cold start on an unknown role rather than dropping the check', () => {
    expect(() => parseMfaRoles('admin,admn')).toThrow(/unknown roles: admn/);
  });

  it('is required in the cloud, where the stack always sets it', () => {
    expect(() => readRuntimeConfig(cloud)).toThrow(/MFA_REQUIRED_ROLES/);
    expect(readRuntimeConfig({ ...cloud, MFA_REQUIRED_ROLES: '' }).mfaRequiredFor).toEqual([]);
    expect(readRuntimeConfig({ ...cloud, MFA_REQUIRED_ROLES: 'admin' }).mfaRequiredFor).toEqual(['admin']);
  });

  it('is configurable in local mode and off unless set', () => {
    expect(readRuntimeConfig(local).mfaRequiredFor).toEqual([]);
    expect(readRuntimeConfig({ ...local, MFA_REQUIRED_ROLES: 'admin,officer' }).mfaRequiredFor).toEqual([
      'admin',
      'officer',
    ]);
    expect(readRuntimeConfig(local).userPoolId).toBeUndefined();
  });

  it('asks a person holding a listed role in any office, never a machine client', () => {
    const person: Principal = {
      kind: 'user',
      username: 'u',
      fullName: 'U',
      memberships: [
        { role: 'prosecutor', officeId: 'bapas-a' },
        { role: 'officer', officeId: 'bapas-b' },
      ],
    };
    const client: Principal = {
      kind: 'client',
      clientId: 'c',
      name: 'C',
      scopes: [],
      memberships: [{ role: 'integration', officeId: 'bapas-a' }],
    };
    expect(rolesRequiringMfa(person, ['admin', 'officer'])).toEqual(['officer']);
    expect(rolesRequiringMfa(person, ['admin'])).toEqual([]);
    expect(rolesRequiringMfa(client, ['admin', 'officer', 'integration'])).toEqual([]);
  });
});

describe('MFA factors the pool offers (ADR 0018)', () => {
  it('reads MFA_FACTORS; unset or empty is TOTP alone, as every pool offers it', () => {
    expect(parseMfaFactors(undefined)).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(parseMfaFactors('')).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(parseMfaFactors('SOFTWARE_TOKEN_MFA, EMAIL_OTP')).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
  });

  it('fails the cold start on an unknown factor rather than dropping it', () => {
    expect(() => parseMfaFactors('SOFTWARE_TOKEN_MFA,SMS_MFA')).toThrow(/unknown factors: SMS_MFA/);
  });

  it('reaches the runtime configuration, TOTP alone when the stack sets nothing', () => {
    expect(readRuntimeConfig({ ...cloud, MFA_REQUIRED_ROLES: '' }).mfaFactors).toEqual([
      'SOFTWARE_TOKEN_MFA',
    ]);
    expect(
      readRuntimeConfig({ ...cloud, MFA_REQUIRED_ROLES: '', MFA_FACTORS: 'SOFTWARE_TOKEN_MFA,EMAIL_OTP' })
        .mfaFactors,
    ).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
  });

  it('counts email codes as MFA only where the pool offers them', () => {
    expect(hasOfferedFactor(['EMAIL_OTP'], ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'])).toBe(true);
    expect(hasOfferedFactor(['EMAIL_OTP'], ['SOFTWARE_TOKEN_MFA'])).toBe(false);
    expect(hasOfferedFactor(['SOFTWARE_TOKEN_MFA'], ['SOFTWARE_TOKEN_MFA'])).toBe(true);
    expect(hasOfferedFactor([], ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'])).toBe(false);
  });
});

describe('Cognito: has the person an MFA factor (AdminGetUser, mocked SDK)', () => {
  const cognito = mockClient(CognitoIdentityProviderClient);
  const provider = (factors: Parameters<typeof parseMfaFactors>[0]) =>
    new CognitoIdentityProvider(
      new CognitoIdentityProviderClient({ region: 'ap-southeast-3' }),
      'ap-southeast-3_AbdiTest1',
      () => 0,
      parseMfaFactors(factors),
    );

  it('lets in a person with email codes on a pool that offers them, and not on one that does not', async () => {
    // Arrange
    cognito.reset();
    cognito.on(AdminGetUserCommand).resolves({ Enabled: true, UserMFASettingList: ['EMAIL_OTP'] });

    // Act / Assess
    await expect(provider('SOFTWARE_TOKEN_MFA,EMAIL_OTP').hasMfa('pk.palopo')).resolves.toBe(true);
    await expect(provider('SOFTWARE_TOKEN_MFA').hasMfa('pk.palopo')).resolves.toBe(false);
  });

  it('lets in a person with TOTP on either pool, never a disabled account, and keeps "enrolled" only', async () => {
    // Arrange
    cognito.reset();
    cognito
      .on(AdminGetUserCommand)
      .resolvesOnce({ Enabled: false, UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] })
      .resolvesOnce({ Enabled: true, UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] });
    const withEmail = provider('SOFTWARE_TOKEN_MFA,EMAIL_OTP');

    // Act
    const disabled = await withEmail.hasMfa('admin.palopo');
    const enrolled = await withEmail.hasMfa('admin.palopo');
    const cached = await withEmail.hasMfa('admin.palopo');

    // Assess: the third answer came from the five-minute cache, not from Cognito.
    expect([disabled, enrolled, cached]).toEqual([false, true, true]);
    expect(cognito.commandCalls(AdminGetUserCommand)).toHaveLength(2);
  });
});
