/**
 * Enrolling an authenticator app (TOTP) for the signed-in person, straight against Cognito's user pools
 * API with their own access token (ADR 0008): `AssociateSoftwareToken` gives a secret, the person's app
 * shows a code, `VerifySoftwareToken` checks it, `SetUserMFAPreference` turns TOTP on. From then on
 * Cognito asks every sign-in of theirs for a code, and the API's guard lets a role that requires MFA in.
 *
 * Pure apart from the `fetch` it is given, so the integration test drives the very same requests against
 * cognito-local. The access token needs the `aws.cognito.signin.user.admin` scope (the dashboard's app
 * client allows it and `cognito.ts` asks for it).
 *
 * @example
 *   const cognito = createCognitoUserClient({ endpoint: identityEndpoint(auth), fetch });
 *   const secret = await cognito.associate(token);
 *   const uri = otpauthUri({ account: username, secret });  // shown as a QR code
 *   await cognito.verify(token, '123456');
 *   await cognito.preferTotp(token);
 */
import { ApiProblem } from './api';
import type { CognitoAuthConfig } from './config';

/** The name authenticator apps show above the code, and the label's prefix. */
export const TOTP_ISSUER = 'Abdi';

/** Cognito's endpoint for the user pools API of the config's region, unless config.json names one. */
export function identityEndpoint(auth: Pick<CognitoAuthConfig, 'region' | 'identityEndpoint'>): string {
  return auth.identityEndpoint ?? `https://cognito-idp.${auth.region}.amazonaws.com`;
}

/**
 * The Key URI authenticator apps read from a QR code:
 * `otpauth://totp/Abdi:pk.palopo?secret=…&issuer=Abdi`. The label is URL-encoded (a username may hold
 * `@`); SHA-1, 6 digits and 30 seconds are the defaults Cognito uses, so they are left out, as some apps
 * mishandle them when present.
 */
export function otpauthUri(options: { account: string; secret: string; issuer?: string }): string {
  const issuer = options.issuer ?? TOTP_ISSUER;
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(options.account)}`;
  const query = new URLSearchParams({ secret: options.secret, issuer });
  return `otpauth://totp/${label}?${query.toString()}`;
}

/** The secret in groups of four, easier to type into an app by hand: `ABCD EFGH …`. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The six digits the person typed, without spaces (apps show `123 456`), or null when it is not one. */
export function totpCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

/** Whether the API refused because the person's role requires MFA and they have none (403 `…/mfa-required`). */
export function isMfaRequired(error: unknown): boolean {
  return error instanceof ApiProblem && error.status === 403 && /\/mfa-required$/.test(error.type);
}

/** A refusal from Cognito: `code` is its exception name, e.g. `CodeMismatchException`. */
export class CognitoUserError extends Error {
  override readonly name = 'CognitoUserError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What the person can do about a failed step; the screen words each one. */
export type EnrolmentTrouble = 'wrong-code' | 'sign-in-again' | 'restart' | 'too-many' | 'network' | 'other';

export function enrolmentTrouble(error: unknown): EnrolmentTrouble {
  if (!(error instanceof CognitoUserError)) return 'other';
  switch (error.code) {
    // A code that does not match; Cognito says EnableSoftwareTokenMFAException for a wrong first code.
    case 'CodeMismatchException':
    case 'EnableSoftwareTokenMFAException':
    case 'ExpiredCodeException':
      return 'wrong-code';
    // The token expired, was revoked, or was issued without the scope these calls need.
    case 'NotAuthorizedException':
    case 'ForbiddenException':
      return 'sign-in-again';
    case 'SoftwareTokenMFANotFoundException':
    case 'InvalidParameterException':
      return 'restart';
    case 'TooManyRequestsException':
    case 'LimitExceededException':
      return 'too-many';
    case 'NetworkError':
      return 'network';
    default:
      return 'other';
  }
}

export interface TotpStatus {
  /** The Cognito username, which the QR code's label carries. */
  readonly username: string;
  readonly enabled: boolean;
}

export interface CognitoUserClient {
  /** The person's username and whether TOTP is enabled for them (`GetUser`). */
  status(accessToken: string): Promise<TotpStatus>;
  /** A new TOTP secret (base32) for the person; it replaces an earlier one only once verified. */
  associate(accessToken: string): Promise<string>;
  /** Checks a code from the app against the new secret; throws `CognitoUserError` when it is wrong. */
  verify(accessToken: string, code: string): Promise<void>;
  /** Turns TOTP on and makes it the preferred second factor. */
  preferTotp(accessToken: string): Promise<void>;
}

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

export function createCognitoUserClient(options: {
  /** `https://cognito-idp.<region>.amazonaws.com`, or an emulator's URL in tests. */
  readonly endpoint: string;
  readonly fetch: typeof fetch;
}): CognitoUserClient {
  const url = `${options.endpoint.replace(/\/+$/, '')}/`;

  async function call<T>(operation: string, body: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await options.fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `${TARGET_PREFIX}${operation}`,
        },
        body: JSON.stringify(body),
      });
    } catch {
      throw new CognitoUserError('NetworkError', `${operation}: Cognito could not be reached`);
    }
    const text = await response.text();
    let value: Record<string, unknown> = {};
    try {
      value = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      // A proxy's HTML page: keep the status only.
    }
    if (!response.ok) {
      const type = String(value.__type ?? response.headers.get('x-amzn-errortype') ?? 'UnknownError');
      // `__type` may be qualified (`com.amazonaws…#CodeMismatchException`) or carry `:…` details.
      const code = type.split('#').pop()?.split(':')[0] ?? type;
      const message = value.message ?? value.Message;
      throw new CognitoUserError(code, `${operation}: ${typeof message === 'string' ? message : code}`);
    }
    return value as T;
  }

  return {
    async status(accessToken) {
      const user = await call<{ Username?: string; UserMFASettingList?: string[] }>('GetUser', {
        AccessToken: accessToken,
      });
      return {
        username: String(user.Username ?? ''),
        enabled: (user.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA'),
      };
    },

    async associate(accessToken) {
      const { SecretCode } = await call<{ SecretCode?: string }>('AssociateSoftwareToken', {
        AccessToken: accessToken,
      });
      if (!SecretCode) throw new CognitoUserError('UnknownError', 'AssociateSoftwareToken: no secret');
      return SecretCode;
    },

    async verify(accessToken, code) {
      const { Status } = await call<{ Status?: string }>('VerifySoftwareToken', {
        AccessToken: accessToken,
        UserCode: code,
        FriendlyDeviceName: TOTP_ISSUER,
      });
      if (Status !== 'SUCCESS')
        throw new CognitoUserError('CodeMismatchException', 'The code does not match');
    },

    async preferTotp(accessToken) {
      await call('SetUserMFAPreference', {
        AccessToken: accessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      });
    },
  };
}
