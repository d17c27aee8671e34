import { decodeQR } from '@paulmillr/qr/decode.js';
import { describe, expect, it } from 'vitest';
import { parseProblem } from '../../../web/src/lib/api';
import { ConfigError, parseRuntimeConfig } from '../../../web/src/lib/config';
import {
  CognitoUserError,
  createCognitoUserClient,
  enrolmentTrouble,
  groupSecret,
  identityEndpoint,
  isMfaRequired,
  otpauthUri,
  totpCode,
} from '../../../web/src/lib/mfa-enrolment';
import { qrCodeDataUrl } from '../../../web/src/lib/totp-qr';

const PROBLEM = 'application/problem+json';
const problemOf = (status: number, slug: string) =>
  parseProblem(
    status,
    '',
    PROBLEM,
    JSON.stringify({ type: `https://abdi.id/problems/${slug}`, title: 't', status, detail: 'd' }),
  );

describe('authenticator enrolment: the pure pieces', () => {
  it('builds the otpauth URI authenticator apps read, issuer Abdi, label encoded', () => {
    expect(otpauthUri({ account: 'pk.palopo', secret: 'JBSWY3DPEHPK3PXP' })).toBe(
      'otpauth://totp/Abdi:pk.palopo?secret=JBSWY3DPEHPK3PXP&issuer=Abdi',
    );
    // A username with characters that would break the label or the query stays one label.
    const uri = new URL(otpauthUri({ account: 'a b@x&y', secret: 'ABC' }));
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Abdi:a b@x&y');
    expect(uri.pathname).not.toMatch(/[ @&]/);
    expect(uri.searchParams.get('secret')).toBe('ABC');
    expect(uri.searchParams.get('issuer')).toBe('Abdi');
  });

  it('groups the secret by four for typing, and takes a code typed as "123 456"', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPAB')).toBe('JBSW Y3DP EHPK 3PXP AB');
    expect(groupSecret('ABCD')).toBe('ABCD');
    expect(totpCode(' 123 456 ')).toBe('123456');
    expect(totpCode('123-456')).toBe('123456');
    expect(totpCode('12345')).toBeNull();
    expect(totpCode('12345a')).toBeNull();
    expect(totpCode('1234567')).toBeNull();
  });

  it('recognises the API refusal for a missing second factor, and nothing else', () => {
    expect(isMfaRequired(problemOf(403, 'mfa-required'))).toBe(true);
    expect(isMfaRequired(problemOf(403, 'forbidden'))).toBe(false);
    expect(isMfaRequired(problemOf(401, 'mfa-required'))).toBe(false);
    expect(isMfaRequired(problemOf(403, 'not-mfa-required-really/other'))).toBe(false);
    expect(isMfaRequired(new Error('mfa-required'))).toBe(false);
  });

  it('draws a QR code that decodes back to the otpauth URI', () => {
    // Arrange
    const uri = otpauthUri({ account: 'admin.palopo', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' });

    // Act
    const url = qrCodeDataUrl(uri);

    // Assess: rasterise the SVG's modules and read them as a camera would.
    expect(url.startsWith('data:image/svg+xml,')).toBe(true);
    const svg = decodeURIComponent(url.slice('data:image/svg+xml,'.length));
    const [, size] = /viewBox="0 0 (\d+) \d+"/.exec(svg) ?? [];
    const n = Number(size);
    const scale = 4;
    const width = n * scale;
    const data = new Uint8Array(width * width * 4).fill(255);
    for (const [, x, y] of svg.matchAll(/<rect x="(\d+)" y="(\d+)" width="1" height="1"/g)) {
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const i = ((Number(y) * scale + dy) * width + Number(x) * scale + dx) * 4;
          data.fill(0, i, i + 3);
        }
      }
    }
    expect(decodeQR({ width, height: width, data })).toBe(uri);
  });

  it('defaults the user pools API to the region, or takes the https origin config.json names', () => {
    const auth = { mode: 'cognito', domain: 'login.abdi.example', clientId: 'c', region: 'ap-southeast-3' };
    const plain = parseRuntimeConfig({ apiBaseUrl: '', auth });
    expect(plain.auth.mode === 'cognito' && identityEndpoint(plain.auth)).toBe(
      'https://cognito-idp.ap-southeast-3.amazonaws.com',
    );
    const named = parseRuntimeConfig({
      apiBaseUrl: '',
      auth: { ...auth, identityEndpoint: 'https://cognito-idp.ap-southeast-3.amazonaws.com/' },
    });
    expect(named.auth.mode === 'cognito' && named.auth.identityEndpoint).toBe(
      'https://cognito-idp.ap-southeast-3.amazonaws.com',
    );
    for (const bad of ['http://cognito-idp.example', 'https://x.example/path', 'nope', 42]) {
      expect(() => parseRuntimeConfig({ apiBaseUrl: '', auth: { ...auth, identityEndpoint: bad } })).toThrow(
        ConfigError,
      );
    }
  });
});

describe('authenticator enrolment: the requests to Cognito', () => {
  /** A fetch that records each request and answers with the next canned response. */
  function cognitoStub(...answers: Array<{ status: number; body: unknown }>) {
    const seen: Array<{ url: string; target: string | null; type: string | null; body: unknown }> = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      seen.push({
        url: String(input),
        target: headers.get('x-amz-target'),
        type: headers.get('content-type'),
        body: JSON.parse(String(init?.body)),
      });
      const answer = answers.shift() ?? { status: 500, body: {} };
      return new Response(JSON.stringify(answer.body), { status: answer.status });
    }) as typeof globalThis.fetch;
    return { seen, client: createCognitoUserClient({ endpoint: 'https://idp.example/', fetch }) };
  }

  it('posts each step to the endpoint as the AWS JSON protocol, with the person’s access token', async () => {
    // Arrange
    const { seen, client } = cognitoStub(
      { status: 200, body: { SecretCode: 'SECRET' } },
      { status: 200, body: { Status: 'SUCCESS' } },
      { status: 200, body: {} },
    );

    // Act
    const secret = await client.associate('tok');
    await client.verify('tok', '123456');
    await client.preferTotp('tok');

    // Assess
    expect(secret).toBe('SECRET');
    expect(seen.map((s) => [s.url, s.type])).toEqual(
      Array(3).fill(['https://idp.example/', 'application/x-amz-json-1.1']),
    );
    expect(seen.map((s) => s.target)).toEqual([
      'AWSCognitoIdentityProviderService.AssociateSoftwareToken',
      'AWSCognitoIdentityProviderService.VerifySoftwareToken',
      'AWSCognitoIdentityProviderService.SetUserMFAPreference',
    ]);
    expect(seen[1]?.body).toMatchObject({ AccessToken: 'tok', UserCode: '123456' });
    expect(seen[2]?.body).toEqual({
      AccessToken: 'tok',
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
  });

  it('turns Cognito refusals into what the person can do', async () => {
    // Arrange: a wrong code, a token without the scope, a qualified type, and an ERROR status.
    const { client } = cognitoStub(
      { status: 400, body: { __type: 'EnableSoftwareTokenMFAException', message: 'Code mismatch' } },
      {
        status: 400,
        body: { __type: 'NotAuthorizedException', message: 'Access Token does not have required scopes' },
      },
      { status: 400, body: { __type: 'com.amazonaws.cognito#TooManyRequestsException' } },
      { status: 200, body: { Status: 'ERROR' } },
    );

    // Act
    const outcomes = [];
    for (const step of [
      () => client.verify('tok', '000000'),
      () => client.associate('tok'),
      () => client.associate('tok'),
      () => client.verify('tok', '000000'),
    ]) {
      outcomes.push(
        await step().then(
          () => 'ok',
          (error: unknown) => enrolmentTrouble(error),
        ),
      );
    }

    // Assess
    expect(outcomes).toEqual(['wrong-code', 'sign-in-again', 'too-many', 'wrong-code']);
    expect(enrolmentTrouble(new Error('x'))).toBe('other');
    expect(enrolmentTrouble(new CognitoUserError('SoftwareTokenMFANotFoundException', 'x'))).toBe('restart');
  });

  it('says "network" when Cognito cannot be reached', async () => {
    const client = createCognitoUserClient({
      endpoint: 'https://idp.example',
      fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch,
    });
    await expect(client.status('tok').catch(enrolmentTrouble)).resolves.toBe('network');
  });
});
