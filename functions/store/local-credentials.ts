import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (secret: string, salt: Buffer, length: number) => Promise<Buffer>;

/** What local mode stores for a password or a client secret: an scrypt hash and its salt, hex. */
export interface StoredSecret {
  readonly hash: string;
  readonly salt: string;
}

/**
 * Local mode only: the one hashing of passwords and machine-client secrets, shared by the local token
 * endpoint (infra/local/local-auth.ts) and the local machine-client adapter, so both read the same
 * records. Cognito does this in the cloud.
 */
export async function hashSecret(secret: string): Promise<StoredSecret> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, 32);
  return { hash: hash.toString('hex'), salt: salt.toString('hex') };
}

/** Constant-time check; hashes even when nothing is stored, so timing does not reveal which ids exist. */
export async function secretMatches(secret: string, stored: StoredSecret | undefined): Promise<boolean> {
  const salt = Buffer.from(stored?.salt ?? '00', 'hex');
  const actual = await scrypt(secret, salt, 32);
  const expected = Buffer.from(stored?.hash ?? '00'.repeat(32), 'hex');
  return stored !== undefined && expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A new machine-client secret: 256 random bits, URL-safe (Cognito's are 51 characters of base36). */
export const newClientSecret = () => randomBytes(32).toString('base64url');
