import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../../web/src/lib/api';
import { NoCryptoError } from '../../../web/src/lib/evidence-hash';
import { PutError } from '../../../web/src/lib/evidence-put';
import { isWorking, retryableError, retryFrom } from '../../../web/src/lib/evidence-upload-state';

const problem = (status: number) => new ApiProblem({ type: 'about:blank', title: 'x', status });

describe('where a failed upload stands', () => {
  it('counts only the four working steps as busy', () => {
    expect(['hashing', 'requesting', 'uploading', 'verifying'].every((s) => isWorking(s as never))).toBe(
      true,
    );
    expect(['idle', 'failed', 'verified', 'still-pending'].some((s) => isWorking(s as never))).toBe(false);
  });

  it('retries network and server failures, never a refused request nor a page without Web Crypto', () => {
    expect([0, 409, 429, 500, 503].map((s) => retryableError(problem(s)))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([400, 403, 404, 422].map((s) => retryableError(problem(s)))).toEqual([false, false, false, false]);
    expect(retryableError(new PutError(0))).toBe(true);
    expect(retryableError(new NoCryptoError('none'))).toBe(false);
  });

  it('starts a retried PUT from scratch, with a new URL, or with the same one as the failure asks', () => {
    expect(retryFrom('uploading', 400, true)).toEqual({ from: 'hashing', newTicket: true, rehash: true });
    expect(retryFrom('uploading', 403, true)).toEqual({ from: 'requesting', newTicket: true, rehash: false });
    expect(retryFrom('uploading', 0, false)).toEqual({ from: 'requesting', newTicket: true, rehash: false });
    expect(retryFrom('uploading', 0, true)).toEqual({ from: 'uploading', newTicket: false, rehash: false });
    expect(retryFrom('requesting', null, false)).toEqual({
      from: 'requesting',
      newTicket: false,
      rehash: false,
    });
  });
});
