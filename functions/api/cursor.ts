import { createHmac, timingSafeEqual } from 'node:crypto';
import { problems } from './problem';

/**
 * Opaque, tamper-evident list cursors. A cursor wraps DynamoDB's LastEvaluatedKey together with the
 * office and the list it belongs to, signed with HMAC-SHA256: an edited cursor, or one replayed
 * against another office or another list, is refused with 400 before it reaches DynamoDB.
 */
export class CursorCodec {
  private key: Promise<Buffer> | undefined;

  /** `loadKey` runs once, on the first list request (in the cloud it reads a secret). */
  constructor(private readonly loadKey: () => Promise<Uint8Array>) {}

  async encode(
    scope: { officeId: string; list: string },
    lastEvaluatedKey: Record<string, unknown> | undefined,
  ): Promise<string | null> {
    if (!lastEvaluatedKey) return null;
    const payload = Buffer.from(
      JSON.stringify({ o: scope.officeId, l: scope.list, k: lastEvaluatedKey }),
    ).toString('base64url');
    return `${payload}.${await this.sign(payload)}`;
  }

  async decode(
    scope: { officeId: string; list: string },
    cursor: string | undefined,
  ): Promise<Record<string, unknown> | undefined> {
    if (!cursor) return undefined;
    const invalid = () =>
      problems.invalidInput([{ path: 'query.cursor', message: 'This cursor is not valid for this list.' }]);
    const [payload, signature, extra] = cursor.split('.');
    if (!payload || !signature || extra !== undefined) throw invalid();
    const expected = Buffer.from(await this.sign(payload), 'base64url');
    const actual = Buffer.from(signature, 'base64url');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw invalid();
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      o?: string;
      l?: string;
      k?: Record<string, unknown>;
    };
    if (decoded.o !== scope.officeId || decoded.l !== scope.list || !decoded.k) throw invalid();
    return decoded.k;
  }

  private async sign(payload: string): Promise<string> {
    this.key ??= this.loadKey().then((k) => Buffer.from(k));
    return createHmac('sha256', await this.key)
      .update(payload)
      .digest('base64url');
  }
}
