import { describe, expect, it, vi } from 'vitest';
import { createAuthorizer, UNAUTHORIZED } from '../../../functions/authorizer/authorize';
import {
  cachedOriginSecrets,
  matchesOriginSecret,
  ORIGIN_VERIFY_HEADER,
} from '../../../functions/authorizer/origin-verify';

/**
 * The origin check of the API's Lambda authorizer (ADR 0017): CloudFront adds `x-origin-verify` with the
 * secret's value; a request without it did not come through the distribution and its WAF. The token
 * check itself is tested against real signatures in test/integration/cloud-authorizer.test.ts.
 */
const CURRENT = 'c'.repeat(48);
const PREVIOUS = 'p'.repeat(48);
const publicRouteKeys = new Set(['GET /health', 'GET /v1/verify/{documentId}']);

function setup(accepted: readonly string[] = [CURRENT]) {
  const refusals: string[] = [];
  const verify = vi.fn(async (token: string) => {
    if (token !== 'good-token') throw Object.assign(new Error('bad'), { name: 'JwtInvalidSignatureError' });
    return { sub: 's', client_id: 'partner-client', token_use: 'access', scope: 'abdi/cases:read' };
  });
  const authorize = createAuthorizer(
    { verify },
    {
      onRefused: (reason) => refusals.push(reason),
      origin: { secrets: { accepted: async () => accepted }, publicRouteKeys },
    },
  );
  return { authorize, verify, refusals };
}

const event = (
  routeKey: string,
  headers: Record<string, string>,
  token: string | undefined = headers.authorization,
) => ({ routeKey, headers, identitySource: token === undefined ? [] : [token] });

describe('the authorizer behind CloudFront', () => {
  it('lets a request with the origin header and a valid token through, with its claims', async () => {
    // Prepare
    const { authorize } = setup();

    // Act
    const result = await authorize(
      event('ANY /v1/{proxy+}', { authorization: 'Bearer good-token', [ORIGIN_VERIFY_HEADER]: CURRENT }),
    );

    // Assess
    expect(result).toEqual({
      isAuthorized: true,
      context: expect.objectContaining({ client_id: 'partner-client' }),
    });
  });

  it.each([
    ['without the header', {}, 'no origin header'],
    ['with a wrong value', { [ORIGIN_VERIFY_HEADER]: 'x'.repeat(48) }, 'origin header does not match'],
    ['with a value of another length', { [ORIGIN_VERIFY_HEADER]: 'short' }, 'origin header does not match'],
  ])('refuses (403) a valid token %s, before verifying it', async (_name, origin, reason) => {
    // Prepare
    const { authorize, verify, refusals } = setup();

    // Act
    const result = await authorize(
      event('ANY /v1/{proxy+}', { authorization: 'Bearer good-token', ...origin }),
    );

    // Assess
    expect(result).toEqual({ isAuthorized: false, context: {} });
    expect(verify).not.toHaveBeenCalled();
    expect(refusals).toEqual([reason]);
  });

  it('accepts the previous value during a rotation, and reads the header whatever its case', async () => {
    // Prepare
    const { authorize } = setup([CURRENT, PREVIOUS]);

    // Act
    const result = await authorize(
      event(
        'ANY /v1/{proxy+}',
        { Authorization: 'Bearer good-token', 'X-Origin-Verify': PREVIOUS },
        'Bearer good-token',
      ),
    );

    // Assess
    expect(result.isAuthorized).toBe(true);
  });

  it('still needs a valid token on a route that is not public', async () => {
    // Prepare
    const { authorize } = setup();

    // Act / Assess
    await expect(
      authorize(
        event('ANY /v1/{proxy+}', { [ORIGIN_VERIFY_HEADER]: CURRENT, authorization: 'Bearer forged' }),
      ),
    ).rejects.toThrow(UNAUTHORIZED);
  });

  it('lets a public route through on the origin header alone, with no claims', async () => {
    // Prepare
    const { authorize, verify } = setup();

    // Act
    const health = await authorize(event('GET /health', { [ORIGIN_VERIFY_HEADER]: CURRENT }));
    const direct = await authorize(event('GET /v1/verify/{documentId}', {}));

    // Assess
    expect(health).toEqual({ isAuthorized: true, context: {} });
    expect(direct).toEqual({ isAuthorized: false, context: {} });
    expect(verify).not.toHaveBeenCalled();
  });
});

describe('matchesOriginSecret', () => {
  it.each([
    [CURRENT, [CURRENT], true],
    [PREVIOUS, [CURRENT, PREVIOUS], true],
    [undefined, [CURRENT], false],
    ['', [''], false],
    [CURRENT.slice(1), [CURRENT], false],
    [`${CURRENT}x`, [CURRENT], false],
  ])('%s against %j is %s', (presented, accepted, expected) => {
    // Act / Assess
    expect(matchesOriginSecret(presented, accepted)).toBe(expected);
  });
});

describe('cachedOriginSecrets', () => {
  it('reads the current and previous versions once per five minutes', async () => {
    // Prepare
    let now = 0;
    const read = vi.fn(async (stage: string) => (stage === 'AWSCURRENT' ? CURRENT : PREVIOUS));
    const secrets = cachedOriginSecrets(read, { now: () => now });

    // Act
    const first = await secrets.accepted();
    now = 4 * 60_000;
    await secrets.accepted();
    const callsWithinFiveMinutes = read.mock.calls.length;
    now = 5 * 60_000;
    await secrets.accepted();

    // Assess
    expect(first).toEqual([CURRENT, PREVIOUS]);
    expect(callsWithinFiveMinutes).toBe(2);
    expect(read).toHaveBeenCalledTimes(4);
  });

  it('accepts the current value alone before the first rotation, and fails without one', async () => {
    // Act / Assess
    await expect(
      cachedOriginSecrets(async (stage) => (stage === 'AWSCURRENT' ? CURRENT : undefined)).accepted(),
    ).resolves.toEqual([CURRENT]);
    await expect(cachedOriginSecrets(async () => undefined).accepted()).rejects.toThrow(/no current value/);
  });
});

describe('the authorizer entry', () => {
  it('refuses to start without the origin secret, so it can never skip the check', async () => {
    // Prepare
    vi.resetModules();
    vi.stubEnv('ORIGIN_SECRET_ARN', '');
    vi.stubEnv('COGNITO_USER_POOL_ID', 'ap-southeast-3_AbdiTest1');

    // Act / Assess
    await expect(import('../../../functions/handlers/api-authorizer')).rejects.toThrow(
      /ORIGIN_SECRET_ARN is not set/,
    );
    vi.unstubAllEnvs();
  });
});
