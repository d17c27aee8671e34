import { describe, expect, it } from 'vitest';
import { parseMfaRoles, rolesRequiringMfa } from '../../../functions/identity/mfa';
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
