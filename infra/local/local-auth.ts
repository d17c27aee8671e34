import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { keys } from '../../functions/store/keys';
import { hashSecret, secretMatches } from '../../functions/store/local-credentials';
import { hashInvitationToken } from '../../functions/store/local-identity-provider';

/** Local stand-in for the Cognito issuer: tokens look and verify like Cognito access tokens. */
export const LOCAL_ISSUER = 'abdi-local';
export const LOCAL_DASHBOARD_CLIENT = 'abdi-local-dashboard';
const TOKEN_LIFETIME_SECONDS = 3600;
const RESOURCE_SERVER = 'abdi';
const ALGORITHM = 'ES256';

export type Claims = JWTPayload & Record<string, unknown>;

export interface LocalAuth {
  /** Username + password → access token, or undefined for wrong credentials (no hint which). */
  login(username: string, password: string): Promise<{ accessToken: string; expiresIn: number } | undefined>;
  /**
   * OAuth client-credentials grant for a machine client: one an office admin created (its secret hash
   * written by functions/store/local-machine-clients.ts) or the seeded demo client. A revoked client has
   * no credential left, so its secret is refused like a wrong one.
   */
  clientCredentials(
    clientId: string,
    secret: string,
    requestedScopes?: readonly string[],
  ): Promise<{ accessToken: string; expiresIn: number; scope: string } | undefined>;
  /**
   * Verifies what the HTTP API's Lambda authorizer (functions/authorizer) verifies: signature, issuer,
   * expiry, an access token, a client id. Any client id of this issuer passes, as any app client of the
   * deployment's pool does in the cloud; the API's guard then requires an active Abdi record for it.
   * Throws on any failure.
   */
  verify(token: string): Promise<Claims>;
  setPassword(principal: string, password: string, scopes?: readonly string[]): Promise<void>;
  /** Consumes a one-time invitation token; answers the username, or undefined if unknown or expired. */
  redeemInvitation(token: string, password: string): Promise<string | undefined>;
}

/**
 * Local mode's identity provider. The signing key is made at first start and kept in the data folder;
 * credentials are scrypt hashes in DynamoDB Local under their own partition. Exists only in local mode.
 */
export async function createLocalAuth(options: {
  db: DynamoDBDocumentClient;
  tableName: string;
  keyFile: string;
}): Promise<LocalAuth> {
  const { privateKey, publicKey } = await loadOrCreateKey(options.keyFile);

  const sign = (claims: Record<string, unknown>, subject: string) =>
    new SignJWT({ ...claims, token_use: 'access' })
      .setProtectedHeader({ alg: ALGORITHM, kid: 'local-1' })
      .setIssuer(LOCAL_ISSUER)
      .setSubject(subject)
      .setIssuedAt()
      .setJti(randomBytes(12).toString('hex'))
      .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
      .sign(privateKey);

  const readCredential = async (principal: string) => {
    const { Item } = await options.db.send(
      new GetCommand({ TableName: options.tableName, Key: keys.localCredential(principal) }),
    );
    return Item as { hash: string; salt: string; scopes?: string[]; disabled?: boolean } | undefined;
  };

  const setPassword: LocalAuth['setPassword'] = async (principal, password, scopes) => {
    await options.db.send(
      new PutCommand({
        TableName: options.tableName,
        Item: {
          ...keys.localCredential(principal),
          ...(await hashSecret(password)),
          ...(scopes ? { scopes } : {}),
        },
      }),
    );
  };

  return {
    setPassword,
    async login(username, password) {
      const stored = await readCredential(`user:${username}`);
      if (!(await secretMatches(password, stored)) || stored?.disabled) return undefined;
      const accessToken = await sign(
        { username, client_id: LOCAL_DASHBOARD_CLIENT, scope: 'openid' },
        username,
      );
      return { accessToken, expiresIn: TOKEN_LIFETIME_SECONDS };
    },
    async clientCredentials(clientId, secret, requestedScopes) {
      const stored = await readCredential(`client:${clientId}`);
      if (!(await secretMatches(secret, stored)) || stored?.disabled) return undefined;
      // Cognito names a resource server's scopes `<server>/<scope>`; so do local tokens.
      const granted = (stored?.scopes ?? [])
        .map((s) => `${RESOURCE_SERVER}/${s}`)
        .filter((s) => !requestedScopes || requestedScopes.includes(s));
      const scope = granted.join(' ');
      const accessToken = await sign({ client_id: clientId, scope }, clientId);
      return { accessToken, expiresIn: TOKEN_LIFETIME_SECONDS, scope };
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: LOCAL_ISSUER,
        algorithms: [ALGORITHM],
      });
      if (payload.token_use !== 'access') throw new Error('not an access token');
      // Cognito access tokens name their app client in `client_id`; a token without one is not ours.
      if (typeof payload.client_id !== 'string' || payload.client_id === '') {
        throw new Error('token names no client');
      }
      return payload as Claims;
    },
    async redeemInvitation(token, password) {
      const key = keys.localInvitation(hashInvitationToken(token));
      // Delete-and-return in one call, so the same link cannot be used twice even concurrently.
      const { Attributes } = await options.db.send(
        new DeleteCommand({ TableName: options.tableName, Key: key, ReturnValues: 'ALL_OLD' }),
      );
      const invitation = Attributes as { username?: string; expiresAt?: number } | undefined;
      if (!invitation?.username || (invitation.expiresAt ?? 0) * 1000 < Date.now()) return undefined;
      // A link sets a first password only: an account that has one is never reset by an invitation.
      if (await readCredential(`user:${invitation.username}`)) return undefined;
      await setPassword(`user:${invitation.username}`, password);
      return invitation.username;
    },
  };
}

async function loadOrCreateKey(file: string) {
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
    return {
      privateKey: await importJWK(stored.privateJwk, ALGORITHM),
      publicKey: await importJWK(stored.publicJwk, ALGORITHM),
    };
  }
  const pair = await generateKeyPair(ALGORITHM, { extractable: true });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({
      privateJwk: await exportJWK(pair.privateKey),
      publicJwk: await exportJWK(pair.publicKey),
    }),
    { mode: 0o600 },
  );
  return pair;
}
