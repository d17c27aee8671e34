/**
 * The route table: one line per screen. `public` routes are reachable signed out; every other route
 * sends a signed-out user to `/login?next=…`. Unknown paths go home.
 */
import type { Component } from 'svelte';
import { m } from './paraglide/messages.js';
import { matchPath, type RouteParams } from './lib/paths';
import HomeScreen from './screens/home/HomeScreen.svelte';
import LoginScreen from './screens/login/LoginScreen.svelte';

export interface RouteDefinition {
  readonly pattern: string;
  readonly component: Component<{ params: RouteParams }>;
  /** The page's name in the browser tab. */
  readonly title: () => string;
  readonly public?: boolean;
}

export const routes: readonly RouteDefinition[] = [
  { pattern: '/login', component: LoginScreen, title: m.login_page_title, public: true },
  { pattern: '/', component: HomeScreen, title: m.home_page_title },
];

export function findRoute(pathname: string): { route: RouteDefinition; params: RouteParams } | null {
  for (const route of routes) {
    const params = matchPath(route.pattern, pathname);
    if (params) return { route, params };
  }
  return null;
}
