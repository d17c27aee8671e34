import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem, type ApiClient } from '../../../web/src/lib/api';
import { EvidenceUpload, type UploadOptions } from '../../../web/src/lib/evidence-flow';
import { PutError } from '../../../web/src/lib/evidence-put';
import type { Evidence, EvidenceUploadTicket } from '../../../web/src/lib/api-types';

/**
 * The upload's steps with the API, the storage and the clock stubbed: what is sent, what is retried
 * with which idempotency key or URL, and when polling gives up.
 */
const PATH = '/v1/offices/bapas-palopo/cases/C1/evidence';
const NOW = Date.parse('2026-03-02T01:00:00Z');
const bytes = new TextEncoder().encode('a small photo');
const photo = new File([bytes], 'foto.jpg', { type: 'image/jpeg' });
const sha256 = createHash('sha256').update(bytes).digest('hex');

const ticket = (id: string, expiresAt = '2026-03-02T01:15:00Z'): EvidenceUploadTicket => ({
  id,
  status: 'pending',
  upload: {
    url: `https://s3.test/${id}`,
    method: 'PUT',
    headers: { 'content-type': 'image/jpeg', 'content-length': String(bytes.length) },
    expiresAt,
  },
});

const record = (id: string, status: Evidence['status'], extra: Partial<Evidence> = {}): Evidence => ({
  id,
  caseId: 'C1',
  kind: 'photo',
  fileName: 'foto.jpg',
  contentType: 'image/jpeg',
  sizeBytes: bytes.length,
  sha256,
  status,
  checks: {},
  warnings: [],
  uploadedBy: 'pk.palopo',
  createdAt: '2026-03-02T01:00:00Z',
  ...extra,
});

function setup(overrides: Partial<UploadOptions> & { statuses?: (Evidence | Error)[] } = {}) {
  let keys = 0;
  let tickets = 0;
  const statuses = [...(overrides.statuses ?? [record('E1', 'verified')])];
  const post = vi.fn(
    async (_path: string, _body: unknown, _options: { idempotencyKey: string }): Promise<unknown> =>
      ticket(`E${++tickets}`),
  );
  const get = vi.fn(async (_path: string): Promise<unknown> => {
    const next = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
    if (next instanceof Error) throw next;
    return next;
  });
  const put = vi.fn(
    async (
      _url: string,
      _headers: Record<string, string>,
      body: Blob,
      progress: (a: number, b: number) => void,
    ) => {
      progress(body.size / 2, body.size);
      progress(body.size, body.size);
    },
  );
  const onChange = vi.fn();
  const api = { post, get } as unknown as ApiClient;
  const upload = new EvidenceUpload({
    api,
    path: PATH,
    onChange,
    newKey: () => `key-${++keys}`,
    put,
    delays: () => [1, 1, 1],
    now: () => NOW,
    ...overrides,
  });
  return { upload, post, get, put, onChange };
}

describe('an evidence upload', () => {
  it('hashes, asks for a URL with an idempotency key, PUTs with progress and waits for the verdict', async () => {
    const { upload, post, get, put, onChange } = setup({
      statuses: [record('E1', 'pending'), record('E1', 'verified')],
    });
    await upload.start({ file: photo, kind: 'photo', sessionId: 'C1-S1' });

    expect(upload.step).toBe('verified');
    expect(upload.sha256).toBe(sha256);
    expect(post).toHaveBeenCalledWith(
      PATH,
      {
        fileName: 'foto.jpg',
        contentType: 'image/jpeg',
        sizeBytes: bytes.length,
        sha256,
        kind: 'photo',
        sessionId: 'C1-S1',
      },
      expect.objectContaining({ idempotencyKey: 'key-1' }),
    );
    expect(put.mock.calls[0]!.slice(0, 3)).toEqual([
      'https://s3.test/E1',
      ticket('E1').upload.headers,
      photo,
    ]);
    expect([upload.loaded, upload.total]).toEqual([bytes.length, bytes.length]);
    expect(get).toHaveBeenCalledTimes(2);
    expect(get.mock.calls[0]![0]).toBe(`${PATH}/E1`);
    // The gallery hears of it twice: pending as soon as it exists, then decided.
    expect(onChange.mock.calls.map(([e]) => (e as Evidence).status)).toEqual(['pending', 'verified']);
  });

  it('sends when and where a camera photo was taken, and nothing when the position is refused', async () => {
    const first = setup();
    await first.upload.start({
      file: photo,
      kind: 'photo',
      sessionId: 'C1-S1',
      capturedAt: '2026-03-02T01:00:00.000Z',
      locate: async () => ({ lat: -2.99, lng: 120.19, accuracyMeters: 12 }),
    });
    expect(first.post.mock.calls[0]![1]).toMatchObject({
      capturedAt: '2026-03-02T01:00:00.000Z',
      location: { lat: -2.99, lng: 120.19, accuracyMeters: 12 },
    });
    expect(first.upload.location).toEqual({ lat: -2.99, lng: 120.19, accuracyMeters: 12 });

    const refused = setup();
    await refused.upload.start({ file: photo, kind: 'photo', locate: async () => undefined });
    expect(refused.post.mock.calls[0]![1]).not.toHaveProperty('location');
    expect(refused.upload.location).toBeNull();
  });

  it('ends rejected with the record, so the reason can be shown', async () => {
    const rejected = record('E1', 'rejected', {
      rejectionReason: 'type_mismatch',
      checks: { detectedType: 'application/x-msdownload' },
    });
    const { upload } = setup({ statuses: [rejected] });
    await upload.start({ file: photo, kind: 'photo' });
    expect(upload.step).toBe('rejected');
    expect(upload.evidence).toEqual(rejected);
  });

  it('retries a lost POST with the same idempotency key, so no second record is made', async () => {
    const { upload, post } = setup();
    post.mockRejectedValueOnce(new ApiProblem({ type: 'about:network-error', title: 'x', status: 0 }));
    await upload.start({ file: photo, kind: 'photo' });
    expect(upload.step).toBe('failed');
    expect(upload.failedAt).toBe('requesting');
    expect(upload.retryable).toBe(true);
    await upload.retry();
    expect(upload.step).toBe('verified');
    expect(post.mock.calls.map((c) => c[2].idempotencyKey)).toEqual(['key-1', 'key-1']);
  });

  it('does not offer a retry for a request the API refused as invalid', async () => {
    const { upload, post } = setup();
    post.mockRejectedValueOnce(
      new ApiProblem({
        type: 'https://abdi.id/problems/invalid-input',
        title: 'Invalid',
        status: 422,
        errors: [{ path: 'contentType', message: 'no', rule: 'EV-TYPE' }],
      }),
    );
    await upload.start({ file: photo, kind: 'photo' });
    expect(upload.step).toBe('failed');
    expect(upload.retryable).toBe(false);
  });

  it('PUTs again with the same URL after a dropped connection', async () => {
    const { upload, post, put } = setup();
    put.mockRejectedValueOnce(new PutError(0));
    await upload.start({ file: photo, kind: 'photo' });
    expect([upload.step, upload.failedAt]).toEqual(['failed', 'uploading']);
    await upload.retry();
    expect(upload.step).toBe('verified');
    expect(post).toHaveBeenCalledTimes(1);
    expect(put.mock.calls.map((c) => c[0])).toEqual(['https://s3.test/E1', 'https://s3.test/E1']);
  });

  it('asks for a new URL (a new request, a new key) when the storage refuses the old one', async () => {
    const { upload, post, put } = setup({ statuses: [record('E2', 'verified')] });
    put.mockRejectedValueOnce(new PutError(403));
    await upload.start({ file: photo, kind: 'photo' });
    await upload.retry();
    expect(upload.step).toBe('verified');
    expect(post.mock.calls.map((c) => c[2].idempotencyKey)).toEqual(['key-1', 'key-2']);
    expect(put.mock.calls.map((c) => c[0])).toEqual(['https://s3.test/E1', 'https://s3.test/E2']);
  });

  it('asks for a new URL when the old one has expired meanwhile', async () => {
    let now = NOW;
    const { upload, post, put } = setup({ now: () => now, statuses: [record('E2', 'verified')] });
    put.mockRejectedValueOnce(new PutError(0));
    await upload.start({ file: photo, kind: 'photo' });
    now += 20 * 60_000; // the phone slept past the 15 minutes
    await upload.retry();
    expect(upload.step).toBe('verified');
    expect(post).toHaveBeenCalledTimes(2);
    expect(put.mock.calls.map((c) => c[0])).toEqual(['https://s3.test/E1', 'https://s3.test/E2']);
  });

  it('keeps checking through dropped status requests, and says so when the verdict takes too long', async () => {
    const network = new ApiProblem({ type: 'about:network-error', title: 'x', status: 0 });
    const { upload, get } = setup({ statuses: [network, record('E1', 'pending')] });
    await upload.start({ file: photo, kind: 'photo' });
    expect(upload.step).toBe('still-pending');
    expect(get).toHaveBeenCalledTimes(3);

    get.mockResolvedValue(record('E1', 'verified'));
    await upload.checkAgain();
    expect(upload.step).toBe('verified');
  });

  it('stops when cancelled, without an error', async () => {
    const { upload, put } = setup();
    put.mockImplementationOnce(
      (_u, _h, _b, _p, signal?: AbortSignal) =>
        new Promise((_, reject) =>
          signal!.addEventListener('abort', () => reject(new DOMException('Cancelled', 'AbortError'))),
        ),
    );
    const running = upload.start({ file: photo, kind: 'photo' });
    await vi.waitFor(() => expect(upload.step).toBe('uploading'));
    upload.cancel();
    await running;
    expect(upload.step).toBe('idle');
    expect(upload.error).toBeNull();
  });
});
