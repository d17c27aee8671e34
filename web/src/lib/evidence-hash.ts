/**
 * The file's fingerprint as the API wants it: SHA-256, lower-case hex, computed in the browser before
 * anything is sent (the API signs it into the upload URL, and the verifier compares it with the bytes).
 */

/** Web Crypto is only there in a secure context (https, or localhost). */
export class NoCryptoError extends Error {
  override readonly name = 'NoCryptoError';
}

/** Lower-case hexadecimal of a digest, two digits per byte (what `sha256sum` prints). */
export function hexOf(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let hex = '';
  for (const byte of view) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The page's Web Crypto, or `NoCryptoError` (checked before an upload starts anything else). */
export function requireCrypto(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle as SubtleCrypto | undefined;
  if (!subtle) throw new NoCryptoError('Web Crypto is not available here');
  return subtle;
}

/** The SHA-256 of a file, hex, computed in the browser before anything is sent. */
export async function sha256Hex(file: Blob, subtle: SubtleCrypto = requireCrypto()): Promise<string> {
  return hexOf(await subtle.digest('SHA-256', await file.arrayBuffer()));
}
