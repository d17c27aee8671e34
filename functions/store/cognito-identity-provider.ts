import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  UsernameExistsException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityProvider, Invitation } from '../identity/identity-provider';
import { ROLES, type Role } from '../identity/principal';

/** The cloud identity provider: Cognito's admin API on the deployment's user pool. */
export class CognitoIdentityProvider implements IdentityProvider {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

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
