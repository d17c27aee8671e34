import { createHash, randomBytes } from 'node:crypto';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IdentityProvider, Invitation } from '../identity/identity-provider';
import { keys } from './keys';

const INVITATION_LIFETIME_SECONDS = 7 * 24 * 3600;

/**
 * Local mode's identity provider. There is no email on a developer's machine, so an invitation is a
 * one-time set-password link; only the token's hash is stored, with a TTL. Groups need no mirror
 * here (Abdi's records are authoritative), and disabling is the profile status the guard reads.
 */
export class LocalIdentityProvider implements IdentityProvider {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date,
  ) {}

  async invite(user: { username: string }): Promise<Invitation> {
    const token = randomBytes(24).toString('base64url');
    const expiresAtSeconds = Math.floor(this.now().getTime() / 1000) + INVITATION_LIFETIME_SECONDS;
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.localInvitation(hashInvitationToken(token)),
          username: user.username,
          expiresAt: expiresAtSeconds,
        },
      }),
    );
    return {
      delivery: 'link',
      setPasswordUrl: `/set-password?token=${token}`,
      expiresAt: new Date(expiresAtSeconds * 1000).toISOString(),
    };
  }

  async syncGroups(): Promise<void> {}

  /** Like Cognito's AdminDisableUser: the password stops working; Abdi's records stay. */
  async setEnabled(username: string, enabled: boolean): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.localCredential(`user:${username}`),
          UpdateExpression: 'SET disabled = :disabled',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':disabled': !enabled },
        }),
      );
    } catch (error) {
      // No password set yet (an unused invitation): there is nothing to switch off.
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
