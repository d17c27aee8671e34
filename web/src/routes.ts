/**
 * The route table: one line per screen. `public` routes are reachable signed out; every other route
 * sends a signed-out user to `/login?next=…`. `office` routes live under `/o/:officeId` and are shown
 * inside `OfficeFrame`, which checks that the user belongs to that office. Unknown paths go home.
 *
 * Screens other than sign-in and the office home are loaded with `import()` when first opened, so the
 * first page on a slow connection downloads only what it shows. More specific patterns come first
 * (`/cases/new` before `/cases/:caseId`).
 */
import type { Component } from 'svelte';
import { m } from './paraglide/messages.js';
import { matchPath, type RouteParams } from './lib/paths';
import LoginScreen from './screens/login/LoginScreen.svelte';
import RootScreen from './screens/root/RootScreen.svelte';
import HomeScreen from './screens/home/HomeScreen.svelte';

export type Screen = Component<{ params: RouteParams }>;

export interface RouteDefinition {
  readonly pattern: string;
  /** Resolves the screen; the same promise every time once loaded. */
  readonly load: () => Promise<Screen>;
  /** The page's name in the browser tab. */
  readonly title: () => string;
  readonly public?: boolean;
  /** Under `/o/:officeId`: needs a membership in that office. */
  readonly office?: boolean;
}

const eager = (screen: Screen) => () => Promise.resolve(screen);

/** A screen fetched on first use; a failed download (a dropped connection) is tried again next time. */
function lazy(importer: () => Promise<{ default: Screen }>): () => Promise<Screen> {
  let pending: Promise<Screen> | undefined;
  return () =>
    (pending ??= importer().then(
      (module) => module.default,
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    ));
}

/** The Cognito callback; its path comes from `config.json` (`auth.redirectPath`). */
export const callbackRoute: RouteDefinition = {
  pattern: '/auth/callback',
  load: lazy(() => import('./screens/auth-callback/CallbackScreen.svelte')),
  title: m.callback_page_title,
  public: true,
};

const office = (pattern: string, load: () => Promise<Screen>, title: () => string): RouteDefinition => ({
  pattern: `/o/:officeId${pattern}`,
  load,
  title,
  office: true,
});

export const routes: readonly RouteDefinition[] = [
  { pattern: '/login', load: eager(LoginScreen), title: m.login_page_title, public: true },
  {
    pattern: '/set-password',
    load: lazy(() => import('./screens/set-password/SetPasswordScreen.svelte')),
    title: m.set_password_page_title,
    public: true,
  },
  {
    // What a document's QR code opens (ADR 0015): anyone, signed in or not, outside the office frame.
    pattern: '/v/:documentId',
    load: lazy(() => import('./screens/verify/VerifyScreen.svelte')),
    title: m.verify_page_title,
    public: true,
  },
  { pattern: '/', load: eager(RootScreen), title: m.home_page_title },
  {
    pattern: '/account',
    load: lazy(() => import('./screens/account/AccountScreen.svelte')),
    title: m.account_page_title,
  },
  {
    pattern: '/region',
    load: lazy(() => import('./screens/regional/RegionalScreen.svelte')),
    title: m.region_page_title,
  },
  office('', eager(HomeScreen), m.home_page_title),
  office(
    '/cases',
    lazy(() => import('./screens/cases/CaseListScreen.svelte')),
    m.cases_page_title,
  ),
  office(
    '/cases/new',
    lazy(() => import('./screens/new-case/NewCaseScreen.svelte')),
    m.new_case_page_title,
  ),
  office(
    '/cases/:caseId',
    lazy(() => import('./screens/case/CaseScreen.svelte')),
    m.case_page_title,
  ),
  office(
    '/clients/new',
    lazy(() => import('./screens/new-client/NewClientScreen.svelte')),
    m.new_client_page_title,
  ),
  office(
    '/clients/:clientId',
    lazy(() => import('./screens/client/ClientScreen.svelte')),
    m.client_page_title,
  ),
  office(
    '/partners',
    lazy(() => import('./screens/partners/PartnersScreen.svelte')),
    m.partners_page_title,
  ),
  office(
    '/partners/new',
    lazy(() => import('./screens/partners/NewPartnerScreen.svelte')),
    m.partner_new_page_title,
  ),
  office(
    '/partners/:partnerId',
    lazy(() => import('./screens/partners/PartnerScreen.svelte')),
    m.partner_page_title,
  ),
  office(
    '/site-load',
    lazy(() => import('./screens/site-load/SiteLoadScreen.svelte')),
    m.site_load_page_title,
  ),
  office(
    '/sites/new',
    lazy(() => import('./screens/sites/NewSiteScreen.svelte')),
    m.site_new_page_title,
  ),
  office(
    '/sites/:siteId',
    lazy(() => import('./screens/sites/SiteScreen.svelte')),
    m.site_page_title,
  ),
  office(
    '/settings',
    lazy(() => import('./screens/settings/OfficeSettingsScreen.svelte')),
    m.settings_page_title,
  ),
  office(
    '/users',
    lazy(() => import('./screens/users/UsersScreen.svelte')),
    m.users_page_title,
  ),
  office(
    '/audit/nik-reveals',
    lazy(() => import('./screens/nik-reveals/NikRevealsScreen.svelte')),
    m.nik_reveals_page_title,
  ),
  office(
    '/data-requests',
    lazy(() => import('./screens/data-requests/DataRequestsScreen.svelte')),
    m.data_requests_page_title,
  ),
  office(
    '/retention',
    lazy(() => import('./screens/retention/RetentionScreen.svelte')),
    m.retention_page_title,
  ),
  office(
    '/data-protection',
    lazy(() => import('./screens/data-protection/DataProtectionScreen.svelte')),
    m.pdp_page_title,
  ),
  office(
    '/breaches',
    lazy(() => import('./screens/breaches/BreachesScreen.svelte')),
    m.breaches_page_title,
  ),
  office(
    '/breaches/:breachId',
    lazy(() => import('./screens/breaches/BreachScreen.svelte')),
    m.breach_page_title,
  ),
  office(
    '/integrations',
    lazy(() => import('./screens/integrations/IntegrationsScreen.svelte')),
    m.integrations_page_title,
  ),
  office(
    '/webhooks',
    lazy(() => import('./screens/webhooks/WebhooksScreen.svelte')),
    m.webhooks_page_title,
  ),
  office(
    '/webhooks/:webhookId',
    lazy(() => import('./screens/webhooks/WebhookDeliveriesScreen.svelte')),
    m.webhook_deliveries_page_title,
  ),
  office(
    '/reports',
    lazy(() => import('./screens/reports/ReportsScreen.svelte')),
    m.reports_page_title,
  ),
  office(
    '/imports',
    lazy(() => import('./screens/imports/ImportsScreen.svelte')),
    m.imports_page_title,
  ),
  office(
    '/imports/:importId',
    lazy(() => import('./screens/imports/ImportScreen.svelte')),
    m.import_page_title,
  ),
];

/** The route for a path; `callbackPath` is where Cognito returns (cognito mode only). */
export function findRoute(
  pathname: string,
  callbackPath?: string,
): { route: RouteDefinition; params: RouteParams } | null {
  if (callbackPath && matchPath(callbackPath, pathname)) return { route: callbackRoute, params: {} };
  for (const route of routes) {
    const params = matchPath(route.pattern, pathname);
    if (params) return { route, params };
  }
  return null;
}
