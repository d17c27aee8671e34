import {
  AddUserPoolClientSecretCommand,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolClientSecretCommand,
  ListUserPoolClientSecretsCommand,
  ResourceNotFoundException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IssuedClient, MachineClientProvider } from '../identity/machine-client-provider';
import type { Scope } from '../identity/principal';

/** The resource server's identifier (infra/constructs/identity.ts): tokens carry `abdi/cases:read`. */
const RESOURCE_SERVER = 'abdi';
/** One hour, as the dashboard's access tokens: a revoked client's token is refused by the guard anyway. */
const ACCESS_TOKEN_HOURS = 1;

/**
 * The cloud's machine clients: one Cognito app client per partner system on the deployment's pool,
 * made at runtime, so the API accepts it without a redeploy (its authorizer accepts every client of the
 * pool; see ADR 0010). Rotation uses Cognito's client-secret API (at most two secrets per client): the
 * new secret is added, then every older one deleted.
 */
export class CognitoMachineClients implements MachineClientProvider {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  async create(input: { name: string; scopes: readonly Scope[] }): Promise<IssuedClient> {
    const { UserPoolClient: client } = await this.cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: this.userPoolId,
        ClientName: appClientName(input.name),
        GenerateSecret: true,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: input.scopes.map((scope) => `${RESOURCE_SERVER}/${scope}`),
        // Nothing but refresh: a machine client signs in by client credentials only, never SRP or password.
        ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
        AccessTokenValidity: ACCESS_TOKEN_HOURS,
        TokenValidityUnits: { AccessToken: 'hours' },
        PreventUserExistenceErrors: 'ENABLED',
        EnableTokenRevocation: true,
      }),
    );
    if (!client?.ClientId || !client.ClientSecret) throw new Error('Cognito returned no client or secret');
    return { clientId: client.ClientId, secret: client.ClientSecret };
  }

  async rotateSecret(clientId: string): Promise<{ secret: string }> {
    const target = { UserPoolId: this.userPoolId, ClientId: clientId };
    const listed = await this.cognito.send(new ListUserPoolClientSecretsCommand(target));
    const old = (listed.ClientSecrets ?? [])
      .filter((s) => s.ClientSecretId)
      .sort(
        (a, b) => (a.ClientSecretCreateDate?.getTime() ?? 0) - (b.ClientSecretCreateDate?.getTime() ?? 0),
      );
    // A client holds two secrets at most: make room for the new one by deleting the oldest first.
    while (old.length >= 2) await this.deleteSecret(clientId, old.shift()?.ClientSecretId);
    const added = await this.cognito.send(new AddUserPoolClientSecretCommand(target));
    const secret = added.ClientSecretDescriptor?.ClientSecretValue;
    if (!secret) throw new Error('Cognito returned no secret');
    for (const previous of old) await this.deleteSecret(clientId, previous.ClientSecretId);
    return { secret };
  }

  async revoke(clientId: string): Promise<void> {
    try {
      await this.cognito.send(
        new DeleteUserPoolClientCommand({ UserPoolId: this.userPoolId, ClientId: clientId }),
      );
    } catch (error) {
      // Already gone (a retried revoke): the outcome asked for holds.
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }

  private async deleteSecret(clientId: string, secretId: string | undefined): Promise<void> {
    if (!secretId) return;
    await this.cognito.send(
      new DeleteUserPoolClientSecretCommand({
        UserPoolId: this.userPoolId,
        ClientId: clientId,
        ClientSecretId: secretId,
      }),
    );
  }
}

/** Cognito's ClientName allows `[\w\s+=,.@-]`, 1–128 characters; the Abdi record keeps the real name. */
export function appClientName(name: string): string {
  const safe = name.replace(/[^\w\s+=,.@-]/g, '-').trim();
  return `abdi-partner ${safe}`.slice(0, 128);
}
