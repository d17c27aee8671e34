import { describe, expect, it, vi } from 'vitest';
import {
  ApiProblem,
  NETWORK_PROBLEM,
  createApiClient,
  fileNameOf,
  parseProblem,
} from '../../../web/src/lib/api';

const PROBLEM = 'application/problem+json';

function jsonResponse(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } });
}

describe('parseProblem', () => {
  it('keeps the members of a problem document, with field errors for forms', () => {
    const body = JSON.stringify({
      type: 'https://abdi.id/problems/invalid-input',
      title: 'Invalid input',
      status: 400,
      detail: 'The request has invalid fields.',
      errors: [{ path: 'sentence.hours', message: 'Too many hours', rule: 'KS-HOURS' }, { bogus: true }],
    });
    const problem = parseProblem(400, 'Bad Request', PROBLEM, body);
    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem).toMatchObject({ status: 400, title: 'Invalid input', slug: 'invalid-input' });
    expect(problem.errors).toEqual([{ path: 'sentence.hours', message: 'Too many hours', rule: 'KS-HOURS' }]);
    expect(problem.fieldError('sentence.hours')).toBe('Too many hours');
    expect(problem.fieldError('client.name')).toBeUndefined();
  });

  it.each([
    ['an HTML error page', 'text/html', '<html>Bad gateway</html>'],
    ['broken JSON', PROBLEM, '{"type":'],
    ['a JSON string', 'application/json', '"oops"'],
    ['no content type', null, '{"detail":"x"}'],
  ])('turns %s into a generic problem without the raw body', (_name, contentType, body) => {
    const problem = parseProblem(502, 'Bad Gateway', contentType, body);
    expect(problem).toMatchObject({ type: 'about:blank', title: 'Bad Gateway', status: 502, detail: '' });
    expect(problem.message).not.toContain('<html>');
  });
});

describe('createApiClient', () => {
  it('joins the base URL, sends the bearer token and parses JSON', async () => {
    // Prepare
    const fetch = vi.fn(async () => jsonResponse(200, { username: 'pk.palopo' }));
    const api = createApiClient({ baseUrl: 'https://api.example/', getToken: () => 'tok', fetch });
    // Act
    const me = await api.get<{ username: string }>('/v1/me');
    // Assess
    expect(me).toEqual({ username: 'pk.palopo' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://api.example/v1/me');
    expect(init.method).toBe('GET');
    expect(init.body).toBeNull();
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });

  it('sends JSON bodies and an idempotency key when asked', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    const api = createApiClient({ baseUrl: '', getToken: () => null, fetch, newId: () => 'key-1' });
    await api.post('/v1/cases', { hours: 40 }, { idempotencyKey: true });
    await api.post('/v1/cases', { hours: 40 }, { idempotencyKey: 'kept-across-retries' });
    await api.post('/v1/cases', { hours: 40 });
    const headers = fetch.mock.calls.map(
      (call) => (call as unknown as [string, RequestInit])[1].headers as Record<string, string>,
    );
    expect(headers[0]!['idempotency-key']).toBe('key-1');
    expect(headers[1]!['idempotency-key']).toBe('kept-across-retries');
    expect(headers[2]!['idempotency-key']).toBeUndefined();
    expect(headers[0]!['content-type']).toBe('application/json');
    expect(headers[0]!.authorization).toBeUndefined();
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.body).toBe('{"hours":40}');
  });

  it('throws an ApiProblem and reports a 401 on an authenticated call', async () => {
    const onUnauthorized = vi.fn();
    const fetch = vi.fn(async () =>
      jsonResponse(
        401,
        {
          type: 'https://abdi.id/problems/unauthenticated',
          title: 'Unauthenticated',
          status: 401,
          detail: 'x',
        },
        PROBLEM,
      ),
    );
    const api = createApiClient({ baseUrl: '', getToken: () => 'old', fetch, onUnauthorized });
    await expect(api.get('/v1/me')).rejects.toMatchObject({ status: 401, slug: 'unauthenticated' });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('does not end the session when an unauthenticated call (the login) gets 401', async () => {
    const onUnauthorized = vi.fn();
    const fetch = vi.fn(async () => jsonResponse(401, { title: 'Unauthenticated', status: 401 }, PROBLEM));
    const api = createApiClient({ baseUrl: '', getToken: () => null, fetch, onUnauthorized });
    await expect(
      api.post('/local/auth/login', { username: 'a', password: 'b' }, { auth: false }),
    ).rejects.toBeInstanceOf(ApiProblem);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('reports an unreachable server as a network problem', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const api = createApiClient({ baseUrl: '', getToken: () => null, fetch });
    await expect(api.get('/v1/me')).rejects.toMatchObject({ type: NETWORK_PROBLEM, status: 0 });
  });

  it('answers a file as a Blob of its type, with the name from Content-Disposition', async () => {
    // Prepare
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
    const fetch = vi.fn(
      async () =>
        new Response(pdf, {
          status: 200,
          headers: {
            'content-type': 'application/pdf',
            'content-disposition': 'attachment; filename="W23-0001-2026.pdf"',
          },
        }),
    );
    const api = createApiClient({ baseUrl: '', getToken: () => 'tok', fetch, newId: () => 'key-2' });

    // Act
    const answer = await api.file(
      'POST',
      '/v1/x/documents/preview',
      { kind: 'monthly_report' },
      {
        idempotencyKey: true,
      },
    );

    // Assess
    expect(answer.blob.type).toBe('application/pdf');
    expect(new Uint8Array(await answer.blob.arrayBuffer())).toEqual(pdf);
    expect(answer.fileName).toBe('W23-0001-2026.pdf');
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    const headers = init.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer tok');
    expect(headers['idempotency-key']).toBe('key-2');
    expect(init.body).toBe('{"kind":"monthly_report"}');
  });

  it('throws the problem of a refused file request, as for JSON', async () => {
    const fetch = vi.fn(async () =>
      jsonResponse(
        409,
        {
          title: 'Conflict',
          status: 409,
          errors: [{ path: 'documentSettings', message: 'x', rule: 'DOC-SETTINGS' }],
        },
        PROBLEM,
      ),
    );
    const api = createApiClient({ baseUrl: '', getToken: () => 'tok', fetch });
    await expect(api.file('POST', '/v1/x', {})).rejects.toMatchObject({
      status: 409,
      errors: [{ rule: 'DOC-SETTINGS' }],
    });
  });

  it('reads a file name from Content-Disposition, quoted or not', () => {
    expect(fileNameOf('attachment; filename="a b.xlsx"')).toBe('a b.xlsx');
    expect(fileNameOf('attachment; filename=report.pdf')).toBe('report.pdf');
    expect(fileNameOf('inline')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });

  it('lets an abort through unchanged', async () => {
    const fetch = vi.fn(async () => {
      throw new DOMException('aborted', 'AbortError');
    });
    const api = createApiClient({ baseUrl: '', getToken: () => null, fetch });
    await expect(api.get('/v1/me')).rejects.toMatchObject({ name: 'AbortError' });
  });
});
