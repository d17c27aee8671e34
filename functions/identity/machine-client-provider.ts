import type { Scope } from './principal';

/** A machine client's credentials as the provider made them: the secret exists only in this value. */
export interface IssuedClient {
  readonly clientId: string;
  readonly secret: string;
}

/**
 * Where partner systems' credentials live: one Cognito app client per partner in the cloud
 * (client credentials, the `abdi/…` scopes), scrypt hashes in DynamoDB Local on a developer's machine.
 * Abdi's own records (store/integration-store.ts) stay authoritative for offices, scopes and status;
 * the provider only makes, replaces and removes secrets, and limits the scopes a token may carry.
 */
export interface MachineClientProvider {
  /** A new client allowed `scopes`; the secret is returned once and kept nowhere in plain text. */
  create(input: { name: string; scopes: readonly Scope[] }): Promise<IssuedClient>;
  /** A new secret; every earlier one stops working before this returns. */
  rotateSecret(clientId: string): Promise<{ secret: string }>;
  /** Removes the client: no new token can be had with any of its secrets. Idempotent. */
  revoke(clientId: string): Promise<void>;
}
