import type { BrowserContext } from 'playwright-core';

/**
 * Serves the dashboard a cognito `config.json` in this browser context, so it signs in through the
 * hosted login at `domain` (a stand-in the test answers) instead of local mode's form.
 */
export function serveCognitoConfig(
  context: BrowserContext,
  auth: { domain: string; clientId: string; identityEndpoint?: string },
) {
  return context.route('**/config.json', (route) =>
    route.fulfill({
      json: {
        apiBaseUrl: '',
        auth: {
          mode: 'cognito',
          domain: auth.domain,
          clientId: auth.clientId,
          region: 'ap-southeast-3',
          redirectPath: '/auth/callback',
          ...(auth.identityEndpoint ? { identityEndpoint: auth.identityEndpoint } : {}),
        },
      },
    }),
  );
}
