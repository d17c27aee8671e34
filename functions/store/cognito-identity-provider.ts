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
import { ROLES, type Role } from '../identity/principal';

/**
 * How long a warm function trusts that a person has TOTP enrolled: an operator's MFA reset shows within
 * five minutes (a token outlives that anyway). "Not enrolled" is not kept, so an enrolment counts at
 * once; it is asked of Cognito only by people the API is refusing.
 */
const TOTP_ENROLLED_CACHE_MS = 5 * 60_000;

/**
 * The cloud identity provider: Cognito's admin API on the deployment's user pool.
 *
 * Usernames are Abdi's (`pk.palopo`): the pool signs in by username with email as an alias, so
 * `AdminCreateUser` keeps the name and the access token's `username` claim carries it (ADR 0008).
 */
export class CognitoIdentityProvider implements IdentityProvider {
  private readonly totpUntil = new Map<string, number>();

  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Whether the person has TOTP enabled (`UserMFASettingList`). With the pool's MFA optional, Cognito
   * asks such a person for a code at every sign-in, so the API may treat their tokens as multi-factor.
   */
  async hasTotp(username: string): Promise<boolean> {
    if ((this.totpUntil.get(username) ?? 0) > this.clock()) return true;
    let enrolled = false;
    try {
      const user = await this.cognito.send(
        new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username }),
      );
      enrolled = user.Enabled !== false && (user.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA');
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
    }
    if (enrolled) this.totpUntil.set(username, this.clock() + TOTP_ENROLLED_CACHE_MS);
    else this.totpUntil.delete(username);
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
