import { describe, expect, it } from 'vitest';
import { ConfigError, parseRuntimeConfig } from '../../../web/src/lib/config';

/** A cognito-mode config.json: client `abc` in ap-southeast-3, with the given API URL and auth settings. */
const cognito = (apiBaseUrl: string, auth: Record<string, unknown>) => ({
  apiBaseUrl,
  auth: { mode: 'cognito', clientId: 'abc', region: 'ap-southeast-3', ...auth },
});

describe('parseRuntimeConfig: the per-deployment config.json', () => {
  it('accepts local mode on the same origin', () => {
    expect(parseRuntimeConfig({ apiBaseUrl: '', auth: { mode: 'local' } })).toEqual({
      apiBaseUrl: '',
      auth: { mode: 'local' },
    });
  });

  it('accepts cognito mode with its settings and drops a trailing slash from the API URL', () => {
    const config = parseRuntimeConfig(
      cognito('https://api.abdi.example/', { domain: 'login.abdi.example', extra: 1 }),
    );
    expect(config).toEqual({
      apiBaseUrl: 'https://api.abdi.example',
      auth: {
        mode: 'cognito',
        domain: 'https://login.abdi.example',
        clientId: 'abc',
        region: 'ap-southeast-3',
        redirectPath: '/auth/callback',
      },
    });
  });

  it('keeps a full https domain as its origin, and a redirect path that is a path', () => {
    const config = parseRuntimeConfig(
      cognito('', {
        domain: 'https://abdi-sulsel.auth.ap-southeast-3.amazoncognito.com/',
        redirectPath: '/masuk/kembali',
      }),
    );
    expect(config.auth).toMatchObject({
      domain: 'https://abdi-sulsel.auth.ap-southeast-3.amazoncognito.com',
      redirectPath: '/masuk/kembali',
    });
  });

  it.each([
    ['not an object', 'x', /not an object/],
    ['no apiBaseUrl', { auth: { mode: 'local' } }, /apiBaseUrl/],
    ['a non-http apiBaseUrl', { apiBaseUrl: 'javascript:alert(1)', auth: { mode: 'local' } }, /apiBaseUrl/],
    ['no auth', { apiBaseUrl: '' }, /auth is missing/],
    ['an unknown mode', { apiBaseUrl: '', auth: { mode: 'saml' } }, /auth.mode/],
    [
      'cognito without a client id',
      { apiBaseUrl: '', auth: { mode: 'cognito', domain: 'd', region: 'r' } },
      /clientId/,
    ],
    [
      'a Cognito domain over plain http',
      {
        apiBaseUrl: '',
        auth: { mode: 'cognito', domain: 'http://login.example', clientId: 'c', region: 'r' },
      },
      /auth.domain/,
    ],
    [
      'a Cognito domain with a path',
      {
        apiBaseUrl: '',
        auth: { mode: 'cognito', domain: 'https://login.example/x', clientId: 'c', region: 'r' },
      },
      /auth.domain/,
    ],
    [
      'a redirect path to another site',
      {
        apiBaseUrl: '',
        auth: {
          mode: 'cognito',
          domain: 'login.example',
          clientId: 'c',
          region: 'r',
          redirectPath: '//evil.example',
        },
      },
      /redirectPath/,
    ],
  ])('rejects %s', (_name, value, message) => {
    expect(() => parseRuntimeConfig(value)).toThrow(ConfigError);
    expect(() => parseRuntimeConfig(value)).toThrow(message);
  });

  it("carries the deployment's evidence size limit when it names one", () => {
    expect(parseRuntimeConfig({ apiBaseUrl: '', auth: { mode: 'local' }, maxUploadBytes: 5242880 })).toEqual({
      apiBaseUrl: '',
      auth: { mode: 'local' },
      maxUploadBytes: 5242880,
    });
    expect(parseRuntimeConfig({ apiBaseUrl: '', auth: { mode: 'local' } })).not.toHaveProperty(
      'maxUploadBytes',
    );
    for (const bad of [0, -1, 1.5, '20MB']) {
      expect(() =>
        parseRuntimeConfig({ apiBaseUrl: '', auth: { mode: 'local' }, maxUploadBytes: bad }),
      ).toThrow(/maxUploadBytes/);
    }
  });
});
