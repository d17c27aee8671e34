import {
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  UserNotFoundException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { Membership } from '../../functions/identity/principal';
import { CognitoIdentityProvider } from '../../functions/store/cognito-identity-provider';
import type { Claims, LocalAuth } from './local-auth';

const REFUSALS = new Set([
  'InvalidPasswordException',
  'PasswordResetRequiredException',
  'UserNotConfirmedException',
]);

/**
 * Local sign-in through cognito-local (`npm start -- --auth cognito-local`): people's tokens are issued
 * by the emulated user pool and verified against its JWKS, as the cloud verifies Cognito's.
 *
 * The dashboard keeps its local sign-in form: `/local/auth/login` does `InitiateAuth`
 * (USER_PASSWORD_AUTH) with a local-only app client, because the hosted UI does not exist locally. A
 * sign-in that Cognito answers with a challenge (a new password, a TOTP code) fails there; use the SDK
 * against the emulator for those. Machine clients keep local mode's own client-credentials tokens
 * (`fallback`), which is why verification picks the verifier by issuer.
 */
export function createCognitoLocalAuth(options: {
  cognito: CognitoIdentityProviderClient;
  endpoint: string;
  userPoolId: string;
  clientId: string;
  fallback: LocalAuth;
}): LocalAuth {
  const issuer = `${options.endpoint}/${options.userPoolId}`;
  const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  const { fallback } = options;

  return {
    async verify(token) {
      // Only picks the verifier; the chosen one checks everything, the issuer included.
      if (decodeJwt(token).iss !== issuer) return fallback.verify(token);
      const { payload } = await jwtVerify(token, jwks, { issuer, algorithms: ['RS256'] });
      if (payload.token_use !== 'access') throw new Error('not an access token');
      if (typeof payload.client_id !== 'string') throw new Error('no client id');
      return payload as Claims;
    },
    async login(username, password) {
      try {
        const result = await options.cognito.send(
          new InitiateAuthCommand({
            ClientId: options.clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: username, PASSWORD: password },
          }),
        );
        const accessToken = result.AuthenticationResult?.AccessToken;
        if (!accessToken) return undefined;
        return { accessToken, expiresIn: result.AuthenticationResult?.ExpiresIn ?? 3600 };
      } catch (error) {
        if (error instanceof NotAuthorizedException || error instanceof UserNotFoundException)
          return undefined;
        // cognito-local answers a wrong password with InvalidPasswordException, where Cognito says
        // NotAuthorized; either way the form says only "wrong username or password".
        if (REFUSALS.has((error as { name?: string }).name ?? '')) return undefined;
        throw error;
      }
    },
    clientCredentials: (clientId, secret, scopes) => fallback.clientCredentials(clientId, secret, scopes),
    setPassword: (principal, password, scopes) => fallback.setPassword(principal, password, scopes),
    redeemInvitation: (token, password) => fallback.redeemInvitation(token, password),
  };
}

/**
 * Puts the demo people into the emulated pool as an office admin's invitation would (through the same
 * adapter), with their roles as groups and a permanent password. Safe to repeat on every start.
 */
export async function seedCognitoUsers(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  users: readonly { username: string; email: string; fullName: string; memberships: readonly Membership[] }[],
  password: string,
): Promise<void> {
  const provider = new CognitoIdentityProvider(cognito, userPoolId);
  for (const user of users) {
    await provider.invite(user);
    await provider.syncGroups(user.username, [...new Set(user.memberships.map((m) => m.role))]);
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: user.username,
        Password: password,
        Permanent: true,
      }),
    );
  }
}
