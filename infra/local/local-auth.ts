import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { keys } from '../../functions/store/keys';
import { hashInvitationToken } from '../../functions/store/local-identity-provider';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  length: number,
) => Promise<Buffer>;

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
  /** OAuth client-credentials grant for a seeded machine client. */
  clientCredentials(
    clientId: string,
    secret: string,
    requestedScopes?: readonly string[],
  ): Promise<{ accessToken: string; expiresIn: number; scope: string } | undefined>;
  /** Verifies exactly what the HTTP API's JWT authorizer verifies; throws on any failure. */
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
  /** Accepted `client_id` values, as the cloud authorizer's audience list. */
  audience?: readonly string[];
}): Promise<LocalAuth> {
  const { privateKey, publicKey } = await loadOrCreateKey(options.keyFile);
  const audience = new Set([LOCAL_DASHBOARD_CLIENT, ...(options.audience ?? [])]);

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

  const matches = async (secret: string, stored: { hash: string; salt: string } | undefined) => {
    // Hash even when the principal is unknown, so timing does not reveal which usernames exist.
    const salt = Buffer.from(stored?.salt ?? '00', 'hex');
    const actual = await scrypt(secret, salt, 32);
    const expected = Buffer.from(stored?.hash ?? '00'.repeat(32), 'hex');
    return stored !== undefined && expected.length === actual.length && timingSafeEqual(expected, actual);
  };

  const setPassword: LocalAuth['setPassword'] = async (principal, password, scopes) => {
    const salt = randomBytes(16);
    const hash = await scrypt(password, salt, 32);
    await options.db.send(
      new PutCommand({
        TableName: options.tableName,
        Item: {
          ...keys.localCredential(principal),
          hash: hash.toString('hex'),
          salt: salt.toString('hex'),
          ...(scopes ? { scopes } : {}),
        },
      }),
    );
  };

  return {
    setPassword,
    async login(username, password) {
      const stored = await readCredential(`user:${username}`);
      if (!(await matches(password, stored)) || stored?.disabled) return undefined;
      const accessToken = await sign(
        { username, client_id: LOCAL_DASHBOARD_CLIENT, scope: 'openid' },
        username,
      );
      return { accessToken, expiresIn: TOKEN_LIFETIME_SECONDS };
    },
    async clientCredentials(clientId, secret, requestedScopes) {
      const stored = await readCredential(`client:${clientId}`);
      if (!(await matches(secret, stored))) return undefined;
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
      // Like API Gateway: the token must name an accepted audience in `aud` or (Cognito) `client_id`.
      const audiences = [payload.aud, payload.client_id]
        .flat()
        .filter((a): a is string => typeof a === 'string');
      if (!audiences.some((a) => audience.has(a))) throw new Error('token audience not accepted');
      if (payload.token_use !== 'access') throw new Error('not an access token');
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
