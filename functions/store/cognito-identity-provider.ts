import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  UserNotFoundException,
  UsernameExistsException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityProvider, Invitation } from '../identity/identity-provider';
import { hasOfferedFactor, type MfaFactor } from '../identity/mfa';
import { ROLES, type Role } from '../identity/principal';

/**
 * How long a warm function trusts that a person has a second factor enabled: an operator's MFA reset
 * shows within five minutes (a token outlives that anyway). "Not enrolled" is not kept, so an enrolment
 * counts at once; it is asked of Cognito only by people the API is refusing.
 */
const MFA_ENROLLED_CACHE_MS = 5 * 60_000;

/**
 * The cloud identity provider: Cognito's admin API on the deployment's user pool.
 *
 * Usernames are Abdi's (`pk.palopo`): the pool signs in by username with email as an alias, so
 * `AdminCreateUser` keeps the name and the access token's `username` claim carries it (ADR 0008).
 */
export class CognitoIdentityProvider implements IdentityProvider {
  private readonly enrolledUntil = new Map<string, number>();

  /**
   * @param mfaFactors the second factors the pool offers (`MFA_FACTORS`): TOTP, and email codes where
   *   the pool sends mail through SES (ADR 0018). @default TOTP alone
   */
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
    private readonly clock: () => number = Date.now,
    private readonly mfaFactors: readonly MfaFactor[] = ['SOFTWARE_TOKEN_MFA'],
  ) {}

  /**
   * Whether the person has one of the pool's second factors enabled (`UserMFASettingList`: TOTP, or
   * email codes where the pool offers them). With the pool's MFA optional, Cognito asks such a person
   * for a code at every sign-in, so the API may treat their tokens as multi-factor.
   */
  async hasMfa(username: string): Promise<boolean> {
    if ((this.enrolledUntil.get(username) ?? 0) > this.clock()) return true;
    let enrolled = false;
    try {
      const user = await this.cognito.send(
        new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username }),
      );
      enrolled = user.Enabled !== false && hasOfferedFactor(user.UserMFASettingList ?? [], this.mfaFactors);
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
    }
    if (enrolled) this.enrolledUntil.set(username, this.clock() + MFA_ENROLLED_CACHE_MS);
    else this.enrolledUntil.delete(username);
    return enrolled;
  }

  async invite(user: { username: string; email: string; fullName: string }): Promise<Invitation> {
    try {
      await this.cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: user.username,
          DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [
            { Name: 'email', Value: user.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: user.fullName },
          ],
        }),
      );
    } catch (error) {
      // A retry after a failed Abdi write finds the account already there: keep it.
      if (!(error instanceof UsernameExistsException)) throw error;
    }
    return { delivery: 'email' };
  }

  async syncGroups(username: string, roles: readonly Role[]): Promise<void> {
    const current = await this.cognito.send(
      new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: username, Limit: 60 }),
    );
    const known = new Set<string>(ROLES);
    const have = new Set((current.Groups ?? []).map((g) => g.GroupName ?? '').filter((g) => known.has(g)));
    const want = new Set<string>(roles);
    const target = { UserPoolId: this.userPoolId, Username: username };
    for (const group of want) {
      if (!have.has(group))
        await this.cognito.send(new AdminAddUserToGroupCommand({ ...target, GroupName: group }));
    }
    for (const group of have) {
      if (!want.has(group)) {
        await this.cognito.send(new AdminRemoveUserFromGroupCommand({ ...target, GroupName: group }));
      }
    }
  }

  async setEnabled(username: string, enabled: boolean): Promise<void> {
    const input = { UserPoolId: this.userPoolId, Username: username };
    await this.cognito.send(enabled ? new AdminEnableUserCommand(input) : new AdminDisableUserCommand(input));
  }
}
