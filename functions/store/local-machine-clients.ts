import { randomBytes } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IssuedClient, MachineClientProvider } from '../identity/machine-client-provider';
import type { Scope } from '../identity/principal';
import { keys } from './keys';
import { hashSecret, newClientSecret } from './local-credentials';

/**
 * Local mode's machine clients, the same model as Cognito's app clients: an id, a secret stored only as
 * an scrypt hash (the credential record the local token endpoint reads, infra/local/local-auth.ts) and
 * the scopes a token may carry.
 */
export class LocalMachineClients implements MachineClientProvider {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(input: { name: string; scopes: readonly Scope[] }): Promise<IssuedClient> {
    const clientId = newClientId();
    const secret = newClientSecret();
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.localCredential(`client:${clientId}`),
          ...(await hashSecret(secret)),
          scopes: [...input.scopes],
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { clientId, secret };
  }

  async rotateSecret(clientId: string): Promise<{ secret: string }> {
    const secret = newClientSecret();
    const { hash, salt } = await hashSecret(secret);
    // Replacing the one hash is what makes the old secret stop working.
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.localCredential(`client:${clientId}`),
        UpdateExpression: 'SET #hash = :hash, salt = :salt',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#hash': 'hash' },
        ExpressionAttributeValues: { ':hash': hash, ':salt': salt },
      }),
    );
    return { secret };
  }

  async revoke(clientId: string): Promise<void> {
    await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: keys.localCredential(`client:${clientId}`) }),
    );
  }
}

/** 26 characters of [a-z0-9], the shape of a Cognito app client id. */
function newClientId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(26)].map((byte) => alphabet[byte % alphabet.length]).join('');
}
