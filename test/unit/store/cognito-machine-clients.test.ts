import {
  AddUserPoolClientSecretCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolClientSecretCommand,
  ListUserPoolClientSecretsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { appClientName, CognitoMachineClients } from '../../../functions/store/cognito-machine-clients';

/**
 * The Cognito side of partner clients, against a mocked SDK: Cognito cannot run here, and cognito-local
 * implements neither client credentials nor the client-secret API. What this proves is the calls and
 * their order; that Cognito honours them (a deleted secret is refused at /oauth2/token) is AWS's.
 */
const POOL = 'ap-southeast-3_AbdiTest1';
const cognito = mockClient(CognitoIdentityProviderClient);
const clients = new CognitoMachineClients(
  new CognitoIdentityProviderClient({ region: 'ap-southeast-3' }),
  POOL,
);

beforeEach(() => cognito.reset());

describe('Cognito machine clients', () => {
  it('creates a confidential client-credentials app client with only the abdi scopes asked for', async () => {
    cognito
      .on(CreateUserPoolClientCommand)
      .resolves({ UserPoolClient: { ClientId: 'abc123', ClientSecret: 's3cret' } });

    const issued = await clients.create({
      name: 'SIPP Kejari Palopo',
      scopes: ['cases:read', 'evidence:write'],
    });

    expect(issued).toEqual({ clientId: 'abc123', secret: 's3cret' });
    expect(cognito.commandCalls(CreateUserPoolClientCommand)[0]?.args[0].input).toMatchObject({
      UserPoolId: POOL,
      ClientName: 'abdi-partner SIPP Kejari Palopo',
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['abdi/cases:read', 'abdi/evidence:write'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
    });
  });

  it('rotates by adding a secret and then deleting every older one', async () => {
    cognito.on(ListUserPoolClientSecretsCommand).resolves({
      ClientSecrets: [{ ClientSecretId: 'abc123--1', ClientSecretCreateDate: new Date(1000) }],
    });
    cognito.on(AddUserPoolClientSecretCommand).resolves({
      ClientSecretDescriptor: { ClientSecretId: 'abc123--2', ClientSecretValue: 'new-secret' },
    });

    const rotated = await clients.rotateSecret('abc123');

    expect(rotated).toEqual({ secret: 'new-secret' });
    const order = cognito.calls().map((c) => c.args[0].constructor.name);
    expect(order).toEqual([
      'ListUserPoolClientSecretsCommand',
      'AddUserPoolClientSecretCommand',
      'DeleteUserPoolClientSecretCommand',
    ]);
    expect(cognito.commandCalls(DeleteUserPoolClientSecretCommand)[0]?.args[0].input).toEqual({
      UserPoolId: POOL,
      ClientId: 'abc123',
      ClientSecretId: 'abc123--1',
    });
  });

  it('makes room first when the client already holds the two secrets Cognito allows', async () => {
    cognito.on(ListUserPoolClientSecretsCommand).resolves({
      ClientSecrets: [
        { ClientSecretId: 'newer', ClientSecretCreateDate: new Date(2000) },
        { ClientSecretId: 'older', ClientSecretCreateDate: new Date(1000) },
      ],
    });
    cognito
      .on(AddUserPoolClientSecretCommand)
      .resolves({ ClientSecretDescriptor: { ClientSecretValue: 'x' } });

    await clients.rotateSecret('abc123');

    const steps = cognito.calls().map((c) => {
      const input = c.args[0].input as { ClientSecretId?: string };
      return `${c.args[0].constructor.name.replace('Command', '')}${input.ClientSecretId ? ` ${input.ClientSecretId}` : ''}`;
    });
    expect(steps).toEqual([
      'ListUserPoolClientSecrets',
      'DeleteUserPoolClientSecret older',
      'AddUserPoolClientSecret',
      'DeleteUserPoolClientSecret newer',
    ]);
  });

  it('revokes by deleting the app client, and a second revoke is no error', async () => {
    cognito
      .on(DeleteUserPoolClientCommand)
      .resolvesOnce({})
      .rejectsOnce(new ResourceNotFoundException({ message: 'gone', $metadata: {} }));

    await clients.revoke('abc123');
    await expect(clients.revoke('abc123')).resolves.toBeUndefined();
    expect(cognito.commandCalls(DeleteUserPoolClientCommand)).toHaveLength(2);
  });

  it("names the app client within Cognito's alphabet and length", () => {
    expect(appClientName('Kejari <Palopo> / "SIPP"')).toBe('abdi-partner Kejari -Palopo- - -SIPP-');
    expect(appClientName('x'.repeat(200))).toHaveLength(128);
  });
});
