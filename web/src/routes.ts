/**
 * The route table: one line per screen. `public` routes are reachable signed out; every other route
 * sends a signed-out user to `/login?next=…`. `office` routes live under `/o/:officeId` and are shown
 * inside `OfficeFrame`, which checks that the user belongs to that office. Unknown paths go home.
 *
 * Screens other than sign-in and the office home are loaded with `import()` when first opened, so the
 * first page on a slow connection downloads only what it shows.
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

export const routes: readonly RouteDefinition[] = [
  { pattern: '/login', load: eager(LoginScreen), title: m.login_page_title, public: true },
  { pattern: '/', load: eager(RootScreen), title: m.home_page_title },
  {
    pattern: '/account',
    load: lazy(() => import('./screens/account/AccountScreen.svelte')),
    title: m.account_page_title,
  },
  { pattern: '/o/:officeId', load: eager(HomeScreen), title: m.home_page_title, office: true },
  {
    pattern: '/o/:officeId/cases',
    load: lazy(() => import('./screens/cases/CaseListScreen.svelte')),
    title: m.cases_page_title,
    office: true,
  },
  {
    pattern: '/o/:officeId/cases/new',
    load: lazy(() => import('./screens/new-case/NewCaseScreen.svelte')),
    title: m.new_case_page_title,
    office: true,
  },
  {
    pattern: '/o/:officeId/cases/:caseId',
    load: lazy(() => import('./screens/case/CaseScreen.svelte')),
    title: m.case_page_title,
    office: true,
  },
  {
    pattern: '/o/:officeId/clients/new',
    load: lazy(() => import('./screens/new-client/NewClientScreen.svelte')),
    title: m.new_client_page_title,
    office: true,
  },
];

export function findRoute(pathname: string): { route: RouteDefinition; params: RouteParams } | null {
  for (const route of routes) {
    const params = matchPath(route.pattern, pathname);
    if (params) return { route, params };
  }
  return null;
}
